// A phrase term with one of its words starred: "how to dr*ve" for "how to drive".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/starred_phrase_words.hpp"
#include "matched_words.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::text {
namespace {

TEST(StarredPhraseWords, WritesAStarredWordAsThePhraseWordItsStarsFit) {
  StarredPhraseWords words;
  words.add_phrase("knows how to Drive");
  words.add_phrase("piece of shit");
  words.add_phrase("solo"); // no phrase: its words are not noted
  const auto readings = words.readings("well, dr*ve and sh** and s*lo");
  ASSERT_EQ(readings.size(), 2U);
  EXPECT_EQ(readings[0].window.text, "well, drive and sh** and s*lo");
  EXPECT_EQ(readings[0].begin16, 6U);
  EXPECT_EQ(readings[0].end16, 11U);
  EXPECT_EQ(readings[1].window.text, "well, dr*ve and shit and s*lo") << "two stars or more may hide the end";
}

TEST(StarredPhraseWords, OnlyWordsStartingWithALetterAndEndingWithOneOrHiddenStars) {
  StarredPhraseWords words;
  words.add_phrase("knows how to drive");
  EXPECT_TRUE(words.readings("*rive d*ive* driv* **ive").empty());
  EXPECT_EQ(words.readings("d*ive in a car").size(), 1U);
  EXPECT_TRUE(words.readings("no stars here").empty());
  EXPECT_TRUE(StarredPhraseWords().readings("dr*ve").empty()) << "no phrase, nothing to read";
}

TEST(StarredPhraseWords, TheMatcherFindsAPhraseWithAStarredWord) {
  const TermMatcher matcher({{"nobody here knows how to drive", false}, {"kill", false}});
  EXPECT_EQ(matched_words(matcher, "nobody here knows how to dr*ve"), (std::vector<std::string>{"nobody here knows how to dr*ve"}));
  EXPECT_EQ(matched_words(matcher, "Nobody here kn*ws how to drive!"), (std::vector<std::string>{"Nobody here kn*ws how to drive"}));
  EXPECT_EQ(matched_words(matcher, "nobody here knows how to d***e"), (std::vector<std::string>{"nobody here knows how to d***e"}));
  // The rest of the phrase must be there, as written.
  EXPECT_TRUE(matched_words(matcher, "who knows how to dr*ve a stick?").empty());
  EXPECT_TRUE(matched_words(matcher, "nobody here knows how to dr*vel").empty()) << "a word of another length";
}

TEST(StarredPhraseWords, OffsetsInALongPostAreThePosts) {
  const TermMatcher matcher({{"knows how to drive", false}});
  std::string post(30000, 'a');
  for (std::size_t i = 100; i < post.size(); i += 101) post[i] = ' ';
  post += " knows how to dr*ve";
  const auto found = matcher.find(post);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].end, post.size());
}

} // namespace
} // namespace handleguard::text
