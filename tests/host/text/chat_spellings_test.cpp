// Chat spellings of a phrase term's words: "how 2 drive" for "how to drive".
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text/chat_spellings.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::text {
namespace {

using Spellings = std::vector<std::string>;

TEST(ChatSpellings, SpellsAPhrasesCommonWordsShort) {
  EXPECT_EQ(chat_spellings("how to drive"), (Spellings{"how 2 drive"}));
  EXPECT_EQ(chat_spellings("Fuck You"), (Spellings{"Fuck u", "Fuck ya", "Fuck yu"}));
  // Fewest changed words first; the other words as written.
  EXPECT_EQ(chat_spellings("see you tonight"),
            (Spellings{"c you tonight", "see u tonight", "see ya tonight", "see yu tonight", "see you 2nite", "c u tonight",
                       "c ya tonight", "c yu tonight", "c you 2nite", "see u 2nite", "see ya 2nite", "see yu 2nite",
                       "c u 2nite", "c ya 2nite", "c yu 2nite"}));
  EXPECT_EQ(chat_spellings("you\u2019re a liar"), (Spellings{"ur a liar", "u r a liar"})) << "a typographic apostrophe";
}

TEST(ChatSpellings, LeavesSingleWordsAndOtherPhrasesAlone) {
  EXPECT_TRUE(chat_spellings("you").empty()) << "\"u\" alone is no term";
  EXPECT_TRUE(chat_spellings("to").empty());
  EXPECT_TRUE(chat_spellings("knows how").empty());
  EXPECT_TRUE(chat_spellings("").empty());
}

TEST(ChatSpellings, APhraseOfManyCommonWordsHasABoundedNumber) {
  const std::string phrase = "you and you and you to you for you";
  const auto spellings = chat_spellings(phrase);
  EXPECT_EQ(spellings.size(), max_chat_spellings);
  const auto words = [](const std::string &s) { return std::ranges::count(s, ' ') + 1; };
  EXPECT_TRUE(std::ranges::all_of(spellings, [&](const std::string &s) { return words(s) == words(phrase); }));
  EXPECT_EQ(spellings.front(), "u and you and you to you for you") << "one word changed first";
  // A hostile policy's phrase of thousands of such words: still 32, found without trying them all.
  std::string huge;
  for (int i = 0; i < 20'000; ++i) huge += "to ";
  EXPECT_EQ(chat_spellings(huge).size(), max_chat_spellings);
}

TEST(ChatSpellings, TheMatcherFindsAPhraseInItsChatSpellings) {
  const TermMatcher matcher({{"nobody here knows how to drive", false}, {"fuck you", false}, {"see you later", false}});
  EXPECT_EQ(matcher.find("nobody here knows how 2 drive").size(), 1U);
  EXPECT_EQ(matcher.find("NOBODY HERE KNOWS HOW 2 DRIVE!!").size(), 1U);
  EXPECT_EQ(matcher.find("well fuck u then").size(), 1U);
  EXPECT_EQ(matcher.find("c u later").size(), 1U);
  EXPECT_EQ(matcher.find("#nobodyhereknowshow2drive").size(), 1U) << "run together as well";
  // Only where the phrase's other words are there too.
  EXPECT_TRUE(matcher.find("how 2 drive a stick: a guide").empty());
  EXPECT_TRUE(matcher.find("u know what, see u tomorrow").empty());
}

// A phrase's other spellings are keys as long as the phrase: a lexicon of thousands of phrases
// gets each phrase's likeliest one first, and no more than its other keys hold symbols.
TEST(ChatSpellings, AHugeLexiconOfPhrasesGetsEveryPhrasesFirstOtherSpellingOnly) {
  const auto name = [](std::size_t n) {
    std::string letters;
    for (int i = 0; i < 4; ++i, n /= 26) letters.push_back(static_cast<char>('a' + n % 26));
    return letters;
  };
  std::vector<TermPattern> many;
  for (std::size_t n = 0; n < 4000; ++n) many.push_back({name(n) + " to drive home", false});
  const TermMatcher huge(many);
  const TermMatcher one({many.back()});
  const std::string last = name(3999);
  EXPECT_EQ(huge.find(last + " 2 drive home").size(), 1U) << "the first round reaches the last phrase";
  EXPECT_EQ(huge.find(name(0) + " 2 drive home").size(), 1U);
  EXPECT_EQ(one.find(last + " todrive home").size(), 1U) << "a pair run together, a later round";
  EXPECT_TRUE(huge.find(last + " todrive home").empty()) << "past the budget of a huge lexicon";
}

} // namespace
} // namespace handleguard::text
