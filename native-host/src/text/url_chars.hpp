#pragma once
// The character tests and small readers both URL scanners share (url_scanner.cpp, the hand-written
// one, and entity_scanners.cpp, the regular-expression port it is checked against), and the
// Latin accents the mention scanner also uses.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace handleguard::text::detail {

[[nodiscard]] constexpr bool is_ascii_alphanumeric(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// What extractUrl's preceding-character class refuses ([A-Za-z0-9@＠$#＃] and the invalid characters).
[[nodiscard]] constexpr bool refused_before_url(char32_t c) {
  return is_ascii_alphanumeric(c) || c == '@' || c == '$' || c == '#' || c == 0xFF20 || c == 0xFF03 || c == 0xFFFE ||
         c == 0xFEFF || c == 0xFFFF;
}

// twitter-text's latinAccentChars.
[[nodiscard]] constexpr bool is_latin_accent(char32_t c) {
  return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x24F) || c == 0x253 ||
         c == 0x254 || c == 0x256 || c == 0x257 || c == 0x259 || c == 0x25B || c == 0x263 || c == 0x268 || c == 0x26F ||
         c == 0x272 || c == 0x289 || c == 0x28B || c == 0x2BB || (c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF);
}

// What JavaScript's case-insensitive matching (the `i` flag without `u`) adds to latinAccentChars:
// characters whose upper case is that of one in the class (ɠ as Ɠ, Ι as the upper case of U+0345).
// It never maps a non-ASCII character to ASCII and compares upper cases only, so unlike RE2's
// (?i) it does not add the Kelvin sign to k, the Ångström sign to å, or ſ to s.
[[nodiscard]] constexpr bool is_latin_accent_case_partner(char32_t c) {
  return c == 0x260 || c == 0x269 || c == 0x275 || c == 0x280 || c == 0x283 || c == 0x288 || c == 0x28A || c == 0x28C ||
         c == 0x292 || c == 0x399 || c == 0x3B9 || c == 0x1FBE || c == 0x2C65 || c == 0x2C66 || c == 0x2C7E ||
         c == 0x2C7F || c == 0xA7DC;
}

// The letters of twitter-text's URL path classes, case-insensitive as JavaScript reads them:
// ASCII, cyrillicLettersAndMarks, latinAccentChars and their case partners.
[[nodiscard]] constexpr bool is_url_path_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x4FF) || (c >= 0x1C80 && c <= 0x1C87) ||
         is_latin_accent(c) || is_latin_accent_case_partner(c);
}

// validGeneralUrlPathChars.
[[nodiscard]] constexpr bool is_url_path_char(char32_t c) {
  if (is_url_path_letter(c) || (c >= '0' && c <= '9') || c == 0x2013) return true;
  return c < 0x80 && std::string_view("!*';:=+,.$/%#[]-_~@|&").find(static_cast<char>(c)) != std::string_view::npos;
}

// validUrlPathEndingChars (but for its balanced-parentheses alternative).
[[nodiscard]] constexpr bool is_url_path_ending(char32_t c) {
  if (is_url_path_letter(c) || (c >= '0' && c <= '9')) return true;
  return c == '+' || c == '-' || c == '=' || c == '_' || c == '#' || c == '/';
}

// validUrlQueryChars and validUrlQueryEndingChars (ASCII only).
[[nodiscard]] constexpr bool is_url_query_char(char32_t c) {
  if (is_ascii_alphanumeric(c)) return true;
  return c < 0x80 && std::string_view("!?*'@();:&=+$/%#[]-_.,~|").find(static_cast<char>(c)) != std::string_view::npos;
}
[[nodiscard]] constexpr bool is_url_query_ending(char32_t c) {
  return is_ascii_alphanumeric(c) || c == '-' || c == '_' || c == '&' || c == '=' || c == '#' || c == '/';
}

// The classes above for every ASCII character, one bit each, so that the scanners test a byte
// with one load (paths and queries are read a character at a time).
enum AsciiUrlClass : std::uint8_t { url_path_char = 1, url_path_ending = 2, url_query_char = 4, url_query_ending = 8 };
inline constexpr std::array<std::uint8_t, 0x80> ascii_url_classes = [] {
  std::array<std::uint8_t, 0x80> classes{};
  for (char32_t c = 0; c < 0x80; ++c) {
    classes[c] = static_cast<std::uint8_t>((is_url_path_char(c) ? url_path_char : 0) | (is_url_path_ending(c) ? url_path_ending : 0) |
                                           (is_url_query_char(c) ? url_query_char : 0) |
                                           (is_url_query_ending(c) ? url_query_ending : 0));
  }
  return classes;
}();

// The end of `\?validUrlQueryChars*validUrlQueryEndingChars` at the '?' at `pos` (greedy: after the
// last ending character of the run of query characters), or `pos` when it does not match.
[[nodiscard]] inline std::size_t url_query_end(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  for (std::size_t at = pos + 1; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80 || (ascii_url_classes[c] & url_query_char) == 0) break;
    if ((ascii_url_classes[c] & url_query_ending) != 0) end = at + 1;
  }
  return end;
}

// The length of "https://" or "http://" (any case) at `pos`, or 0.
[[nodiscard]] inline std::size_t protocol_length_at(std::string_view text, std::size_t pos) {
  const auto folded_starts = [&](std::string_view prefix) {
    if (text.size() - pos < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      const char c = text[pos + i];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != prefix[i]) return false;
    }
    return true;
  };
  if (folded_starts("https://")) return 8;
  if (folded_starts("http://")) return 7;
  return 0;
}

// validPunycode at `pos`: xn--[-0-9a-z]+ (any case), greedy; its byte length or 0.
[[nodiscard]] inline std::size_t punycode_at(std::string_view text, std::size_t pos) {
  if (text.size() - pos < 5) return 0;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  if (lower(text[pos]) != 'x' || lower(text[pos + 1]) != 'n' || text[pos + 2] != '-' || text[pos + 3] != '-') return 0;
  std::size_t end = pos + 4;
  while (end < text.size() && (text[end] == '-' || is_ascii_alphanumeric(static_cast<unsigned char>(text[end])))) ++end;
  return end > pos + 4 ? end - pos : 0;
}

} // namespace handleguard::text::detail
