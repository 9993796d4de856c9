// Single letters spelled out with a symbol between them and a star or an emoji among them
// ("f.*.c.k"), read a second time as one word.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/joined_wildcards.hpp"
#include "matched_words.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::text {
namespace {

TEST(JoinedWildcards, ReadsARunAsOneWordAtTheSameOffsets) {
  const auto windows = joined_wildcards_read("oh f.*.c.k it");
  ASSERT_EQ(windows.size(), 1U);
  EXPECT_EQ(windows[0].begin16, 0U);
  EXPECT_EQ(windows[0].text, "oh f\u200B*\u200Bc\u200Bk it");
  // An emoji is a star and zero-width spaces up to its UTF-16 length (two units here).
  EXPECT_EQ(joined_wildcards_read("b-\U0001F351-t-c-h")[0].text, "b\u200B*\u200B\u200Bt\u200Bc\u200Bh");
  EXPECT_EQ(joined_wildcards_read("f . * . c . k")[0].text, "f\u200B\u200B\u200B*\u200B\u200B\u200Bc\u200B\u200B\u200Bk");
}

TEST(JoinedWildcards, OnlyRunsOfSingleCharactersWithOneJoint) {
  EXPECT_TRUE(joined_wildcards_read("f.*-c.k").empty()) << "two kinds of joint";
  EXPECT_TRUE(joined_wildcards_read("a-*-b").empty()) << "three characters";
  EXPECT_TRUE(joined_wildcards_read("*-*-*-a").empty()) << "one letter";
  EXPECT_TRUE(joined_wildcards_read("fo.*.c.k").empty()) << "a word of two letters is no single letter";
  EXPECT_TRUE(joined_wildcards_read("x/f.*.c.k").empty()) << "inside a path";
  EXPECT_TRUE(joined_wildcards_read("5 * 3 = 15, a * b").empty()) << "spaces alone are the spaced-out reading's";
  EXPECT_TRUE(joined_wildcards_read("f.*.c.\xC3").empty()) << "not UTF-8";
  EXPECT_FALSE(may_hold_joined_wildcards("no star, no emoji"));
}

TEST(JoinedWildcards, TheMatcherFindsThem) {
  const TermMatcher matcher({{"fuck", false}, {"scam", false}, {"bitch", false}, {"crap", false}});
  EXPECT_EQ(matched_words(matcher, "oh f.*.c.k it"), (std::vector<std::string>{"f.*.c.k"}));
  EXPECT_EQ(matched_words(matcher, "what a s-*-a-m!"), (std::vector<std::string>{"s-*-a-m"}));
  // Spans are UTF-16 offsets: an emoji is two units.
  EXPECT_EQ(matcher.find("the b_\U0001F351_t_c_h, again"), (std::vector<TermMatch>{{2, 4, 14}}));
  EXPECT_EQ(matcher.find("what a c / \U0001F4A9 / a / p"), (std::vector<TermMatch>{{3, 7, 21}}));
  EXPECT_TRUE(matched_words(matcher, "rated 5.*.3.2 by a-*-b-c readers").empty());
}

} // namespace
} // namespace handleguard::text
