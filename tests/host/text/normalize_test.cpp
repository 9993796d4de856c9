#include "text/normalize.hpp"

#include "text/confusables.hpp"

#include <gtest/gtest.h>

namespace handleguard::text {
namespace {

std::u32string symbols_of(char32_t c) { return std::u32string(fold_code_point(c).symbols); }

TEST(Normalize, AsciiLettersFoldToLowerCaseWithLAsI) {
  EXPECT_EQ(fold_code_point(U'A').kind, UnitKind::letter);
  EXPECT_EQ(symbols_of(U'A'), U"a");
  EXPECT_EQ(symbols_of(U'L'), U"i");
  EXPECT_EQ(symbols_of(U'l'), U"i");
}

TEST(Normalize, SubstitutesWildcardsSeparators) {
  EXPECT_EQ(fold_code_point(U'@').kind, UnitKind::substitute);
  EXPECT_EQ(symbols_of(U'@'), U"a");
  EXPECT_EQ(symbols_of(U'$'), U"s");
  EXPECT_EQ(symbols_of(U'0'), U"o");
  EXPECT_EQ(symbols_of(U'1'), U"i");
  EXPECT_EQ(fold_code_point(U'*').kind, UnitKind::wildcard);
  EXPECT_EQ(fold_code_point(U'\uFF0A').kind, UnitKind::wildcard); // fullwidth asterisk
  EXPECT_EQ(fold_code_point(U' ').kind, UnitKind::separator);
  EXPECT_EQ(fold_code_point(U'.').kind, UnitKind::separator);
  EXPECT_EQ(fold_code_point(U'\u2026').kind, UnitKind::separator); // ellipsis
  EXPECT_EQ(fold_code_point(U'\U0001F600').kind, UnitKind::separator); // emoji
  EXPECT_EQ(symbols_of(U'\u0663'), U"e");                             // Arabic-Indic three
}

TEST(Normalize, InvisiblesAreIgnorable) {
  for (const char32_t c : {U'\u200B', U'\u200C', U'\u200D', U'\u00AD', U'\u200E', U'\u202E', U'\u2066', U'\uFE0F',
                           U'\u0301', U'\u2060', U'\uFEFF'}) {
    EXPECT_EQ(fold_code_point(c).kind, UnitKind::ignorable) << static_cast<unsigned>(c);
  }
}

TEST(Normalize, LookAlikesAndCompatibilityForms) {
  EXPECT_EQ(symbols_of(U'\u043E'), U"o");    // Cyrillic о
  EXPECT_EQ(symbols_of(U'\u03BF'), U"o");    // Greek ο
  EXPECT_EQ(symbols_of(U'\U0001D41F'), U"f"); // mathematical bold f
  EXPECT_EQ(symbols_of(U'\uFF46'), U"f");    // fullwidth f
  EXPECT_EQ(symbols_of(U'\u00DF'), U"ss");   // ß, full case folding
  EXPECT_EQ(symbols_of(U'\u00FC'), U"u");    // ü: marks dropped
  EXPECT_EQ(symbols_of(U'\u03BA'), U"k");    // Greek κ, through ICU's ĸ
  EXPECT_EQ(symbols_of(U'\u0434'), U"\u0434"); // Cyrillic д has no Latin look-alike: stays
  // A compatibility form of a Latin letter is that letter, whatever it looks like.
  EXPECT_EQ(symbols_of(U'\u017F'), U"s");    // ſ LONG S, not the "f" it resembles
  EXPECT_EQ(symbols_of(U'\U0001D426'), U"m"); // mathematical bold m, not the "rn" of its skeleton
  // Greek and Cyrillic letters typed for Latin ones the skeleton reads otherwise.
  EXPECT_EQ(symbols_of(U'\u03BC'), U"u"); // μ
  EXPECT_EQ(symbols_of(U'\u00B5'), U"u"); // µ MICRO SIGN
  EXPECT_EQ(symbols_of(U'\u03B2'), U"b"); // β, not the "ss" of case folding
  EXPECT_EQ(symbols_of(U'\u03C9'), U"w"); // ω
  EXPECT_EQ(symbols_of(U'\u0446'), U"u"); // ц
  EXPECT_EQ(symbols_of(U'\u043F'), U"n"); // п
}

TEST(Normalize, LatinLettersWithHooksCurlsAndStrokesAreTheirBaseLetter) {
  EXPECT_EQ(symbols_of(U'\u0221'), U"d");  // ȡ D WITH CURL
  EXPECT_EQ(symbols_of(U'\u0289'), U"u");  // ʉ U BAR
  EXPECT_EQ(symbols_of(U'\uA741'), U"k");  // ꝁ K WITH STROKE
  EXPECT_EQ(symbols_of(U'\uAB4B'), U"r");  // ꭋ SCRIPT R
  EXPECT_EQ(symbols_of(U'\u1D86'), U"m");  // ᶆ M WITH PALATAL HOOK
  EXPECT_EQ(symbols_of(U'\u2C6A'), U"k");  // ⱪ K WITH DESCENDER
  EXPECT_EQ(symbols_of(U'\u0234'), U"i");  // ȴ L WITH CURL: an l, which the matcher stores as i
  EXPECT_EQ(symbols_of(U'\u028B'), U"v");  // ʋ V WITH HOOK, though its skeleton is "u"
  // Letters of their own, digraphs, and other letters' shapes keep themselves.
  EXPECT_EQ(symbols_of(U'\u00FE'), U"\u00FE"); // þ THORN
  EXPECT_EQ(symbols_of(U'\u014B'), U"\u014B"); // ŋ ENG
  EXPECT_EQ(symbols_of(U'\u0238'), U"\u0238"); // ȸ DB DIGRAPH
  EXPECT_EQ(symbols_of(U'\u0254'), U"\u0254"); // ɔ OPEN O, a reversed c
  EXPECT_EQ(symbols_of(U'\u0287'), U"\u0287"); // ʇ TURNED T (text/upside_down.hpp reads it)
  EXPECT_FALSE(latin_base_letter(U'\u0434').has_value()) << "Cyrillic д is no Latin letter";
}

TEST(Normalize, OutOfRangeIsASeparator) {
  EXPECT_EQ(fold_code_point(0x110000).kind, UnitKind::separator);
  EXPECT_EQ(fold_code_point(0xD800).kind, UnitKind::separator);
}

} // namespace
} // namespace handleguard::text
