#include "argument_checks.hpp"

#include "cli_support.hpp"
#include "util/utf.hpp"

namespace handleguard::cli {

namespace fs = std::filesystem;

const CLI::Validator &utf8_text() {
  static const CLI::Validator validator(
      [](const std::string &value) { return util::is_valid_utf8(value) ? std::string() : std::string("not valid UTF-8"); },
      "", "utf8_text");
  return validator;
}

void require_input_file(const fs::path &path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) throw CliError(exit_code::no_input, path.string() + ": no such file");
  if (error) throw CliError(exit_code::no_input, "cannot read " + path.string() + ": " + error.message());
}

bool output_exists(const fs::path &path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return false;
  if (error) throw CliError(exit_code::cant_create, "cannot write " + path.string() + ": " + error.message());
  return true;
}

} // namespace handleguard::cli
