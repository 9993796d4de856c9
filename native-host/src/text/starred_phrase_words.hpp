#pragma once
// A phrase term with one of its words starred in a post ("nobody here knows how to dr*ve",
// "piece of sh**"): the first reading compares a word with stars against whole terms only, so
// such a post is read a second time with the starred word written as the phrase word its stars
// fit, in a window around it. Only words of ASCII letters, which is what stars are typed over.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "text/reading_window.hpp"

namespace handleguard::text {

class StarredPhraseWords {
public:
  // Notes the words of `written` when it is a phrase (words separated by spaces).
  void add_phrase(std::string_view written);
  [[nodiscard]] bool empty() const { return seen_.empty(); }

  struct Reading {
    ReadingWindow window;   // the starred word written as a phrase word
    std::size_t begin16 = 0; // where the starred word is in the post (UTF-16 units)
    std::size_t end16 = 0;
  };
  // A reading for each phrase word a starred word of `utf8_text` fits: as long as the starred
  // word, equal to it wherever it has a letter (case aside). A starred word starts with a letter
  // and ends with one, or with two stars or more (a hidden end, "sh**"). At most max_readings.
  [[nodiscard]] std::vector<Reading> readings(std::string_view utf8_text) const;

  static constexpr std::size_t max_readings = 16;
  static constexpr std::size_t longest_word = 40;

private:
  // Lower case, each once, by length and first letter: a post of many starred words looks at
  // few words for each.
  [[nodiscard]] static std::size_t bucket(std::size_t length, char first) { return length * 26 + static_cast<std::size_t>(first - 'a'); }
  std::vector<std::vector<std::string>> words_by_shape_;
  std::unordered_set<std::string> seen_;
  std::size_t longest_phrase_ = 0; // bytes: how much of the post around a word a window keeps
};

} // namespace handleguard::text
