#pragma once
// A phrase term with one of its words starred in a post ("nobody here knows how to dr*ve",
// "piece of sh**"): the first reading compares a word with stars against whole terms only, so
// such a post is read a second time with each starred word written as a phrase word its stars
// fit, in windows around them. Only words of ASCII letters, which is what stars are typed over.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "text/reading_window.hpp"

namespace handleguard::text {

class StarredPhraseWords {
public:
  // Notes the words of `written` when it is a phrase (words separated by spaces).
  void add_phrase(std::string_view written);
  [[nodiscard]] bool empty() const { return seen_.empty(); }

  struct Reading {
    std::vector<ReadingWindow> windows; // the starred words written as phrase words
    // Where the starred words written so are in the post (UTF-16 units, ascending): what a
    // match must take in to be new.
    std::vector<std::pair<std::size_t, std::size_t>> starred16;
  };
  // The readings of `utf8_text`. A starred word starts with a letter and ends with one, or with
  // two stars or more (a hidden end, "sh**"); a phrase word fits it when as long and equal
  // wherever it has a letter (case aside). Reading k writes every starred word as the k-th
  // phrase word it fits, so that a post of many starred words takes as many readings as one
  // word has fits, at most max_fits_a_word, however many words there are.
  [[nodiscard]] std::vector<Reading> readings(std::string_view utf8_text) const;

  static constexpr std::size_t max_fits_a_word = 16;
  static constexpr std::size_t longest_word = 40;
  // How much of the post around a starred word a window keeps, at most: a phrase longer than
  // this is not read across a starred word far from its ends.
  static constexpr std::size_t max_context = 256;

private:
  // Lower case, each once, by length and first letter: a post of many starred words looks at
  // few words for each.
  [[nodiscard]] static std::size_t bucket(std::size_t length, char first) { return length * 26 + static_cast<std::size_t>(first - 'a'); }
  std::vector<std::vector<std::string>> words_by_shape_;
  std::unordered_set<std::string> seen_;
  std::size_t longest_phrase_ = 0; // bytes
};

} // namespace handleguard::text
