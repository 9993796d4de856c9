#pragma once
// Finds which listed TLD starts at a position, the way twitter-text's alternation
// (gTLDs, then ccTLDs, in the file's order, case-insensitive, then the lookahead
// (?=[^0-9a-zA-Z@+-]|$)) picks it — without running a 1,600-way regular expression.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/tld_table.hpp"

namespace handleguard::text::detail {

class TldLookup {
public:
  explicit TldLookup(const TldTable &table);
  // Byte length of the listed TLD starting at `pos` of `text` (followed by what the lookahead
  // allows), or 0.
  [[nodiscard]] std::size_t listed_at(std::string_view text, std::size_t pos) const;

private:
  // TLDs of ASCII letters (a run of letters matches at most one): up to 12 as a packed key
  // (letters_key in tld_lookup.cpp, no string built per lookup), longer ones in lower case.
  std::unordered_set<std::uint64_t> short_letters_;
  std::unordered_set<std::string> long_letters_;
  std::unordered_map<char32_t, std::vector<std::u32string>> others_; // by first canonical character, in list order
};

// JavaScript's case-insensitive canonical form of one character (toUpperCase, but never from
// non-ASCII to ASCII).
[[nodiscard]] char32_t javascript_canonical(char32_t point);

// Whether (?=[^0-9a-zA-Z@+-]|$) holds at `pos`.
[[nodiscard]] bool tld_may_end_at(std::string_view text, std::size_t pos);

} // namespace handleguard::text::detail
