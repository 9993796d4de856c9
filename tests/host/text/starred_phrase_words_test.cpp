// A phrase term with one of its words starred: "how to dr*ve" for "how to drive".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/starred_phrase_words.hpp"
#include "matched_words.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::text {
namespace {

TEST(StarredPhraseWords, WritesEachStarredWordAsThePhraseWordsItsStarsFit) {
  StarredPhraseWords words;
  words.add_phrase("knows how to Drive");
  words.add_phrase("piece of shit");
  words.add_phrase("solo"); // no phrase: its words are not noted
  const auto readings = words.readings("well, dr*ve and sh** and s*lo");
  ASSERT_EQ(readings.size(), 1U) << "one reading: each starred word has one fit";
  ASSERT_EQ(readings[0].windows.size(), 1U);
  EXPECT_EQ(readings[0].windows[0].text, "well, drive and shit and s*lo") << "two stars or more may hide the end";
  EXPECT_EQ(readings[0].starred16, (std::vector<std::pair<std::size_t, std::size_t>>{{6, 11}, {16, 20}}));
}

TEST(StarredPhraseWords, AWordWithSeveralFitsTakesAReadingEach) {
  StarredPhraseWords words;
  words.add_phrase("how to drive");
  words.add_phrase("his to dive");
  const auto readings = words.readings("h** dr*ve");
  ASSERT_EQ(readings.size(), 2U);
  EXPECT_EQ(readings[0].windows[0].text, "how drive");
  EXPECT_EQ(readings[1].windows[0].text, "his dr*ve") << "the second fit of h**; dr*ve has one";
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

TEST(StarredPhraseWords, StarredWordsBeforeItDoNotHideOne) {
  const TermMatcher matcher({{"nobody here knows how to drive", false}});
  std::string post;
  for (int i = 0; i < 40; ++i) post += "h** n***y ";
  post += "nobody here knows how to dr*ve";
  EXPECT_EQ(matcher.find(post).size(), 1U);
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
