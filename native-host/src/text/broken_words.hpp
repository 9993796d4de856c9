#pragma once
// A second reading of a post for words broken in two by one symbol between letters ("f,uck",
// "assh.ole", "bas-tard", "c|unt"), which the first reading takes for two words: each such symbol
// is read as a soft hyphen, as long in UTF-16, so that the letters around it are one word. Only
// words that are a term or start or end with one, as `may_be_term` says of their letters, are
// read again: "well-known" and "example.com" are left as they are. Knows bytes, not terms.
#include <functional>
#include <string_view>
#include <vector>

#include "text/reading_window.hpp"

namespace handleguard::text {

// A word read whole: its UTF-16 span in the post, from its first letter to its last.
struct BrokenWord {
  std::size_t begin16 = 0;
  std::size_t end16 = 0;
};

// What the reading found: windows around groups of broken words, and the words. A match counts
// when it covers a whole word, or starts or ends one (a `substring` term: "fu,cked", "c,unts");
// not in the middle, where two words joined make one by chance ("help/issues" holds "piss").
struct BrokenWords {
  std::vector<ReadingWindow> windows;
  std::vector<BrokenWord> words;

  // True when the match [begin16, end16) of the post (mapped back from a window) counts.
  [[nodiscard]] bool counts(std::size_t begin16, std::size_t end16) const;
};

// The reading of `utf8_text`; empty when it holds no such word or is not UTF-8. Looks from byte
// `from` on: where the quick scan (text/second_reading_hints.hpp) first saw a symbol between two
// letters.
[[nodiscard]] BrokenWords broken_words_read(std::string_view utf8_text, const std::function<bool(std::string_view)> &may_be_term,
                                           std::size_t from = 0);

} // namespace handleguard::text
