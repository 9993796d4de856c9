#include "text/starred_phrase_words.hpp"

#include <algorithm>

#include "text/utf8_step.hpp"

namespace handleguard::text {

namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
// Stars only: other symbols over letters ("dr#ve") are read as such in single words alone.
bool is_mask(char c) { return c == '*'; }

bool fits(std::string_view phrase_word, std::string_view starred) {
  if (phrase_word.size() != starred.size()) return false;
  for (std::size_t i = 0; i < starred.size(); ++i) {
    if (!is_mask(starred[i]) && lower(starred[i]) != phrase_word[i]) return false;
  }
  return true;
}

} // namespace

void StarredPhraseWords::add_phrase(std::string_view written) {
  if (written.find(' ') == std::string_view::npos) return;
  longest_phrase_ = std::max(longest_phrase_, written.size());
  for (std::size_t at = 0; at < written.size();) {
    const std::size_t end = std::min(written.find(' ', at), written.size());
    const std::string_view word = written.substr(at, end - at);
    at = end + 1;
    if (word.size() < 2 || word.size() > longest_word || !std::ranges::all_of(word, is_ascii_letter)) continue;
    std::string lowered;
    for (const char c : word) lowered.push_back(lower(c));
    if (!seen_.insert(lowered).second) continue;
    const std::size_t shape = bucket(lowered.size(), lowered.front());
    if (words_by_shape_.size() <= shape) words_by_shape_.resize(shape + 1);
    words_by_shape_[shape].push_back(std::move(lowered));
  }
}

std::vector<StarredPhraseWords::Reading> StarredPhraseWords::readings(std::string_view utf8_text) const {
  std::vector<Reading> found;
  if (seen_.empty()) return found;
  for (std::size_t mask = utf8_text.find('*'); mask != std::string_view::npos && found.size() < max_readings;) {
    std::size_t begin = mask;
    std::size_t end = mask;
    while (begin > 0 && (is_ascii_letter(utf8_text[begin - 1]) || is_mask(utf8_text[begin - 1]))) --begin;
    while (end < utf8_text.size() && (is_ascii_letter(utf8_text[end]) || is_mask(utf8_text[end]))) ++end;
    const std::string_view starred = utf8_text.substr(begin, end - begin);
    mask = utf8_text.find('*', end);
    // A letter first; a letter last, or two stars or more hiding the end.
    if (starred.size() > longest_word || !is_ascii_letter(starred.front())) continue;
    if (!is_ascii_letter(starred.back()) && !starred.ends_with("**")) continue;
    const std::size_t shape = bucket(starred.size(), lower(starred.front()));
    if (shape >= words_by_shape_.size()) continue;
    for (const std::string &word : words_by_shape_[shape]) {
      if (!fits(word, starred) || found.size() >= max_readings) continue;
      const std::size_t window_begin = window_start(utf8_text, begin > longest_phrase_ ? begin - longest_phrase_ : 0, window_longest_word);
      const std::size_t window_finish = window_end(utf8_text, std::min(utf8_text.size(), end + longest_phrase_), window_longest_word);
      Reading reading;
      reading.window.begin16 = detail::utf16_length(utf8_text.substr(0, window_begin));
      reading.window.text.append(utf8_text.substr(window_begin, begin - window_begin));
      reading.begin16 = reading.window.begin16 + detail::utf16_length(reading.window.text);
      reading.end16 = reading.begin16 + starred.size();
      reading.window.text.append(word); // ASCII for ASCII: every offset stays the post's
      reading.window.text.append(utf8_text.substr(end, window_finish - end));
      found.push_back(std::move(reading));
    }
  }
  return found;
}

} // namespace handleguard::text
