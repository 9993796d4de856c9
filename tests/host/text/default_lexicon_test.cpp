// The default English lexicon is generated from the pinned npm package (tools/regenerate-lexicon.mjs):
// these tests fail when the committed file and the installed package drift apart.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "../test_support.hpp"
#include "text/lexicon.hpp"

namespace handleguard::text {
namespace {

using handleguard::testing::read_file;

// The terms the generator adds to the package's, after this heading (tools/regenerate-lexicon.mjs).
constexpr std::string_view own_terms_heading = "# Terms of our own (handleguard):";

TEST(DefaultLexicon, ParsesAndHoldsEveryWordOfThePinnedPackage) {
  const std::string file = read_file(HANDLEGUARD_SOURCE_DATA_DIR "/lexicons/en-profanity.txt");
  const auto lexicon = parse_lexicon(file);
  ASSERT_TRUE(lexicon.has_value()) << describe(lexicon.error(), "en-profanity.txt");
  const auto own_at = file.find(own_terms_heading);
  ASSERT_NE(own_at, std::string::npos) << "the heading of our own terms is gone";
  const auto own = parse_lexicon(std::string_view(file).substr(own_at));
  ASSERT_TRUE(own.has_value());
  for (const auto &term : own->terms) {
    EXPECT_EQ(std::ranges::count(lexicon->terms, term.text, &TermPattern::text), 1) << "our own \"" << term.text << "\" is listed twice";
  }

  const std::string package_list = read_file(HANDLEGUARD_SOURCE_DATA_DIR "/../../node_modules/naughty-words/en.json");
  ASSERT_FALSE(package_list.empty()) << "node_modules/naughty-words is missing: run `npm ci` (tests/run-all.sh does)";
  const auto words = nlohmann::json::parse(package_list, nullptr, false);
  ASSERT_TRUE(words.is_array());

  std::size_t matchable = 0;
  for (const auto &word : words) {
    ASSERT_TRUE(word.is_string());
    const auto text = word.get<std::string>();
    if (!TermMatcher({{text, false}}).unmatchable().empty()) continue;
    ++matchable;
    EXPECT_TRUE(std::ranges::any_of(lexicon->terms, [&](const TermPattern &term) { return term.text == text; }))
        << "\"" << text << "\" is in the package but not in en-profanity.txt: run node tools/regenerate-lexicon.mjs";
  }
  EXPECT_EQ(lexicon->terms.size(), matchable + own->terms.size()) << "en-profanity.txt has terms neither the package nor we list";
  EXPECT_GT(matchable, 300U);
}

TEST(DefaultLexicon, EveryTermMatchesItself) {
  const auto lexicon = parse_lexicon(read_file(HANDLEGUARD_SOURCE_DATA_DIR "/lexicons/en-profanity.txt"));
  ASSERT_TRUE(lexicon.has_value());
  const TermMatcher matcher(lexicon->terms, lexicon->allow);
  for (std::size_t i = 0; i < lexicon->terms.size(); ++i) {
    const auto found = matcher.find("well " + lexicon->terms[i].text + " then");
    EXPECT_TRUE(std::ranges::any_of(found, [&](const TermMatch &m) { return m.pattern_index == i; })) << lexicon->terms[i].text;
  }
}

} // namespace
} // namespace handleguard::text
