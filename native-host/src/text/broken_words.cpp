#include "text/broken_words.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

#include "text/second_reading_hints.hpp"
#include "text/utf8_step.hpp"
#include "util/utf.hpp"

namespace handleguard::text {

namespace {
// A symbol read as nothing: bytes [begin, end).
struct Join {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Longer "words" are data (a hash, a path), not words a writer broke.
constexpr std::size_t max_word_letters = 64;

bool is_letter_at(std::string_view text, std::size_t at) {
  return at < text.size() && second_reading_detail::is_letter(static_cast<unsigned char>(text[at]));
}
bool in_broken_word(std::string_view text, std::size_t at) {
  return is_letter_at(text, at) || second_reading_detail::broken_word_at(text, at);
}
// A word of its own: after a space, a bracket, a quote or a hashtag's "#", and before a space or
// punctuation, not inside a link, a mention, a path or a number ("example.com/a_b", "@acme_x").
bool stands_alone(std::string_view text, std::size_t begin, std::size_t end) {
  using second_reading_detail::closes_word;
  using second_reading_detail::opens_word;
  const bool alone_before = begin == 0 || opens_word(static_cast<unsigned char>(text[begin - 1])) || text[begin - 1] == '#';
  if (!alone_before) return false;
  if (end == text.size() || text[end] == ' ') return true;
  return closes_word(static_cast<unsigned char>(text[end])) && (end + 1 == text.size() || !is_letter_at(text, end + 1));
}
} // namespace

bool BrokenWords::counts(std::size_t begin16, std::size_t end16) const {
  return std::ranges::any_of(words, [&](const BrokenWord &word) {
    const bool covers = begin16 <= word.begin16 && word.end16 <= end16;
    const bool inside = word.begin16 <= begin16 && end16 <= word.end16;
    return covers || (inside && (begin16 == word.begin16 || end16 == word.end16));
  });
}

BrokenWords broken_words_read(std::string_view utf8_text, const std::function<bool(std::string_view)> &may_be_term, std::size_t from) {
  BrokenWords found;
  std::vector<Join> joins;
  std::string letters;
  std::size_t counted = 0; // bytes of the text whose UTF-16 units are in counted16
  std::size_t counted16 = 0;
  std::size_t done = from; // bytes before this were read
  for_each_hint(utf8_text, Hint::broken_word, [&](std::size_t at) {
    if (at < done) return;
    std::size_t begin = at;
    while (begin > 0 && in_broken_word(utf8_text, begin - 1)) --begin;
    std::size_t end = at + 1;
    while (end < utf8_text.size() && in_broken_word(utf8_text, end)) ++end;
    done = end;
    if (!stands_alone(utf8_text, begin, end)) return;
    letters.clear();
    std::size_t part = 0;
    std::size_t longest_part = 0;
    for (std::size_t i = begin; i < end; ++i) {
      if (!is_letter_at(utf8_text, i)) {
        part = 0;
        continue;
      }
      letters.push_back(utf8_text[i]);
      longest_part = std::max(longest_part, ++part);
    }
    // Letters spelled out one by one ("f.u.c.k") are the first reading's.
    if (longest_part >= 2 && letters.size() <= max_word_letters && may_be_term(letters)) {
      for (std::size_t i = begin; i < end; ++i) {
        if (!is_letter_at(utf8_text, i)) joins.push_back({i, i + 1});
      }
      counted16 += detail::utf16_length(utf8_text.substr(counted, begin - counted));
      counted = begin;
      found.words.push_back({counted16, counted16 + (end - begin)}); // ASCII: a byte a unit
    }
  }, from);
  if (joins.empty() || !util::is_valid_utf8(utf8_text)) return {};
  found.windows = windows_around(utf8_text, joins, [](ReadingWindow &window, const Join &, std::size_t) -> std::size_t {
    window.text.append("\u00AD"); // a soft hyphen: one UTF-16 unit, as the symbol was
    return 1;
  });
  return found;
}

} // namespace handleguard::text
