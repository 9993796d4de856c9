#include "text/upside_down.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "text/utf8_step.hpp"
#include "util/utf.hpp"

namespace handleguard::text {

namespace {

// What each character of a word written upside down stands for (flip-text generators' tables,
// read backwards). Every pair is in the Basic Multilingual Plane on both sides, so a turned word
// keeps its UTF-16 length. Sorted by the first.
constexpr auto turned_characters = [] {
  std::array<std::pair<char32_t, char32_t>, 58> table{{
      {U'!', U'\u00A1'}, {U'\'', U','},      {U'(', U')'},      {U')', U'('},      {U',', U'\''},     {U'6', U'9'},
      {U'9', U'6'},      {U'<', U'>'},       {U'>', U'<'},      {U'M', U'W'},      {U'W', U'M'},      {U'[', U']'},
      {U']', U'['},      {U'b', U'q'},       {U'd', U'p'},      {U'n', U'u'},      {U'p', U'd'},      {U'q', U'b'},
      {U'u', U'n'},      {U'{', U'}'},       {U'}', U'{'},      {U'\u00A1', U'!'}, {U'\u00BF', U'?'}, {U'\u0131', U'i'},
      {U'\u017F', U'J'}, {U'\u0183', U'g'},  {U'\u0186', U'C'}, {U'\u018E', U'E'}, {U'\u0190', U'3'}, {U'\u0196', U'1'},
      {U'\u01DD', U'e'}, {U'\u0250', U'a'},  {U'\u0254', U'c'}, {U'\u025F', U'f'}, {U'\u0265', U'h'}, {U'\u026F', U'm'},
      {U'\u027E', U'j'}, {U'\u0279', U'r'},  {U'\u0287', U't'}, {U'\u028C', U'v'}, {U'\u028D', U'w'}, {U'\u028E', U'y'},
      {U'\u029E', U'k'}, {U'\u02D9', U'.'},  {U'\u02E5', U'L'}, {U'\u039B', U'V'}, {U'\u03DB', U'5'}, {U'\u0500', U'P'},
      {U'\u05DF', U'l'}, {U'\u1D09', U'i'},  {U'\u1D1A', U'R'}, {U'\u1D77', U'g'}, {U'\u2132', U'F'}, {U'\u2141', U'G'},
      {U'\u2142', U'L'}, {U'\u2144', U'Y'},  {U'\u2200', U'A'}, {U'\u2229', U'U'},
  }};
  std::ranges::sort(table);
  return table;
}();

// Letters only upside-down writing uses as Latin ones: a word with one of them is turned. Not
// the dotless i (Turkish), not ɔ (several African languages) nor the Hebrew final nun.
constexpr std::array<char32_t, 18> upside_down_only = {
    U'\u01DD', U'\u0250', U'\u025F', U'\u0265', U'\u026F', U'\u0279', U'\u0287', U'\u028C', U'\u028D',
    U'\u028E', U'\u029E', U'\u1D09', U'\u1D1A', U'\u1D77', U'\u2132', U'\u2141', U'\u2142', U'\u2144',
};

bool is_space(char32_t c) {
  return c == U' ' || (c >= U'\t' && c <= U'\r') || c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

char32_t right_side_up(char32_t c) {
  const auto *found = std::ranges::lower_bound(turned_characters, c, {}, &std::pair<char32_t, char32_t>::first);
  return found != turned_characters.end() && found->first == c ? found->second : c;
}

} // namespace

bool is_upside_down_only(char32_t c) { return std::ranges::binary_search(upside_down_only, c); }

std::optional<UpsideDownWords> UpsideDownWords::find(std::string_view utf8_text) {
  if (!util::is_valid_utf8(utf8_text)) return std::nullopt; // offsets would not be the matcher's
  UpsideDownWords words;
  std::u32string word;
  std::size_t word_start = 0;   // bytes
  std::size_t word_begin16 = 0; // UTF-16 units
  std::size_t offset16 = 0;
  const auto end_word = [&](std::size_t at) {
    const bool upside_down = std::ranges::any_of(word, is_upside_down_only);
    if (upside_down) {
      for (auto c = word.rbegin(); c != word.rend(); ++c) util::append_utf8(words.turned_, right_side_up(*c));
      words.words_.add(word_begin16, offset16);
    } else {
      words.turned_.append(utf8_text.substr(word_start, at - word_start));
    }
    word.clear();
  };
  for (std::size_t at = 0; at < utf8_text.size();) {
    const auto [c, length] = detail::decode_at(utf8_text, at);
    if (is_space(c)) {
      if (!word.empty()) end_word(at);
      words.turned_.append(utf8_text.substr(at, length));
    } else {
      if (word.empty()) word_start = at, word_begin16 = offset16;
      word.push_back(c);
    }
    at += length;
    offset16 += detail::utf16_units(c);
  }
  if (!word.empty()) end_word(utf8_text.size());
  if (words.words_.empty()) return std::nullopt;
  return words;
}

std::optional<std::pair<std::size_t, std::size_t>> UpsideDownWords::original_span(std::size_t begin, std::size_t end) const {
  return words_.within(begin, end);
}

} // namespace handleguard::text
