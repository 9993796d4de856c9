#pragma once
// Reads lexicon files: one term a line, options after it, `#` comments, allow-list lines
// starting with `!`. The format is in docs/matching.md:
//
//     # insults we never post
//     idiot
//     scam        substring      <- two or more spaces (or a tab) before the options
//     barely legal               <- a phrase: its words match across any separators
//     !scampi                    <- allow-list: no term is reported inside this word
//     \!important                <- a term starting with `!` or `#` is escaped with `\`
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "text/term_matcher.hpp"

namespace handleguard::text {

struct Lexicon {
  std::vector<TermPattern> terms;
  std::vector<std::string> allow;
};

struct LexiconError {
  std::size_t line = 0; // 1-based
  std::string message;  // what is wrong with that line, e.g. "unknown option \"subtring\""
};

// Parses a whole lexicon. Every bad line is reported, not just the first, so a user can fix a
// file in one go; nothing is returned when any line is bad (fail closed: a half-read lexicon
// would let banned words through).
[[nodiscard]] std::expected<Lexicon, std::vector<LexiconError>> parse_lexicon(std::string_view text);

// Formats errors as "NAME:LINE: MESSAGE" lines, NAME being how the user knows the file.
[[nodiscard]] std::string describe(const std::vector<LexiconError> &errors, std::string_view name);

} // namespace handleguard::text
