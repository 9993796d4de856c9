#include "argument_checks.hpp"

#include "cli_support.hpp"

namespace handleguard::cli {

namespace fs = std::filesystem;

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
