#include "text/normalize.hpp"

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
}

TEST(Normalize, OutOfRangeIsASeparator) {
  EXPECT_EQ(fold_code_point(0x110000).kind, UnitKind::separator);
  EXPECT_EQ(fold_code_point(0xD800).kind, UnitKind::separator);
}

} // namespace
} // namespace handleguard::text
