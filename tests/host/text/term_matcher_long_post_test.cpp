// A long post (X allows 25,000 characters) is read with shortcuts a short one is not: a word the
// post already had, read from the same state, is looked up instead of read again. These tests
// hold the long post to what its parts find when each is checked alone.
#include "text/term_matcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "../test_support.hpp"
#include "text/lexicon.hpp"
#include "util/utf.hpp"

namespace handleguard::text {
namespace {

using handleguard::testing::read_file;

TermMatcher english_matcher() {
  auto lexicon = parse_lexicon(read_file(HANDLEGUARD_SOURCE_DATA_DIR "/lexicons/en-profanity.txt"));
  EXPECT_TRUE(lexicon.has_value());
  return TermMatcher(std::move(lexicon->terms), std::move(lexicon->allow));
}

// Terms of every kind: whole words, substrings, phrases, a single letter, digits, an allow-list.
TermMatcher hand_matcher() {
  return TermMatcher({{"fuck", false}, {"ass", false}, {"shit", true}, {"blow job", false}, {"son of a bitch", false},
                      {"scam", true}, {"t", false}, {"1337", false}, {"abcdefghijklmnop", false}},
                     {"class", "assist", "Scunthorpe United"});
}

// A paragraph of words a post repeats, banned words among them, disguised in the ways the
// matcher sees through, with separators of every kind. Shorter than a long post: read alone,
// it takes the ordinary path.
std::string random_paragraph(std::mt19937 &random) {
  static const std::vector<std::string> words = {
      "the", "and", "The", "AND", "our", "team", "launch", "spring", "collection", "blow", "job", "blowjob", "son",
      "of", "a", "bitch", "fuck", "fcuk", "fuuuck", "FUCK", "f", "u", "c", "k", "sh1t", "$hit", "@ss", "ass", "class",
      "classic", "assist", "Scunthorpe", "United", "scammer", "scam", "t", "1337", "leet", "abc1", "caf\xC3\xA9",
      "\xD1\x81lass" /* Cyrillic с */, "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq", "shitshow",
      "Amsterdam", "now", "b1tch", "bi\xE2\x80\x8Btch" /* zero-width space */, "tits", "titsx", "x"};
  static const std::vector<std::string> separators = {" ", " ", " ", " ", ", ", ". ", "\n", "-", ".", "  ", "! ", "\t"};
  std::uniform_int_distribution<std::size_t> word(0, words.size() - 1);
  std::uniform_int_distribution<std::size_t> separator(0, separators.size() - 1);
  std::uniform_int_distribution<std::size_t> length(5, 60);
  std::string paragraph;
  for (std::size_t i = length(random); i > 0; --i) paragraph += words[word(random)] + separators[separator(random)];
  return paragraph;
}

// What `matcher` finds in each of `parts` checked alone, moved to where the part lies in `parts`
// joined by `joint`.
std::vector<TermMatch> found_in_parts(const TermMatcher &matcher, const std::vector<std::string> &parts,
                                      const std::string &joint) {
  std::vector<TermMatch> all;
  std::size_t offset = 0;
  for (const auto &part : parts) {
    for (TermMatch match : matcher.find(part)) {
      match.begin += offset;
      match.end += offset;
      all.push_back(match);
    }
    offset += util::to_utf16(part + joint).size();
  }
  return all;
}

TEST(TermMatcherLongPost, FindsWhatItsParagraphsFindAlone) {
  // A word between the paragraphs that no term holds, so that no phrase or run of single letters
  // spans two of them.
  const std::string joint = "\n\nzqx\n\n";
  const std::vector<TermMatcher> matchers = [] {
    std::vector<TermMatcher> built;
    built.push_back(english_matcher());
    built.push_back(hand_matcher());
    return built;
  }();
  std::mt19937 random(2026);
  for (int post = 0; post < 60; ++post) {
    std::vector<std::string> paragraphs;
    std::string text;
    while (text.size() < 3000) {
      paragraphs.push_back(random_paragraph(random));
      text += paragraphs.back() + joint;
    }
    for (const auto &matcher : matchers) {
      const auto expected = found_in_parts(matcher, paragraphs, joint);
      ASSERT_FALSE(expected.empty());
      ASSERT_EQ(matcher.find(text), expected) << text;
    }
  }
}

TEST(TermMatcherLongPost, AWordSeenAloneIsReadAgainWhereItEndsAPhrase) {
  const TermMatcher matcher = hand_matcher();
  std::string text;
  for (int i = 0; i < 300; ++i) text += "job ";
  const std::size_t phrase_at = text.size();
  text += "blow job";
  const auto found = matcher.find(text);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].pattern_index, 3U); // "blow job"
  EXPECT_EQ(found[0].begin, phrase_at);
  EXPECT_EQ(found[0].end, text.size());
}

TEST(TermMatcherLongPost, AWordSeenCleanIsStillFoundInItsDisguises) {
  const TermMatcher matcher = hand_matcher();
  std::string text;
  for (int i = 0; i < 300; ++i) text += "class assist ";
  text += "ass fcuk CLASS a.s.s";
  std::vector<std::string> matched;
  for (const auto &match : matcher.find(text)) {
    matched.push_back(matcher.patterns()[match.pattern_index].text + "@" + std::to_string(match.begin));
  }
  const std::size_t tail = 300 * std::string("class assist ").size();
  EXPECT_EQ(matched, (std::vector<std::string>{"ass@" + std::to_string(tail), "fuck@" + std::to_string(tail + 4),
                                                "ass@" + std::to_string(tail + 15)}));
}

} // namespace
} // namespace handleguard::text
