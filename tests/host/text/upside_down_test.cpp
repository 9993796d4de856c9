// Words written upside down, turned right side up for the matcher, and their spans mapped back.
#include <gtest/gtest.h>

#include "text/term_matcher.hpp"
#include "text/upside_down.hpp"

namespace handleguard::text {
namespace {

TEST(UpsideDownWords, TurnsOnlyTheWordsWrittenUpsideDown) {
  // "how to drive" through a flip-text generator, after a word written the right way up.
  const auto words = UpsideDownWords::find("Nobody ǝʌᴉɹp oʇ ʍoɥ");
  ASSERT_TRUE(words.has_value());
  EXPECT_EQ(words->turned(), "Nobody drive to how");
  // Capitals, digits and punctuation turn too ("¡" stands for "!"), in a word that has a letter
  // only upside-down text uses; "6Ɩ" alone has none.
  EXPECT_EQ(UpsideDownWords::find("¡ƎΛIᴚp 6Ɩ ɥ6")->turned(), "dRIVE! 6Ɩ 9h");
}

TEST(UpsideDownWords, LeavesOrdinaryTextAlone) {
  // Letters upside-down text shares with ordinary writing turn nothing alone: "bud", "pun".
  EXPECT_FALSE(UpsideDownWords::find("bud pun dab").has_value());
  EXPECT_FALSE(UpsideDownWords::find("Işık çok güzel").has_value()) << "Turkish dotless i";
  EXPECT_FALSE(UpsideDownWords::find("café 🚗").has_value());
  EXPECT_FALSE(UpsideDownWords::find("it’s — great… ᴀɴᴅ ᴅᴏɴᴇ").has_value()) << "punctuation and small capitals";
  EXPECT_FALSE(UpsideDownWords::find("caf\xC3").has_value()) << "not UTF-8: offsets would not be the matcher's";
}

TEST(UpsideDownWords, MapsSpansInATurnedWordBackToTheOriginal) {
  // "🚗" is two UTF-16 units; "ɹp" (units 3-4 of the original) is "dr" (units 3-4 turned).
  const auto words = UpsideDownWords::find("🚗 ɹp x");
  ASSERT_TRUE(words.has_value());
  EXPECT_EQ(words->turned(), "🚗 dr x");
  EXPECT_EQ(words->original_span(3, 4), (std::pair<std::size_t, std::size_t>{4, 5})); // "d" was "p"
  EXPECT_EQ(words->original_span(3, 5), (std::pair<std::size_t, std::size_t>{3, 5}));
  EXPECT_FALSE(words->original_span(6, 7).has_value()) << "outside the turned word: read already";
  EXPECT_FALSE(words->original_span(2, 5).has_value()) << "across a word's edge";
}

TEST(UpsideDownWords, TheMatcherFindsTermsWrittenUpsideDown) {
  const TermMatcher matcher({{"drive", false}, {"fuck", false}});
  const std::string post = "Nobody here knows how to ǝʌᴉɹp";
  const auto found = matcher.find(post);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0], (TermMatch{0, 25, 30}));
  // Disguises still apply inside the turned word (ʞ for k, a repeat, a star).
  EXPECT_EQ(matcher.find("ʞʞɔnɟ").size(), 1U);
  EXPECT_EQ(matcher.find("ʞ*nɟ").size(), 1U);
  // A word found both ways is reported once; a turned ordinary word is no match.
  EXPECT_EQ(matcher.find("drive ǝʌᴉɹp").size(), 2U);
  EXPECT_EQ(matcher.find("ǝʌᴉɹp ɹǝʌᴉɹp").size(), 1U);
  EXPECT_TRUE(matcher.find("ɹǝʌᴉɹp ɐɥɐ").empty()) << "\"driver\" is not \"drive\"";
}

} // namespace
} // namespace handleguard::text
