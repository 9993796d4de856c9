#pragma once
// Folds one code point into what the term matcher compares: NFKC with full case folding, then
// the confusable skeleton, then the merge of look-alike Latin letters, without marks. Cheap after
// the first call for a block of 256 code points (the results are cached for the process).
#include <cstdint>
#include <string_view>

namespace handleguard::text {

enum class UnitKind : std::uint8_t {
  separator,  // spaces, punctuation, anything that ends a word
  letter,     // a letter of any script (after folding, one or more symbols)
  substitute, // a digit or symbol typed for a letter ("@", "$", "0"): part of a word
  wildcard,   // "*", typed for one letter ("f*ck")
  ignorable,  // invisible: zero-width, soft hyphen, bidi controls, combining marks, variation selectors
};

struct FoldedCodePoint {
  UnitKind kind = UnitKind::separator;
  std::u32string_view symbols; // empty unless letter or substitute
  bool digit = false;          // a decimal digit of any script ("455" is a number, not "ass")
};

// Returns how the matcher sees `code_point`. Anything above U+10FFFF or a lone surrogate is a
// separator. The returned view lives as long as the process.
[[nodiscard]] FoldedCodePoint fold_code_point(char32_t code_point);

} // namespace handleguard::text
