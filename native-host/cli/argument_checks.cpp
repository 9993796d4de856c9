#include "argument_checks.hpp"

#include <algorithm>
#include <charconv>

#include "cli_support.hpp"
#include "util/atomic_file.hpp"
#include "util/message_excerpt.hpp"
#include "util/utf.hpp"

namespace handleguard::cli {

namespace fs = std::filesystem;

const CLI::Validator &utf8_text() {
  static const CLI::Validator validator(
      [](const std::string &value) { return util::is_valid_utf8(value) ? std::string() : std::string("not valid UTF-8"); },
      "", "utf8_text");
  return validator;
}

namespace {
bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// 0.1 as "0.1", not std::to_string's "0.100000".
std::string shortest(double value) {
  char text[32];
  const auto written = std::to_chars(std::begin(text), std::end(text), value);
  return {std::begin(text), written.ptr};
}
} // namespace

CLI::Validator whole_number(std::uint64_t max) {
  const std::string range = "a whole number from 0 to " + std::to_string(max);
  return {[max, range](std::string &value) {
            std::uint64_t number = 0;
            const auto *const end = value.data() + value.size();
            if (!all_digits(value) || std::from_chars(value.data(), end, number).ec != std::errc() || number > max) {
              return "\"" + util::message_excerpt(value) + "\" is not " + range;
            }
            value = std::to_string(number); // "010" is ten, not CLI11's octal eight
            return std::string();
          },
          range, "whole_number"};
}

CLI::Validator seconds_between(double min, double max) {
  const std::string range = "seconds from " + shortest(min) + " to " + shortest(max);
  return {[min, max, range](std::string &value) {
            const auto point = value.find('.');
            const std::string_view whole = std::string_view(value).substr(0, point);
            const std::string_view fraction = point == std::string::npos ? "1" : std::string_view(value).substr(point + 1);
            double seconds = 0;
            if (!all_digits(whole) || !all_digits(fraction) ||
                std::from_chars(value.data(), value.data() + value.size(), seconds).ec != std::errc() || !(seconds >= min && seconds <= max)) {
              return "\"" + util::message_excerpt(value) + "\" is not a number of " + range;
            }
            return std::string();
          },
          range, "seconds_between"};
}

void require_input_file(const fs::path &path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) throw CliError(exit_code::no_input, path.string() + ": no such file");
  if (error) throw CliError(exit_code::no_input, "cannot read " + path.string() + ": " + error.message());
}

std::string read_input_file(const fs::path &path, std::size_t max_bytes) {
  require_input_file(path);
  auto content = util::read_file_or_why(path, max_bytes);
  if (!content) throw CliError(content.error().too_large ? exit_code::data_error : exit_code::no_input, content.error().message);
  return std::move(*content);
}

bool output_exists(const fs::path &path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return false;
  if (error) throw CliError(exit_code::cant_create, "cannot write " + path.string() + ": " + error.message());
  return true;
}

} // namespace handleguard::cli
