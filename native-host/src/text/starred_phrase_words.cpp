#include "text/starred_phrase_words.hpp"

#include <algorithm>
#include <unordered_map>

#include "text/ascii.hpp"
#include "text/utf8_step.hpp"

namespace handleguard::text {

namespace {

// Stars only: other symbols over letters ("dr#ve") are read as such in single words alone.
bool is_mask(char c) { return c == '*'; }

bool fits(std::string_view phrase_word, std::string_view starred) {
  if (phrase_word.size() != starred.size()) return false;
  for (std::size_t i = 0; i < starred.size(); ++i) {
    if (!is_mask(starred[i]) && ascii::lower(starred[i]) != phrase_word[i]) return false;
  }
  return true;
}

struct StarredWord {
  std::size_t begin = 0; // bytes
  std::size_t end = 0;
  const std::vector<const std::string *> *fits = nullptr;
};

struct Edit {
  std::size_t begin = 0;
  std::size_t end = 0;
  const std::string *word = nullptr;
};

} // namespace

void StarredPhraseWords::add_phrase(std::string_view written) {
  if (written.find(' ') == std::string_view::npos) return;
  longest_phrase_ = std::max(longest_phrase_, written.size());
  for (std::size_t at = 0; at < written.size();) {
    const std::size_t end = std::min(written.find(' ', at), written.size());
    const std::string_view word = written.substr(at, end - at);
    at = end + 1;
    if (word.size() < 2 || word.size() > longest_word || !std::ranges::all_of(word, ascii::is_letter)) continue;
    std::string lowered;
    for (const char c : word) lowered.push_back(ascii::lower(c));
    if (!seen_.insert(lowered).second) continue;
    const std::size_t shape = bucket(lowered.size(), lowered.front());
    if (words_by_shape_.size() <= shape) words_by_shape_.resize(shape + 1);
    words_by_shape_[shape].push_back(std::move(lowered));
  }
}

std::vector<StarredPhraseWords::Reading> StarredPhraseWords::readings(std::string_view utf8_text) const {
  std::vector<Reading> found;
  if (seen_.empty()) return found;
  // The starred words, each with the phrase words it fits (looked up once a spelling).
  std::unordered_map<std::string, std::vector<const std::string *>> fits_of;
  std::vector<StarredWord> starred;
  std::size_t most_fits = 0;
  for (std::size_t mask = utf8_text.find('*'); mask != std::string_view::npos;) {
    std::size_t begin = mask;
    std::size_t end = mask;
    while (begin > 0 && (ascii::is_letter(utf8_text[begin - 1]) || is_mask(utf8_text[begin - 1]))) --begin;
    while (end < utf8_text.size() && (ascii::is_letter(utf8_text[end]) || is_mask(utf8_text[end]))) ++end;
    const std::string_view word = utf8_text.substr(begin, end - begin);
    mask = utf8_text.find('*', end);
    // A letter first; a letter last, or two stars or more hiding the end.
    if (word.size() > longest_word || !ascii::is_letter(word.front())) continue;
    if (!ascii::is_letter(word.back()) && !word.ends_with("**")) continue;
    std::string lowered;
    for (const char c : word) lowered.push_back(ascii::lower(c));
    auto [entry, added] = fits_of.try_emplace(std::move(lowered));
    if (added) {
      const std::size_t shape = bucket(word.size(), ascii::lower(word.front()));
      if (shape < words_by_shape_.size()) {
        for (const std::string &phrase_word : words_by_shape_[shape]) {
          if (entry->second.size() < max_fits_a_word && fits(phrase_word, entry->first)) entry->second.push_back(&phrase_word);
        }
      }
    }
    if (entry->second.empty()) continue;
    starred.push_back({begin, end, &entry->second});
    most_fits = std::max(most_fits, entry->second.size());
  }
  const std::size_t context = std::min(longest_phrase_, max_context);
  for (std::size_t k = 0; k < most_fits; ++k) {
    std::vector<Edit> edits;
    Reading reading;
    std::size_t counted = 0; // bytes whose UTF-16 units are in counted16
    std::size_t counted16 = 0;
    for (const StarredWord &word : starred) {
      if (word.fits->size() <= k) continue;
      edits.push_back({word.begin, word.end, (*word.fits)[k]});
      counted16 += detail::utf16_length(utf8_text.substr(counted, word.begin - counted));
      counted = word.begin;
      reading.starred16.emplace_back(counted16, counted16 + (word.end - word.begin)); // ASCII: a unit a byte
    }
    // ASCII for ASCII: every offset stays the post's.
    reading.windows = windows_around(utf8_text, edits, [](ReadingWindow &window, const Edit &edit, std::size_t) {
      window.text.append(*edit.word);
      return edit.word->size();
    }, context);
    found.push_back(std::move(reading));
  }
  return found;
}

} // namespace handleguard::text
