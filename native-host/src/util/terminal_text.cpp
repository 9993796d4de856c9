#include "util/terminal_text.hpp"

#include <cstdint>
#include <cstdio>

#include <unicode/utf8.h>

#include "util/message_excerpt.hpp"

namespace handleguard::util {

std::string terminal_text(std::string_view text) { return message_excerpt(text, std::string_view::npos); }

std::string terminal_lines(std::string_view text) {
  std::string out;
  for (std::size_t start = 0;;) {
    const auto end = text.find_first_of("\n\t", start);
    out += terminal_text(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    out += text[end];
    start = end + 1;
  }
}

std::string terminal_json(std::string_view json_text) {
  std::string out;
  out.reserve(json_text.size());
  const auto *const bytes = reinterpret_cast<const std::uint8_t *>(json_text.data());
  const auto length = static_cast<std::int32_t>(json_text.size());
  for (std::int32_t at = 0; at < length;) {
    const std::int32_t begin = at;
    UChar32 c = 0;
    U8_NEXT(bytes, at, length, c);
    // C0 controls stand in a string only as escapes already; outside strings they are the
    // text's own line breaks.
    if (c >= 0x7F && acts_on_a_terminal(static_cast<char32_t>(c))) {
      char escaped[16];
      std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out.append(json_text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(at - begin)));
    }
  }
  return out;
}

} // namespace handleguard::util
