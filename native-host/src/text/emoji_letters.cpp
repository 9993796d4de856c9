#include "text/emoji_letters.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#include <unicode/uchar.h>

#include "text/utf8_step.hpp"
#include "util/utf.hpp"

namespace handleguard::text {

namespace {
constexpr char32_t zero_width_space = 0x200B;
constexpr char32_t zero_width_joiner = 0x200D;
// Three or more make a masked word ("b💩💩💩h", text/masked_words.hpp); beyond this many in a row
// they are decoration, not letters.
constexpr std::size_t max_emoji_in_a_row = 8;

// What an emoji carries after its pictograph: variation selectors, skin tones, a keycap, tags.
bool continues_emoji(char32_t c) {
  return c == 0xFE0E || c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F);
}

// The code point that ends before byte `at` (a valid UTF-8 text), looking through what the
// matcher reads through; 0 when there is none.
char32_t code_point_before(std::string_view text, std::size_t at) {
  while (at > 0) {
    std::size_t begin = at - 1;
    while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0U) == 0x80U) --begin;
    const char32_t c = detail::decode_at(text, begin).value;
    if (!is_see_through(c)) return c;
    at = begin;
  }
  return 0;
}
} // namespace

bool is_see_through(char32_t c) {
  if (c < 0x80) return false;
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_FORMAT_CHAR || type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK;
}

bool is_pictograph(char32_t c) { return c >= 0x80 && u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EXTENDED_PICTOGRAPHIC) != 0; }

bool is_letter_like(char32_t c) {
  if (c < 0x80) {
    // A star too: an emoji beside one is a second hidden letter ("s*💩t").
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@' || c == '$' || c == '!' || c == '|' ||
           c == '*';
  }
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}

std::size_t emoji_end(std::string_view text, std::size_t at) {
  at += detail::decode_at(text, at).length;
  while (at < text.size()) {
    const auto [c, length] = detail::decode_at(text, at);
    if (continues_emoji(c)) {
      at += length;
    } else if (c == zero_width_joiner && at + length < text.size() && is_pictograph(detail::decode_at(text, at + length).value)) {
      at += length;
      at += detail::decode_at(text, at).length;
    } else if (is_see_through(c)) {
      at += length; // read through, as part of the emoji ("🦆\u0336", "💩\u200B")
    } else {
      break;
    }
  }
  return at;
}

bool may_be_pictograph(char32_t c) { return c >= 0x2190 && is_pictograph(c); }

std::optional<std::string> emoji_as_wildcards(std::string_view utf8_text) {
  if (!util::is_valid_utf8(utf8_text)) return std::nullopt; // offsets would not be the matcher's
  std::string read;
  std::size_t copied = 0; // bytes of utf8_text in `read` so far
  std::size_t at = 0;
  while (at < utf8_text.size()) {
    // Pictographs start with 0xE2 (U+2190 to U+2BFF: arrows, dingbats, symbols), 0xE3 (U+3030,
    // U+303D, U+3297, U+3299) or 0xF0 (everything from U+1F000): eight bytes none of which is
    // 0xE0 or more are skipped at once, then every other byte one by one.
    if (at + 8 <= utf8_text.size()) {
      std::uint64_t chunk = 0;
      std::memcpy(&chunk, utf8_text.data() + at, sizeof chunk);
      if ((chunk & (chunk << 1U) & (chunk << 2U) & 0x8080808080808080ULL) == 0) {
        at += 8;
        continue;
      }
    }
    const auto lead = static_cast<unsigned char>(utf8_text[at]);
    if (lead != 0xE2 && lead != 0xE3 && lead != 0xF0) {
      ++at;
      continue;
    }
    if (!is_pictograph(detail::decode_at(utf8_text, at).value) || at == 0 || !is_letter_like(code_point_before(utf8_text, at))) {
      at += detail::decode_at(utf8_text, at).length;
      continue;
    }
    // One emoji or more in a row ("f💩💩k").
    std::array<std::size_t, max_emoji_in_a_row + 1> bounds{at, emoji_end(utf8_text, at)};
    std::size_t count = 1;
    while (count < max_emoji_in_a_row && bounds[count] < utf8_text.size() && is_pictograph(detail::decode_at(utf8_text, bounds[count]).value)) {
      bounds[count + 1] = emoji_end(utf8_text, bounds[count]);
      ++count;
    }
    const std::size_t end = bounds[count];
    if (end >= utf8_text.size() || !is_letter_like(detail::decode_at(utf8_text, end).value)) {
      at = end;
      continue;
    }
    read.append(utf8_text.substr(copied, at - copied));
    for (std::size_t k = 0; k < count; ++k) {
      read.push_back('*');
      const std::size_t units = detail::utf16_length(utf8_text.substr(bounds[k], bounds[k + 1] - bounds[k]));
      for (std::size_t i = 1; i < units; ++i) util::append_utf8(read, zero_width_space);
    }
    copied = at = end;
  }
  if (copied == 0) return std::nullopt;
  read.append(utf8_text.substr(copied));
  return read;
}

} // namespace handleguard::text
