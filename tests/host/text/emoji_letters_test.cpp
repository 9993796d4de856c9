// Emoji standing for a letter inside a word, read as wildcards with every offset kept.
#include <gtest/gtest.h>

#include "text/emoji_letters.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::text {
namespace {

TEST(EmojiLetters, AnEmojiBetweenLettersIsAWildcardOfItsLength) {
  // "💩" is two UTF-16 units: a star and a zero-width space; "❤️" (with its variation selector)
  // too; "👍🏽" (with a skin tone) four.
  EXPECT_EQ(emoji_as_wildcards("sh💩t"), "sh*\u200Bt");
  EXPECT_EQ(emoji_as_wildcards("sh❤️t"), "sh*\u200Bt");
  EXPECT_EQ(emoji_as_wildcards("sh👍🏽t"), "sh*\u200B\u200B\u200Bt");
  EXPECT_EQ(emoji_as_wildcards("f💩💩k and b🍑tch"), "f*\u200B*\u200Bk and b*\u200Btch");
  EXPECT_EQ(emoji_as_wildcards("b🍑🍑🍑h"), "b*\u200B*\u200B*\u200Bh");
}

TEST(EmojiLetters, LeavesEmojiThatAreNotInsideAWord) {
  for (const char *text : {"deal🎉 now", "🎉sale🎉", "sh 💩 t", "f💩💩💩💩💩💩💩💩💩k", "caf\xC3", "plain text"}) {
    EXPECT_FALSE(emoji_as_wildcards(text).has_value()) << text;
  }
}

TEST(EmojiLetters, TheMatcherReadsThemAsOneLetterEach) {
  const TermMatcher matcher({{"shit", false}, {"fuck", false}, {"drive", false}});
  const auto found = matcher.find("well sh💩t");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0], (TermMatch{0, 5, 10}));
  EXPECT_EQ(matcher.find("what the f🦆ck").size(), 1U);
  EXPECT_EQ(matcher.find("dr🚗ve").size(), 1U);
  // The emoji still separates words: "the🤬fuck" holds "fuck", "go🚗drive" holds "drive".
  EXPECT_EQ(matcher.find("the🤬fuck").size(), 1U);
  EXPECT_EQ(matcher.find("go🚗drive").size(), 1U);
  // Two are two, as "sh**t" is; one emoji is one letter, no more: "d🚗e" is no "drive".
  EXPECT_EQ(matcher.find("sh💩💩t").size(), 1U);
  EXPECT_EQ(matcher.find("d💩💩💩e").size(), 1U) << "three or more hide a word's letters, as stars do";
  EXPECT_TRUE(matcher.find("d💩💩💩💩e").empty());
  EXPECT_TRUE(matcher.find("d🚗e dri🚗 I❤️NY").empty());
}

} // namespace
} // namespace handleguard::text
