#pragma once
// Letters drawn with two symbols or more ("()" for o, "|_|" for u, "|<" for k, "/\" for a), which
// the first reading takes for punctuation or for other letters. A second reading writes the
// letter in their place (text/masks_and_capitals.hpp). Knows bytes, not terms.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace handleguard::text {

struct LeetLetter {
  char letter = 0;
  std::size_t length = 0; // bytes drawing it
};

// The letter drawn from byte `at` of `text` on, the longest drawing first; nothing when none starts there.
[[nodiscard]] std::optional<LeetLetter> leet_letter_at(std::string_view text, std::size_t at);

namespace leet_detail {
struct Drawing {
  std::string_view symbols;
  char letter;
};
// Longest first, so that "|_|" is a "u" before "|_" could be an "l".
inline constexpr std::array drawings{
    Drawing{"/\\/\\", 'm'}, Drawing{"|\\/|", 'm'}, Drawing{"\\/\\/", 'w'}, Drawing{"|\\|", 'n'},
    Drawing{"|_|", 'u'},    Drawing{"(_)", 'u'},   Drawing{"|-|", 'h'},   Drawing{"()", 'o'},
    Drawing{"[]", 'o'},     Drawing{"|<", 'k'},    Drawing{"/\\", 'a'},   Drawing{"\\/", 'v'},
    Drawing{"|3", 'b'},     Drawing{"|)", 'd'},    Drawing{"><", 'x'},    Drawing{"|2", 'r'},
    Drawing{"|=", 'f'},     Drawing{"|>", 'p'},    Drawing{"|_", 'l'},
};
// The bytes a drawing may start with: the quick scan's first test (text/second_reading_hints.hpp).
[[nodiscard]] constexpr bool may_begin(unsigned char b) {
  return b == '(' || b == '[' || b == '|' || b == '/' || b == '\\' || b == '>';
}
// True when a drawing starts with bytes `first` and `second`.
[[nodiscard]] constexpr bool begins_drawing(unsigned char first, unsigned char second) {
  for (const Drawing &drawing : drawings) {
    if (static_cast<unsigned char>(drawing.symbols[0]) == first && static_cast<unsigned char>(drawing.symbols[1]) == second) return true;
  }
  return false;
}
// True when byte `b` is a symbol of some drawing.
[[nodiscard]] constexpr bool in_drawing(unsigned char b) {
  for (const Drawing &drawing : drawings) {
    if (drawing.symbols.find(static_cast<char>(b)) != std::string_view::npos) return true;
  }
  return false;
}
} // namespace leet_detail

} // namespace handleguard::text
