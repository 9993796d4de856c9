// Emoji standing for a letter inside a word, read as wildcards with every offset kept.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "text/emoji_letters.hpp"
#include "text/spaced_wildcards.hpp"
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

TEST(EmojiLetters, TheMatcherReadsThroughInvisiblesAndMarksBesideThem) {
  const TermMatcher matcher({{"shit", false}, {"fuck", false}, {"crap", false}});
  EXPECT_EQ(matcher.find("sh💩\u00ADt").size(), 1U) << "a soft hyphen after it";
  EXPECT_EQ(matcher.find("cr\u200B🍑p").size(), 1U) << "a zero-width space before it";
  EXPECT_EQ(matcher.find("f🦆\u0336ck").size(), 1U) << "a mark on it";
  EXPECT_EQ(matcher.find("s\u0301h💩t").size(), 1U) << "a mark on the letter before it";
  EXPECT_TRUE(matcher.find("deal\u200B🎉 now").empty()) << "still no letter after it";
  // Beside a star, a second hidden letter.
  EXPECT_EQ(matcher.find("s*💩t").size(), 1U);
  EXPECT_EQ(matcher.find("f💩*k").size(), 1U);
  EXPECT_TRUE(matcher.find("**🎉** party").empty());
}

// The text a short post is read again as (one window, the whole post), or nothing.
std::optional<std::string> spaced_wildcards_text(std::string_view text) {
  const auto windows = spaced_wildcards_joined(text);
  if (windows.empty()) return std::nullopt;
  EXPECT_EQ(windows.size(), 1U);
  EXPECT_EQ(windows[0].begin16, 0U);
  return windows[0].text;
}

TEST(SpacedWildcards, ALoneStarOrEmojiAmongSpacedLettersJoinsThem) {
  // Each space becomes a zero-width space, each emoji a star and zero-width spaces: offsets kept.
  EXPECT_EQ(spaced_wildcards_text("we f * c k it"), "we f\u200B*\u200Bc\u200Bk it");
  EXPECT_EQ(spaced_wildcards_text("f  💩  c  k"), "f\u200B\u200B*\u200B\u200B\u200Bc\u200B\u200Bk");
  EXPECT_EQ(spaced_wildcards_text("s * * t"), "s\u200B*\u200B*\u200Bt");
  // Brackets and quotes around the word, a stop or a comma after it, stay as they are.
  EXPECT_EQ(spaced_wildcards_text("(f * c k), \"s h * t!\""), "(f\u200B*\u200Bc\u200Bk), \"s\u200Bh\u200B*\u200Bt!\"");
  EXPECT_FALSE(spaced_wildcards_text("f * c. k").has_value()) << "a stop ends the word";
  for (const char *text : {"f u c k", "a * b", "rate * 2", "f * c k", "* * *", "f * c\nk", "f * c  k", "f*c k", "🎉 🎉 sale", "plain text"}) {
    const auto joined = spaced_wildcards_text(text);
    if (std::string_view(text) == "f * c k") {
      EXPECT_TRUE(joined.has_value()) << text;
    } else {
      EXPECT_FALSE(joined.has_value()) << text << ": " << joined.value_or("");
    }
  }
  EXPECT_FALSE(spaced_wildcards_text("f * c \xFF k").has_value()) << "not UTF-8: offsets would not be the matcher's";
}

TEST(SpacedWildcards, TheMatcherFindsTheWordTheyMake) {
  const TermMatcher matcher({{"fuck", false}, {"shit", false}, {"bitch", false}});
  const auto found = matcher.find("oh f * c k");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0], (TermMatch{0, 3, 10}));
  EXPECT_EQ(matcher.find("s h 💩 t").size(), 1U);
  EXPECT_EQ(matcher.find("b * * * h").size(), 1U) << "three stars hide three letters (a masked word)";
  EXPECT_EQ(matcher.find("f * c k and f u c k").size(), 2U);
  EXPECT_TRUE(matcher.find("f * c x").empty());
  EXPECT_TRUE(matcher.find("b * * * * h").empty()) << "bitch has five letters";
  EXPECT_TRUE(matcher.find("5 * 3 = 15, a * b").empty());
  // In a long post only the stretch around the run is read again, and found where it is.
  std::string post;
  for (int i = 0; i < 300; ++i) post += "words of a long post ";
  const std::size_t at = post.size();
  post += "f * c k ";
  for (int i = 0; i < 300; ++i) post += "words of a long post ";
  const auto windows = spaced_wildcards_joined(post);
  ASSERT_EQ(windows.size(), 1U);
  EXPECT_LT(windows[0].text.size(), 500U);
  const auto in_post = matcher.find(post);
  ASSERT_EQ(in_post.size(), 1U);
  EXPECT_EQ(in_post[0], (TermMatch{0, at, at + 7}));
}

} // namespace
} // namespace handleguard::text
