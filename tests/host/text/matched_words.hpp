#pragma once
// The original text each match covers, so that a failing matcher test reads as words, not
// offsets. Only for texts whose code points are all in the BMP (offsets equal code point indices).
#include <string>
#include <string_view>
#include <vector>

#include "text/term_matcher.hpp"

namespace handleguard::text {

inline std::vector<std::string> matched_words(const TermMatcher &matcher, std::string_view utf8) {
  const auto length_at = [&](std::size_t i) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    return std::size_t{lead < 0x80 ? 1U : lead < 0xE0 ? 2U : lead < 0xF0 ? 3U : 4U};
  };
  std::vector<std::size_t> byte_of; // by code point index, and one past the end
  for (std::size_t i = 0; i < utf8.size(); i += length_at(i)) byte_of.push_back(i);
  byte_of.push_back(utf8.size());
  std::vector<std::string> words;
  for (const auto &match : matcher.find(utf8)) {
    words.emplace_back(utf8.substr(byte_of[match.begin], byte_of[match.end] - byte_of[match.begin]));
  }
  return words;
}

} // namespace handleguard::text
