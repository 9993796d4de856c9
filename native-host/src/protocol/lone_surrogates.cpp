#include "protocol/lone_surrogates.hpp"

#include <cstdint>

namespace handleguard::protocol {

namespace {
// The code unit of the \uXXXX escape at `at` (where the backslash is), if that is one.
std::optional<std::uint32_t> escaped_unit_at(std::string_view text, std::size_t at) {
  if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return std::nullopt;
  std::uint32_t unit = 0;
  for (std::size_t i = at + 2; i < at + 6; ++i) {
    const char c = text[i];
    std::uint32_t digit = 0;
    if (c >= '0' && c <= '9') digit = static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') digit = static_cast<std::uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') digit = static_cast<std::uint32_t>(c - 'A' + 10);
    else return std::nullopt;
    unit = unit * 16 + digit;
  }
  return unit;
}

bool is_high(std::uint32_t unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_low(std::uint32_t unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }
} // namespace

std::optional<std::string> with_lone_surrogates_replaced(std::string_view json_text) {
  constexpr std::size_t escape_length = 6; // \uXXXX
  std::string out;
  bool replaced = false;
  std::size_t copied = 0;
  for (std::size_t at = json_text.find('\\'); at != std::string_view::npos; at = json_text.find('\\', at)) {
    const auto unit = escaped_unit_at(json_text, at);
    if (!unit) {
      at += 2; // any other escape, "\\" included: its second byte escapes nothing
      continue;
    }
    if (is_high(*unit)) {
      if (const auto next = escaped_unit_at(json_text, at + escape_length); next && is_low(*next)) {
        at += 2 * escape_length;
        continue;
      }
    }
    if (is_high(*unit) || is_low(*unit)) {
      out.append(json_text.substr(copied, at - copied));
      out += "\\ufffd";
      replaced = true;
      copied = at + escape_length;
    }
    at += escape_length;
  }
  if (!replaced) return std::nullopt;
  out.append(json_text.substr(copied));
  return out;
}

} // namespace handleguard::protocol
