// The matcher's second readings of a post: symbols over letters, words run together with
// capitals, and the quick scan that says whether a post needs them.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "text/broken_words.hpp"
#include "text/masks_and_capitals.hpp"
#include "text/second_reading_hints.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::text {
namespace {

// A matcher for which every part of a word run together may begin a match.
bool every_part(std::string_view) { return true; }

std::string matched(const TermMatcher &matcher, std::string_view ascii_text) {
  std::string words;
  for (const auto &match : matcher.find(ascii_text)) {
    if (!words.empty()) words += "|";
    words += ascii_text.substr(match.begin, match.end - match.begin);
  }
  return words;
}

TEST(MasksAndCapitals, SymbolsOverLettersAreStars) {
  const auto matcher = TermMatcher({{"fuck", false}, {"shit", false}, {"bitch", false}, {"asshole", false}});
  EXPECT_EQ(matched(matcher, "oh f#ck"), "f#ck");
  EXPECT_EQ(matched(matcher, "f%ck, f&ck, f^ck, f~ck, f?ck"), "f%ck|f&ck|f^ck|f~ck|f?ck");
  EXPECT_EQ(matched(matcher, "f@#k and sh#t!"), "f@#k|sh#t");
  EXPECT_EQ(matched(matcher, "holy $#!t"), "$#!t") << "a word may start with a symbol read as its letter";
  EXPECT_EQ(matched(matcher, "@##hole"), "@##hole");
  EXPECT_EQ(matched(matcher, "printf(\"@%s %s\", $%s)"), "") << "one mask after it is a format";
  EXPECT_EQ(matched(matcher, "f-ck, sh-t, b-tch, a--hole, f_ck"), "f-ck|sh-t|b-tch|a--hole|f_ck");
  // A dash or an underscore between longer parts is no mask: two words, or a word broken in
  // two when they make a term (text/broken_words.hpp).
  EXPECT_EQ(matched(matcher, "well-known user_name shi-tty"), "");
  EXPECT_EQ(matched(matcher, "f.ck, sh.t. The end.Next: www.example.com"), "f.ck|sh.t");
  EXPECT_EQ(matched(matcher, "fuck-this"), "fuck") << "found once, by the first reading";
  // Not between letters: punctuation.
  EXPECT_EQ(matched(matcher, "#fck 50% f#"), "");
}

TEST(MasksAndCapitals, ALoneSymbolBetweenLettersMayHideALetter) {
  const auto matcher = TermMatcher({{"fuck", false}, {"shit", false}, {"cunt", false}, {"jizz", true}});
  EXPECT_EQ(matched(matcher, "fu<k, sh<t"), "fu<k|sh<t");
  // "@" is "a" as a letter; between letters it is also read as "u", the other vowel it hides.
  EXPECT_EQ(matched(matcher, "f@ck, c@nt"), "f@ck|c@nt");
  EXPECT_EQ(matched(matcher, "f!ck, c!nt"), "f!ck|c!nt") << "\"!\" is \"i\" as a letter, and hides a \"u\" too";
  EXPECT_EQ(matched(matcher, "pure j@zz"), "") << "not any letter: j@zz is jazz";
  EXPECT_EQ(matched(matcher, "sh!t"), "sh!t") << "found once";
  EXPECT_EQ(matched(matcher, "joe@acme.com, x<y, Yahoo!Japan, US$5"), "");
}

TEST(MasksAndCapitals, RunsOfSymbolsOrStopsBetweenLettersAreStars) {
  const auto matcher = TermMatcher({{"fuck", false}, {"bitch", false}, {"cunt", true}});
  // Two symbols read as letters hide two letters: neither is the letter it stands for.
  EXPECT_EQ(matched(matcher, "f@@k, f!!k, f$@k, f@*k"), "f@@k|f!!k|f$@k|f@*k");
  EXPECT_EQ(matched(matcher, "b!!ch and c@@ty"), "b!!ch|c@@t") << "a substring term inside the word";
  EXPECT_EQ(matched(matcher, "oh f..k"), "f..k") << "stops in a row, a side of one letter";
  // Not between letters, or between longer parts, or more letters hidden than a term has.
  EXPECT_EQ(matched(matcher, "f@@ you, wow!!, Yahoo!!Japan, pa$$word, wait..what, f...k"), "");
  const auto readings = masks_and_capitals_read("what the f@@k", every_part);
  ASSERT_EQ(readings.size(), 1U);
  EXPECT_EQ(readings[0].text, "what the f**k");
}

TEST(BrokenWords, ASymbolBetweenLettersBreaksNoWordThatIsATerm) {
  const auto matcher = TermMatcher({{"fuck", false}, {"asshole", false}, {"bastard", false}, {"bitch", false}, {"cunt", true}, {"piss", true}});
  EXPECT_EQ(matched(matcher, "f,uck"), "f,uck");
  EXPECT_EQ(matched(matcher, "assh.ole and bas-tard"), "assh.ole|bas-tard");
  EXPECT_EQ(matched(matcher, "b/itch, bitc|h; bitc-hes"), "b/itch|bitc|h|bitc-hes") << "its plural too";
  EXPECT_EQ(matched(matcher, "c#u#nt!"), "c#u#nt");
  // Words and links that hold no term are not read again; a contraction is not broken.
  EXPECT_EQ(matched(matcher, "well-known e-mail at www.example.com, and/or who're"), "");
  // A term in the middle of a word read whole is no match: two words joined hold it by chance.
  EXPECT_EQ(matched(matcher, "github.com/jszip/issues, cc/untracked, help-issues"), "");
  EXPECT_EQ(matched(matcher, "c,unts and c.untish"), "c,unt|c.unt") << "a substring term starting the word";
  const auto may_hold = [](std::string_view letters) { return letters == "asshole"; };
  const auto reading = broken_words_read("oh assh.ole! well-known", may_hold);
  ASSERT_EQ(reading.windows.size(), 1U);
  EXPECT_EQ(reading.windows[0].text, "oh assh\u00ADole! well-known") << "a soft hyphen, one UTF-16 unit as the stop";
  EXPECT_TRUE(reading.counts(3, 11)) << "the whole word";
  EXPECT_TRUE(reading.counts(3, 7)) << "its start";
  EXPECT_FALSE(reading.counts(4, 10)) << "its middle";
  EXPECT_TRUE(broken_words_read("well-known", may_hold).windows.empty());
}

TEST(MasksAndCapitals, SingleLettersJoinedByOneSymbolAreAWord) {
  const auto matcher = TermMatcher({{"fuck", false}, {"shit", false}, {"cat", false}});
  EXPECT_EQ(matched(matcher, "f|u|c|k and F+U+C+K (s|h|i|t)"), "f|u|c|k|F+U+C+K|s|h|i|t");
  EXPECT_EQ(matched(matcher, "c|a|t"), "c|a|t");
  // Not single letters, or too few of them: no spelled-out word.
  EXPECT_EQ(matched(matcher, "a+b, this|that, f|u"), "");
  const auto readings = masks_and_capitals_read("so f|u|c|k it", every_part);
  ASSERT_EQ(readings.size(), 1U);
  EXPECT_EQ(readings[0].text, "so f.u.c.k it");
}

TEST(MasksAndCapitals, LettersDrawnWithSymbolsAreThoseLetters) {
  const auto matcher = TermMatcher({{"fuck", false}, {"cock", false}, {"ass", false}, {"bitch", false}, {"dick", false}, {"vagina", false}});
  // One word at a time: matched() joins its findings with "|", which these words hold.
  for (const char *word : {"c()ck", "c[]ck", "f|_|ck", "f(_)ck", "/\\ss", "|3itch", "|)ick", "\\/agina"}) {
    EXPECT_EQ(matched(matcher, std::string("oh ") + word + "!"), word);
  }
  EXPECT_EQ(matched(matcher, "|=|_|(|<"), "|=|_|(|<") << "a word drawn whole, a letter beside another";
  // Brackets, links and faces are no letters.
  EXPECT_EQ(matched(matcher, "call f() now, a [] or (), https://x.com/a/b, (-_-) :-) <3"), "");
  // The start of a drawing that is none, at the text's start too.
  EXPECT_TRUE(masks_and_capitals_read("|< (_x x(_y |-", every_part).empty());
  const auto readings = masks_and_capitals_read("oh c()ck", every_part);
  ASSERT_EQ(readings.size(), 1U);
  EXPECT_EQ(readings[0].text, "oh coock") << "as long as the drawing: offsets stay the original's";
}

TEST(MasksAndCapitals, WordsRunTogetherWithCapitalsAreSplit) {
  const auto matcher = TermMatcher({{"fuck", false}, {"shit", false}, {"fuck you", false}});
  EXPECT_EQ(matched(matcher, "#FuckThis"), "Fuck");
  EXPECT_EQ(matched(matcher, "thisIsShit"), "Shit");
  EXPECT_EQ(matched(matcher, "#FuckYou"), "Fuck|FuckYou") << "a phrase across the parts";
  EXPECT_EQ(matched(matcher, "#ShitakeMushrooms #iPhone #McDonalds ShiTzu"), "");
  EXPECT_EQ(matched(matcher, "FUCKTHIS"), "") << "capitals alone mark no edge";
  EXPECT_EQ(matched(matcher, "#WhatTheFuuuck #FvckThis #TheSh1tShow"), "Fuuuck|Fvck|Sh1t");
}

TEST(MasksAndCapitals, APhraseRunTogetherIsFoundThroughItsInnerWords) {
  const auto matcher = TermMatcher({{"knows how to drive", false}});
  EXPECT_EQ(matched(matcher, "#NobodyHereKnowsHowToDrive"), "KnowsHowToDrive") << "\"how\" and \"to\" begin no term";
  EXPECT_EQ(matched(matcher, "#HowToDriveSafely"), "");
}

TEST(MasksAndCapitals, OnlyPartsThatCanBeginAMatchAreReadAgain) {
  const auto may_begin = [](std::string_view part) { return part == "Fuck"; };
  EXPECT_TRUE(masks_and_capitals_read("#NewSeason #SpringSale", may_begin).empty());
  const auto readings = masks_and_capitals_read("#NewSeason #FuckThis", may_begin);
  ASSERT_EQ(readings.size(), 1U);
  EXPECT_EQ(readings[0].text, "#NewSeason #Fuck This");
}

TEST(MasksAndCapitals, OffsetsAreTheOriginals) {
  const auto readings = masks_and_capitals_read("a #FuckYouToo f#ck", every_part);
  ASSERT_EQ(readings.size(), 1U);
  const auto &reading = readings[0];
  EXPECT_EQ(reading.text, "a #Fuck You Too f*ck");
  EXPECT_EQ(reading.begin16, 0U);
  EXPECT_EQ(reading.inserted16, (std::vector<std::uint32_t>{7, 11}));
  EXPECT_EQ(reading.original_offset(3), 3U);
  EXPECT_EQ(reading.original_offset(8), 7U);   // "You" starts at 7 in the original
  EXPECT_EQ(reading.original_offset(12), 10U); // "Too"
  EXPECT_EQ(reading.original_offset(20), 18U); // the end
  const TermMatcher matcher({{"you", false}});
  const auto found = matcher.find("\xF0\x9F\x98\x80 NotYou");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].begin, 6U) << "after an emoji of two UTF-16 units, a space and \"Not\"";
  EXPECT_EQ(found[0].end, 9U);
  EXPECT_TRUE(masks_and_capitals_read("plain words, well-known user_name", every_part).empty());
  EXPECT_TRUE(masks_and_capitals_read("f#ck \xFF", every_part).empty()) << "not UTF-8";
}

TEST(MasksAndCapitals, ALongPostIsReadAgainOnlyAroundItsChanges) {
  std::string post;
  for (int i = 0; i < 200; ++i) post += "plain words of a long post ";
  const std::size_t first = post.size();
  post += "#FuckThis ";
  for (int i = 0; i < 200; ++i) post += "plain words of a long post ";
  const std::size_t second = post.size();
  post += "sh#t and more";
  const auto readings = masks_and_capitals_read(post, every_part);
  ASSERT_EQ(readings.size(), 2U);
  for (const auto &reading : readings) {
    EXPECT_LT(reading.text.size(), 400U);
    EXPECT_NE(reading.text.front(), ' ');
    EXPECT_EQ(post[reading.begin16 - 1], ' ') << "a window starts at a word: " << reading.text;
  }
  const TermMatcher matcher({{"fuck", false}, {"shit", false}});
  const auto found = matcher.find(post);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].begin, first + 1);
  EXPECT_EQ(found[1].begin, second);
  EXPECT_EQ(found[1].end, second + 4);
}

TEST(SecondReadingHints, TheQuickScanAgreesWithTheBytewiseOne) {
  // Random texts over the bytes the scan looks at, long enough for its sixteen-byte steps.
  const std::string alphabet = "aZkIbxZk *#-_?\t\xE2\xF0\xA0\xC2.!@$.<|+()[]/\\>3=0  ,;~^%&'";
  std::mt19937 random(20261127);
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 48, ' ');
    for (char &c : text) c = alphabet[random() % alphabet.size()];
    const auto quick = second_reading_hints(text);
    const auto reference = second_reading_detail::hints_bytewise(text);
    ASSERT_EQ(quick.lone_wildcard, reference.lone_wildcard) << '"' << text << '"';
    ASSERT_EQ(quick.word_inside, reference.word_inside) << '"' << text << '"';
    ASSERT_EQ(quick.first_lone_wildcard, reference.first_lone_wildcard) << '"' << text << '"';
    ASSERT_EQ(quick.first_word_inside, reference.first_word_inside) << '"' << text << '"';
    ASSERT_EQ(quick.broken_word, reference.broken_word) << '"' << text << '"';
    ASSERT_EQ(quick.first_broken_word, reference.first_broken_word) << '"' << text << '"';
    // And where: the places the readings look at.
    for (const Hint kind : {Hint::lone_wildcard, Hint::word_inside, Hint::broken_word}) {
      std::vector<std::size_t> visited;
      for_each_hint(text, kind, [&](std::size_t at) { visited.push_back(at); });
      std::vector<std::size_t> expected;
      for (std::size_t i = 0; i < text.size(); ++i) {
        const bool holds = kind == Hint::lone_wildcard ? second_reading_detail::lone_wildcard_at(text, i)
                           : kind == Hint::word_inside ? second_reading_detail::word_inside_at(text, i)
                                                       : second_reading_detail::broken_word_at(text, i);
        if (holds) expected.push_back(i);
      }
      ASSERT_EQ(visited, expected) << '"' << text << '"';
    }
  }
}

TEST(SecondReadingHints, WhatEachHintMeans) {
  EXPECT_TRUE(second_reading_hints("we f * c k").lone_wildcard);
  EXPECT_TRUE(second_reading_hints("* u c k").lone_wildcard);
  EXPECT_TRUE(second_reading_hints("s   \xF0\x9F\x92\xA9 t").lone_wildcard);
  EXPECT_FALSE(second_reading_hints("love it \xF0\x9F\x8E\x89 5 * 3").lone_wildcard);
  EXPECT_TRUE(second_reading_hints("x-ray").word_inside);
  EXPECT_TRUE(second_reading_hints("#NewSeason").word_inside);
  EXPECT_TRUE(second_reading_hints("f@#k").word_inside) << "a mask after a symbol that stands for a letter";
  EXPECT_FALSE(second_reading_hints("plain words, 50% off - NOW").word_inside);
  EXPECT_FALSE(second_reading_hints("@acme_support on example.com, a well-known shop").word_inside)
      << "a joiner between two parts of three letters or more joins words";
  EXPECT_TRUE(second_reading_hints("sh-t and f.ck and a_b").word_inside);
  EXPECT_TRUE(second_reading_hints("f@ck").word_inside) << "a symbol alone between letters";
  EXPECT_TRUE(second_reading_hints("f|u|c|k").word_inside);
  EXPECT_FALSE(second_reading_hints("@acme, 1+1, 5$ and wow!").word_inside);
  EXPECT_TRUE(second_reading_hints("f@@k").word_inside) << "symbols read as letters in a row after a letter";
  EXPECT_TRUE(second_reading_hints("f..k").word_inside) << "stops in a row after a letter";
  EXPECT_FALSE(second_reading_hints("the end... Next: @@acme $$$ !!!").word_inside);
  EXPECT_TRUE(second_reading_hints("f uck").word_inside) << "a letter alone before a word";
  EXPECT_TRUE(second_reading_hints("bitc h").word_inside) << "a letter alone after a word";
  EXPECT_FALSE(second_reading_hints("I am a cat in a hat, 5 big dogs").word_inside) << "\"a\" and \"I\" are words";
}

} // namespace
} // namespace handleguard::text
