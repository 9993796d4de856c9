#pragma once
// The two look-alike tables the matcher folds letters through: Unicode's confusable skeletons
// (ICU's spoof checker: Cyrillic "о" and Greek "ο" are "o") and the symbol substitutions people
// type to dodge filters ("@" for "a", "$" for "s", "0" for "o").
#include <optional>
#include <string>

namespace handleguard::text {

// Returns the skeleton of one code point as ICU's spoof checker (UTS #39) computes it, e.g.
// U+043E CYRILLIC SMALL LETTER O → "o", or the code point itself when ICU is unavailable.
[[nodiscard]] std::u32string confusable_skeleton(char32_t code_point);

// Returns the ASCII letter a non-ASCII Latin look-alike stands for, for the prototypes ICU's
// skeletons leave outside ASCII: small capitals ("ᴛ" for Greek "τ"), "ĸ" (for "κ"), "ʍ" (for
// Cyrillic "м"), "ꞓ" (for "ε"), "ƅ" (for "ь"). Nothing for any other code point.
[[nodiscard]] std::optional<char32_t> latin_look_alike(char32_t code_point);

// Returns the ASCII letter a Latin letter outside ASCII is a variant of, read from its Unicode
// name, for the letters no table above knows: "ȡ" (D WITH CURL), "ʉ" (U BAR), "ꝁ" (K WITH
// STROKE), "ꭋ" (SCRIPT R), "ᶆ" (M WITH PALATAL HOOK). Nothing for turned, reversed or inverted
// letters, for digraphs and for letters of their own ("þ", "ŋ", "ə").
[[nodiscard]] std::optional<char32_t> latin_base_letter(char32_t code_point);

// Regional indicator symbols "🇦" to "🇿": letters in a post ("🇩🇷🇮🇻🇪"), halves of a flag in a term.
inline constexpr char32_t first_regional_indicator = 0x1F1E6;
inline constexpr char32_t last_regional_indicator = 0x1F1FF;

[[nodiscard]] constexpr bool is_regional_indicator(char32_t code_point) {
  return code_point >= first_regional_indicator && code_point <= last_regional_indicator;
}

// Returns the letter an enclosed Latin letter stands for, for the enclosures NFKC leaves alone
// or spells as more than a letter (it maps circled "Ⓓ" and squared "🄳" itself): negative circled
// "🅓", negative squared "🅳", parenthesized "⒟" "🄓" (NFKC: "(d)"), regional indicators "🇩"
// (which spell words as easily as flags). Nothing for any other code point.
[[nodiscard]] std::optional<char32_t> enclosed_letter(char32_t code_point);

// Returns the letter a symbol or digit stands for when typed instead of it ("@" → 'a', "1" → 'i'),
// or nothing for symbols that do not stand for a letter. The table is in docs/matching.md.
[[nodiscard]] std::optional<char32_t> substituted_letter(char32_t code_point);

// Returns the letter the matcher stores for a lower-case Latin letter: "l" becomes "i", because
// "1", "|", "I" and "l" are written for one another in both directions.
[[nodiscard]] constexpr char32_t merge_look_alike_letter(char32_t letter) { return letter == U'l' ? U'i' : letter; }

} // namespace handleguard::text
