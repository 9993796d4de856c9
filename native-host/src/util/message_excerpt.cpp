#include "util/message_excerpt.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include <unicode/utf8.h>

#include "util/terminal_text.hpp"
#include "util/utf.hpp"

namespace handleguard::util {

std::string message_excerpt(std::string_view text, std::size_t max_characters) {
  std::string out;
  std::size_t characters = 0;
  // No character is longer than 4 bytes: what lies past these is never quoted.
  const std::string_view head = max_characters >= text.size() ? text : text.substr(0, std::min(text.size(), (max_characters + 1) * 4));
  const auto *const bytes = reinterpret_cast<const std::uint8_t *>(head.data());
  std::int32_t at = 0;
  const auto length = static_cast<std::int32_t>(head.size());
  while (at < length) {
    if (characters == max_characters) {
      out += "…";
      break;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, at, length, c);
    if (c < 0) c = 0xFFFD;
    const auto code_point = static_cast<char32_t>(c);
    if (acts_on_a_terminal(code_point)) {
      char escaped[16];
      std::snprintf(escaped, sizeof escaped, "\\u{%X}", static_cast<unsigned>(code_point));
      out += escaped;
    } else {
      append_utf8(out, code_point);
    }
    ++characters;
  }
  return out;
}

} // namespace handleguard::util
