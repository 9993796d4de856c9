#include "text/term_matcher.hpp"

#include <gtest/gtest.h>

#include "matched_words.hpp"

#include <chrono>
#include <string>

namespace handleguard::text {
namespace {

using Words = std::vector<std::string>;

TermMatcher words_matcher(std::initializer_list<const char *> terms) {
  std::vector<TermPattern> patterns;
  for (const char *term : terms) patterns.push_back({term, false});
  return TermMatcher(std::move(patterns));
}

TEST(TermMatcher, WholeWordsCaseFolded) {
  const auto matcher = words_matcher({"damn", "idiot"});
  EXPECT_EQ(matched_words(matcher, "Damn, you IDIOT."), (Words{"Damn", "IDIOT"}));
  EXPECT_TRUE(matched_words(matcher, "idiotic dams and damnation").empty());
}

TEST(TermMatcher, AWholeWordTermIsItsPluralToo) {
  // Banning "scam" must not let "scams" through; other endings stay other words.
  const auto matcher = words_matcher({"idiot", "scam", "bitch", "quiz", "pussy", "gas"});
  EXPECT_EQ(matched_words(matcher, "idiots and SCAMS"), (Words{"idiots", "SCAMS"}));
  EXPECT_EQ(matched_words(matcher, "bitches, quizzes, pussies and gases"), (Words{"bitches", "quizzes", "pussies", "gases"}));
  EXPECT_TRUE(matched_words(matcher, "scammer idiotic quizzical bitchy").empty());
  // The plural's last letter is written once: "assess" is not "asses" with a repeat.
  const auto ass = words_matcher({"ass"});
  EXPECT_TRUE(matched_words(ass, "Please assess and reassess the damage").empty());
  EXPECT_EQ(matched_words(ass, "you asses, you asssses"), (Words{"asses", "asssses"}));
  EXPECT_EQ(matched_words(matcher, "s c a m s"), (Words{"s c a m s"})) << "one finding, not also its singular inside it";
  // Terms shorter than three letters have no plural: "a" would make every "as" a match.
  EXPECT_TRUE(matched_words(words_matcher({"ho"}), "hos and hoes").empty());
  EXPECT_TRUE(matched_words(TermMatcher({{"scam", true}}), "scams").size() == 1U) << "a substring term is unchanged";
}

TEST(TermMatcher, FullCaseFoldingAndNfkc) {
  const auto matcher = words_matcher({"strasse", "fuck"});
  EXPECT_EQ(matched_words(matcher, "STRAẞE and Straße"), (Words{"STRAẞE", "Straße"}));
  EXPECT_EQ(matched_words(matcher, "ｆｕｃｋ"), (Words{"ｆｕｃｋ"}));      // fullwidth
  EXPECT_EQ(matched_words(matcher, "oh ﬀuck"), (Words{"ﬀuck"})) << "the ligature is two f's, one repeated";
}

TEST(TermMatcher, MathematicalLettersAreNfkcFolded) {
  const auto matcher = words_matcher({"fuck"});
  const auto found = matcher.find("what the 𝐟𝐮𝐜𝐤 ok");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].begin, 9U);
  EXPECT_EQ(found[0].end, 17U); // four astral letters, two UTF-16 units each
}

TEST(TermMatcher, EnclosedLettersNfkcLeavesAloneAreLetters) {
  // Negative circled, negative squared and regional indicator letters: NFKC maps none of them.
  const auto matcher = words_matcher({"fuck"});
  for (const std::string post : {"what the \U0001F155\U0001F164\U0001F152\U0001F15A ok",   // 🅕🅤🅒🅚
                                 "what the \U0001F175\U0001F184\U0001F172\U0001F17A ok",   // 🅵🆄🅲🅺
                                 "what the \U0001F1EB\U0001F1FA\U0001F1E8\U0001F1F0 ok",   // 🇫🇺🇨🇰
                                 "what the \U0001F1EB \U0001F1FA \U0001F1E8 \U0001F1F0 ok"}) {
    const auto found = matcher.find(post);
    ASSERT_EQ(found.size(), 1U) << post;
    EXPECT_EQ(found[0].begin, 9U) << post;
  }
  EXPECT_TRUE(matcher.find("\U0001F155\U0001F164\U0001F152 \U0001F1EB\U0001F1FA\U0001F1E8").empty()); // "fuc", twice
  // Parenthesized letters, which NFKC would spell "(f)(u)(c)(k)", each "(" read as a "c".
  EXPECT_EQ(matcher.find("what the \u24A1\u24B0\u249E\u24A6 ok").size(), 1U);         // ⒡⒰⒞⒦
  EXPECT_EQ(matcher.find("what the \U0001F115\U0001F124\U0001F112\U0001F11A ok").size(), 1U); // 🄕🄤🄒🄚
}

TEST(TermMatcher, FancyTextLettersAndSymbolsSkeletonsLeaveAlone) {
  const auto matcher = words_matcher({"drive"});
  for (const std::string post : {"we d\u044Five", "we \u2202rive", "we d\u00AEive", "we d\u027Eive", "we d\u0279ive",
                                 "we \u2202\u044F\u03B9\u03BD\u0454", // dяive ∂rive d®ive dɾive dɹive ∂яινє
                                 "we \u1D91rive", "we dri\u2C71e", "we \u056Arive",        // ᶑrive driⱱe ժrive
                                 "we \u15EA\u5C3A\u4E28\u142F\u4E47"}) {                    // ᗪ尺丨ᐯ乇, "Asian" style
    EXPECT_EQ(matcher.find(post).size(), 1U) << post;
  }
  const auto more = words_matcher({"fuck", "shit", "bitch"});
  for (const std::string post : {"f\u028Ack", "fu\u0188k", "s\u0452it", "shi\u0288", "\u0284uck", "fu\u049Dk", // fʊck fuƈk sђit shiʈ ʄuck fuҝk
                                 "\u5343\u3129\u531A\u049C", "\u4E02\u5344\u4E28\u3112", "\u4E43\u4E28\u3112\u531A\u5344"}) { // 千ㄩ匚Ҝ 丂卄丨ㄒ 乃丨ㄒ匚卄
    EXPECT_EQ(more.find(post).size(), 1U) << post;
  }
  // Ordinary Chinese and Japanese spell no Latin word.
  EXPECT_TRUE(more.find("\u5C71\u7530\u3055\u3093\u306E\u5343\u5186 \u5C3A\u5BF8").empty()); // 山田さんの千円 尺寸
  // A term written in those scripts still finds itself.
  const auto chinese = TermMatcher({{"\u5C71\u5BE8", true}}); // 山寨, a substring term
  EXPECT_EQ(chinese.find("\u8FD9\u662F\u5C71\u5BE8\u8D27").size(), 1U); // 这是山寨货
}

TEST(TermMatcher, AFlagInATermIsNoWord) {
  // "🇺🇸" in a post reads as "us"; as a term it is a flag, not a ban on the word "us".
  EXPECT_FALSE(TermMatcher::can_match("\U0001F1FA\U0001F1F8"));
  EXPECT_FALSE(TermMatcher::can_match("\U0001F1FA\U0001F1F8 \U0001F1EC\U0001F1E7"));
  EXPECT_TRUE(TermMatcher::can_match("\U0001F175\U0001F184")); // negative squared letters are letters in terms too
  EXPECT_EQ(matched_words(words_matcher({"us"}), "tell us"), (Words{"us"}));
}

TEST(TermMatcher, ConfusableLettersFromOtherScripts) {
  const auto matcher = words_matcher({"scam", "porn"});
  EXPECT_EQ(matched_words(matcher, "ѕсаm alert"), (Words{"ѕсаm"}));   // Cyrillic ѕ, с, а
  EXPECT_EQ(matched_words(matcher, "free pοrn"), (Words{"pοrn"}));    // Greek omicron
  EXPECT_EQ(matched_words(matcher, "free PОRN"), (Words{"PОRN"}));    // Cyrillic capital О
  // Skeletons outside ASCII (κ → ĸ, τ → ᴛ, м → ʍ) are folded on to the Latin letter.
  EXPECT_EQ(matched_words(matcher, "ѕсам and ρоrn"), (Words{"ѕсам", "ρоrn"}));
  const auto greek = words_matcher({"tick"});
  EXPECT_EQ(matched_words(greek, "τιcκ"), (Words{"τιcκ"}));
}

TEST(TermMatcher, SeparatorsBetweenSingleLetters) {
  const auto matcher = words_matcher({"fuck"});
  EXPECT_EQ(matched_words(matcher, "f.u.c.k this"), (Words{"f.u.c.k"}));
  EXPECT_EQ(matched_words(matcher, "f u c k this"), (Words{"f u c k"}));
  EXPECT_EQ(matched_words(matcher, "f-u-c-k"), (Words{"f-u-c-k"}));
  EXPECT_EQ(matched_words(matcher, "oh a f_u_c_k"), (Words{"f_u_c_k"}));
  // A word written down the page, a letter a line, is that word; a blank line between is a gap too.
  EXPECT_EQ(matched_words(matcher, "so\nf\nu\nc\nk\nit"), (Words{"f\nu\nc\nk"}));
  EXPECT_EQ(matched_words(matcher, "f\r\nu\r\nc\r\nk"), (Words{"f\r\nu\r\nc\r\nk"}));
  EXPECT_EQ(matched_words(matcher, "F\n\nU\n\nC\n\nK"), (Words{"F\n\nU\n\nC\n\nK"}));
  EXPECT_TRUE(matched_words(matcher, "f\nu\n\nc\nk").empty()) << "the letters must be set out alike";
  // On one line, spaces of any kind and number (up to the gap's limit) are alike.
  EXPECT_EQ(matched_words(matcher, "f u  c k"), (Words{"f u  c k"}));
  EXPECT_EQ(matched_words(matcher, "so f  u c   k it"), (Words{"f  u c   k"}));
  EXPECT_EQ(matched_words(matcher, "f\tu c\u00A0k"), (Words{"f\tu c\u00A0k"}));
  EXPECT_TRUE(matched_words(matcher, "f u    c k").empty()) << "four spaces part words";
  EXPECT_TRUE(matched_words(matcher, "f u\nc k").empty()) << "a line break is no space";
  EXPECT_EQ(matched_words(matcher, "a f.u.c.k  u"), (Words{"f.u.c.k"})) << "dots and spaces are not alike";
  EXPECT_EQ(matched_words(matcher, "such a f u c k"), (Words{"f u c k"})) << "a leading one-letter word";
  EXPECT_EQ(matched_words(matcher, "c-u-m!! f-u-c-k!!"), (Words{"f-u-c-k"}));
}

TEST(TermMatcher, SpacedOutWordsAreWholeWords) {
  const auto matcher = words_matcher({"ass", "cum"});
  EXPECT_TRUE(matched_words(matcher, "I am a s s i s t a n t manager").empty());
  EXPECT_TRUE(matched_words(matcher, "a s s e t s").empty());
  EXPECT_TRUE(matched_words(matcher, "a s  s e  t s").empty());
  EXPECT_TRUE(matched_words(matcher, "I am a  s s i s t a n t").empty());
  EXPECT_TRUE(matched_words(matcher, "d o c u m e n t").empty());
  EXPECT_EQ(matched_words(matcher, "a-s-s"), (Words{"a-s-s"}));
}

TEST(TermMatcher, RepeatedLetters) {
  const auto matcher = words_matcher({"fuck", "ass"});
  EXPECT_EQ(matched_words(matcher, "fuuuuck"), (Words{"fuuuuck"}));
  EXPECT_EQ(matched_words(matcher, "ffffuuuucccckkkk"), (Words{"ffffuuuucccckkkk"}));
  EXPECT_EQ(matched_words(matcher, "asssss"), (Words{"asssss"}));
  EXPECT_TRUE(matched_words(matcher, "as").empty()) << "\"ass\" needs its two s";
}

TEST(TermMatcher, SoundAlikeAndRomanVSpellings) {
  const auto matcher = words_matcher({"fuck", "cunt", "ass", "boobs"});
  for (const char *spelling : {"phuck", "fuk", "fuq", "phuk", "kunt", "azz", "boobz", "fvck", "cvnt", "phvck", "fvk", "kvnt"}) {
    EXPECT_EQ(matched_words(matcher, std::string("so ") + spelling + " it"), (Words{spelling})) << spelling;
  }
  // Only the term's own u is read as v: a v elsewhere is a v.
  const auto vulgar = words_matcher({"vulgar"});
  EXPECT_EQ(matched_words(vulgar, "vvlgar"), (Words{"vvlgar"}));
  EXPECT_TRUE(matched_words(vulgar, "uulgar").empty());
  EXPECT_TRUE(matched_words(matcher, "favck fvcks vacuum cvrve").empty());
  // A w as two v's: the term's own w only.
  const auto whore = words_matcher({"whore", "twat"});
  EXPECT_EQ(matched_words(whore, "vvhore and TVVAT"), (Words{"vvhore", "TVVAT"}));
  EXPECT_TRUE(matched_words(whore, "savvy navvy divvy, vhore").empty());
}

TEST(TermMatcher, SymbolSubstitutions) {
  const auto matcher = words_matcher({"ass", "shit", "idiot", "hello"});
  EXPECT_EQ(matched_words(matcher, "@$$"), (Words{"@$$"}));
  EXPECT_EQ(matched_words(matcher, "a$$"), (Words{"a$$"}));
  EXPECT_EQ(matched_words(matcher, "5h1t"), (Words{"5h1t"}));
  EXPECT_EQ(matched_words(matcher, "sh!t"), (Words{"sh!t"}));
  EXPECT_EQ(matched_words(matcher, "1d10t"), (Words{"1d10t"}));
  EXPECT_EQ(matched_words(matcher, "h3ll0"), (Words{"h3ll0"}));
  EXPECT_EQ(matched_words(matcher, "shit!!! (idiot)"), (Words{"shit", "idiot"}));
  EXPECT_TRUE(matched_words(matcher, "455 horsepower").empty()) << "a number is not a word";
}

TEST(TermMatcher, StarsStandForOneLetterEach) {
  const auto matcher = words_matcher({"fuck", "shit"});
  EXPECT_EQ(matched_words(matcher, "f*ck"), (Words{"f*ck"}));
  EXPECT_EQ(matched_words(matcher, "f**k"), (Words{"f**k"}));
  EXPECT_EQ(matched_words(matcher, "sh*t"), (Words{"sh*t"}));
  EXPECT_TRUE(matched_words(matcher, "f* and sh*").empty()) << "one star at a word's end is punctuation";
  EXPECT_TRUE(matched_words(matcher, "s***t").empty()) << "three stars are not two";
  EXPECT_TRUE(matched_words(matcher, "*hello*").empty());
  // The same starred word again is answered from a cache: its spans must still be its own.
  EXPECT_EQ(matched_words(matcher, "f*ck, sh*t and f*ck"), (Words{"f*ck", "sh*t", "f*ck"}));
}

TEST(TermMatcher, TwoStarsOrMoreMayHideAWordsEnd) {
  const auto matcher = words_matcher({"fuck", "shit", "fucking", "bitch", "fuck you"});
  EXPECT_EQ(matched_words(matcher, "f*** this, sh**! (fu**)"), (Words{"f***", "sh**", "fu**"}));
  EXPECT_EQ(matched_words(matcher, "bitc***"), (Words{"bitc***"})) << "bitches, the plural";
  EXPECT_EQ(matched_words(matcher, "f****** hell"), (Words{"f******"})) << "fucking";
  // As many stars as letters hidden, after the term's own first letters.
  EXPECT_TRUE(matched_words(matcher, "f********* s***** b***").empty());
  EXPECT_TRUE(matched_words(matcher, "d*** price* terms** A+*").empty());
  EXPECT_TRUE(matched_words(matcher, "**bold** and ***").empty());
}

TEST(TermMatcher, ThreeStarsOrMoreHideAsManyLettersOfAWholeWord) {
  const auto matcher = words_matcher({"bitch", "fucking", "asshole", "scams", "drive"});
  EXPECT_EQ(matched_words(matcher, "what a b***h"), (Words{"b***h"}));
  EXPECT_EQ(matched_words(matcher, "F****NG hell"), (Words{"F****NG"}));
  EXPECT_EQ(matched_words(matcher, "you a****le!"), (Words{"a****le"}));
  EXPECT_EQ(matched_words(matcher, "b*****s everywhere"), (Words{"b*****s"})) << "bitches: the plural of a term is the term";
  EXPECT_EQ(matched_words(matcher, "\"b***h\", she said"), (Words{"b***h"}));
  EXPECT_EQ(matched_words(matcher, "b*\u200B**h"), (Words{"b*\u200B**h"})) << "an invisible among the stars";
  EXPECT_EQ(matched_words(matcher, "b***h and b***h"), (Words{"b***h", "b***h"}));
  // As many stars as letters hidden: no more, no fewer, and the letters shown must be the term's.
  EXPECT_TRUE(matched_words(matcher, "b****h").empty());
  EXPECT_TRUE(matched_words(matcher, "b**h").empty());
  EXPECT_TRUE(matched_words(matcher, "b***k").empty());
  EXPECT_EQ(matched_words(matcher, "d***e"), (Words{"d***e"}));
  EXPECT_TRUE(matched_words(matcher, "d****e").empty()) << "drive has five letters, d****e stands for six";
  EXPECT_EQ(matched_words(matcher, "pure b**t*rd, s***s"), (Words{"s***s"})) << "bastard is no term here";
  // Stars before a word are punctuation; between single letters they separate them.
  EXPECT_TRUE(matched_words(matcher, "***itch").empty());
  EXPECT_TRUE(matched_words(matcher, "**bold** text").empty());
  EXPECT_EQ(matched_words(matcher, "d*r*i*v*e"), (Words{"d*r*i*v*e"}));
  // Two stars are still tried letter by letter; stars between words are punctuation.
  EXPECT_EQ(matched_words(matcher, "b*t*h"), (Words{"b*t*h"}));
  EXPECT_TRUE(matched_words(matcher, "b*t*k").empty());
  EXPECT_EQ(matched_words(matcher, "the drive***bitch"), (Words{"drive", "bitch"}));
}

TEST(TermMatcher, StarsBeyondWildcardsSeparateSingleLetters) {
  // Past two stars a "*" is punctuation, as "." is: between single letters it joins them.
  const auto matcher = words_matcher({"fuck", "drive"});
  EXPECT_EQ(matched_words(matcher, "we f*u*c*k it"), (Words{"f*u*c*k"}));
  EXPECT_EQ(matched_words(matcher, "we d**r**i**v**e"), (Words{"d**r**i**v**e"}));
  EXPECT_EQ(matched_words(matcher, "*d*r*i*v*e* now"), (Words{"d*r*i*v*e"}));
  EXPECT_EQ(matched_words(matcher, "f*ck and d*r*i*v*e, f*ck"), (Words{"f*ck", "d*r*i*v*e", "f*ck"}));
  // Only single letters join; words between the stars stay words.
  EXPECT_TRUE(matched_words(matcher, "dr*iv*e*x").empty());
  EXPECT_TRUE(matched_words(matcher, "d*r*i*v*e*r*s*x*y*z").empty()) << "a longer row of letters is another word";
}

TEST(TermMatcher, InvisibleCharactersAreIgnored) {
  const auto matcher = words_matcher({"fuck"});
  EXPECT_EQ(matched_words(matcher, "f\u200Bu\u200Dc\u00ADk"), (Words{"f\u200Bu\u200Dc\u00ADk"}));
  EXPECT_EQ(matched_words(matcher, "f\u202Euck"), (Words{"f\u202Euck"}));
  EXPECT_EQ(matched_words(matcher, "fu\u0301\u0308ck"), (Words{"fu\u0301\u0308ck"})); // combining marks
  EXPECT_EQ(matched_words(matcher, "fück"), (Words{"fück"}));
}

TEST(TermMatcher, NoScunthorpe) {
  const auto matcher = words_matcher({"cunt", "ass", "damn", "tit", "cock", "hell", "sex", "anal"});
  for (const char *innocent :
       {"Scunthorpe United", "a classic assassin passage", "Amsterdam now", "the title of Titanic",
        "a peacock in the cockpit", "hello shell", "Essex and Sussex", "analysis of canal data", "damnation"}) {
    EXPECT_TRUE(matched_words(matcher, innocent).empty()) << innocent;
  }
}

TEST(TermMatcher, SubstringTermsMatchInsideWordsButNotAcrossThem) {
  const auto matcher = TermMatcher({{"scam", true}});
  EXPECT_EQ(matched_words(matcher, "scammers everywhere"), (Words{"scam"}));
  EXPECT_TRUE(matched_words(matcher, "sca mmers").empty());
}

TEST(TermMatcher, SubstringTermsKeepTheDisguisesOfWholeWords) {
  const auto matcher = TermMatcher({{"fuck", true}});
  EXPECT_EQ(matched_words(matcher, "who fucked up, motherfucking fuckfuckfuck"), (Words{"fuck", "fuck", "fuck", "fuck", "fuck"}));
  // Sound-alikes, swaps, a word cut in two, stars and look-alikes, as for a whole-word term.
  EXPECT_EQ(matched_words(matcher, "phuck fuk fcuk fu ck f*ck f***ing fυck"),
            (Words{"phuck", "fuk", "fcuk", "fu ck", "f*ck", "fυck"}));
  // Those disguises stay whole words: "fuk" inside a name is not the term.
  EXPECT_TRUE(matched_words(matcher, "Fukushima and Fukuoka").empty());
  EXPECT_EQ(matcher.find("fucks").size(), 1U) << "a substring term needs no plural of its own";
}

TEST(TermMatcher, AllowListSuppressesMatchesInsideAllowedWords) {
  const auto matcher = TermMatcher({{"cunt", true}, {"scam", true}}, {"Scunthorpe"});
  EXPECT_TRUE(matched_words(matcher, "Scunthorpe United").empty());
  EXPECT_EQ(matched_words(matcher, "scunts from Scunthorpe"), (Words{"cunt"}));
  EXPECT_EQ(matched_words(matcher, "a scam"), (Words{"scam"}));
}

TEST(TermMatcher, AllowedWordsInsideLongerWordsStillAllow) {
  const auto matcher = TermMatcher({{"cunt", true}, {"cum", false}, {"fuck", true}}, {"Scunthorpe", "kum ba yah"});
  // A hashtag or words run together hold the allowed word: what lies inside it is not reported.
  EXPECT_TRUE(matched_words(matcher, "#ScunthorpeUnited #GoScunthorpe").empty());
  EXPECT_TRUE(matched_words(matcher, "#KumBaYah").empty()) << "an allowed phrase's words split off camel case";
  // What lies outside the allowed word still is.
  EXPECT_EQ(matched_words(matcher, "ScunthorpeCunt"), (Words{"Cunt"}));
  EXPECT_EQ(matched_words(matcher, "#KumBaYahFuck"), (Words{"Fuck"}));
}

TEST(TermMatcher, PhrasesMatchAcrossAnySeparators) {
  const auto matcher = words_matcher({"barely legal", "2 girls 1 cup"});
  EXPECT_EQ(matched_words(matcher, "Barely-legal!"), (Words{"Barely-legal"}));
  EXPECT_EQ(matched_words(matcher, "2 girls, 1 cup"), (Words{"2 girls, 1 cup"}));
  EXPECT_TRUE(matched_words(matcher, "barely legalese").empty());
}

TEST(TermMatcher, APhraseOfThreeWordsOrMoreRunTogetherIsThatPhrase) {
  const auto matcher = words_matcher({"knows how to drive", "hard core"});
  EXPECT_EQ(matched_words(matcher, "#knowshowtodrive KNOWSHOWTODRIVE"), (Words{"knowshowtodrive", "KNOWSHOWTODRIVE"}));
  // As a whole word only, and two words run together may be an innocent word.
  EXPECT_TRUE(matched_words(matcher, "#nobodyknowshowtodrive, hardcore fans").empty());
  EXPECT_EQ(matched_words(matcher, "h a r d c o r e"), (Words{"h a r d c o r e"})) << "spelled out letter by letter";
}

TEST(TermMatcher, APhraseOfThreeWordsOrMoreWithTwoOfThemRunTogetherIsThatPhrase) {
  const auto matcher = words_matcher({"nobody here knows how to drive", "piece of shit"});
  EXPECT_EQ(matched_words(matcher, "nobody here knows howto drive"), (Words{"nobody here knows howto drive"}));
  EXPECT_EQ(matched_words(matcher, "Nobody hereknows how to drive."), (Words{"Nobody hereknows how to drive"}));
  EXPECT_EQ(matched_words(matcher, "pieceof shit"), (Words{"pieceof shit"}));
  EXPECT_TRUE(matched_words(matcher, "nobody here knows howto").empty()) << "the phrase's other words must be there";
}

TEST(TermMatcher, SpansAreUtf16OffsetsOfTheOriginal) {
  const auto matcher = words_matcher({"drive"});
  // "🚗" is two UTF-16 units; "é" one; the zero-width space one.
  const auto found = matcher.find("🚗é D\u200BRIVE");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0], (TermMatch{0, 4, 10}));
}

TEST(TermMatcher, ReportsEveryOccurrenceSortedAndOnce) {
  const auto matcher = TermMatcher({{"fuck", false}, {"fuck", true}});
  const auto found = matcher.find("fuck f*ck");
  ASSERT_EQ(found.size(), 4U);
  EXPECT_EQ(found[0], (TermMatch{0, 0, 4}));
  EXPECT_EQ(found[1], (TermMatch{1, 0, 4}));
  EXPECT_EQ(found[2], (TermMatch{0, 5, 9}));
}

TEST(TermMatcher, UnmatchablePatternsAreReported) {
  const auto matcher = TermMatcher({{"...", false}, {"ok", false}, {"", false}});
  EXPECT_EQ(matcher.unmatchable(), (std::vector<std::size_t>{0, 2}));
  EXPECT_TRUE(matcher.find("... ok").size() == 1U);
}

TEST(TermMatcher, CanMatchAgreesWithTheMatcherBuiltFromTheTerm) {
  for (const std::string term : {"...", "ok", "", "*", "* *", "\u200b", "f*ck", "$", "455", "\xff\xfe", "\u0441\u043a\u0430\u043c",
                                 "-- !", "a", "\U0001F600", "\U0001F1FA\U0001F1F8", "\U0001F175"}) {
    const bool matchable = TermMatcher({{term, false}}).unmatchable().empty();
    EXPECT_EQ(TermMatcher::can_match(term), matchable) << term;
  }
  EXPECT_FALSE(TermMatcher::can_match("..."));
  EXPECT_TRUE(TermMatcher::can_match("scam"));
}

TEST(TermMatcher, InvalidUtf8IsASeparator) {
  const auto matcher = words_matcher({"fuck"});
  const auto found = matcher.find("\xff" "fuck\xc3");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0], (TermMatch{0, 1, 5}));
  // A truncated sequence is one U+FFFD, however many of its bytes are there (as ICU counts).
  const auto truncated = matcher.find("\xE2\x82" "fuck \xF0\x9F\x98" "fuck");
  ASSERT_EQ(truncated.size(), 2U);
  EXPECT_EQ(truncated[0], (TermMatch{0, 1, 5}));
  EXPECT_EQ(truncated[1], (TermMatch{0, 7, 11}));
}

TEST(TermMatcher, SwappedLettersWithRepeatsOrSymbolsAtTheEdges) {
  const auto matcher = words_matcher({"fuck", "bastard"});
  EXPECT_EQ(matched_words(matcher, "fcuk off"), (Words{"fcuk"}));
  EXPECT_EQ(matched_words(matcher, "fcuuk off"), (Words{"fcuuk"}));
  EXPECT_EQ(matched_words(matcher, "fcukkk off"), (Words{"fcukkk"}));
  EXPECT_EQ(matched_words(matcher, "fcuk! and @fcuk"), (Words{"fcuk", "fcuk"}));
  EXPECT_EQ(matched_words(matcher, "bsaatard"), (Words{"bsaatard"}));
  EXPECT_TRUE(matched_words(matcher, "fcku ufck fukc").empty()) << "the first and last letter stay in place";
  EXPECT_TRUE(words_matcher({"slut"}).find("suit suiit").empty()) << "an i is no l in a swap";
}

TEST(TermMatcher, CutInTwoOnlyWhereAPartIsNoWord) {
  const auto matcher = words_matcher({"fuck", "bynow", "penis"});
  EXPECT_EQ(matched_words(matcher, "fu ck"), (Words{"fu ck"}));
  EXPECT_TRUE(matched_words(matcher, "be there by now").empty()) << "\"by\" is a word: y counts as a vowel";
  EXPECT_TRUE(matched_words(matcher, "the pen is mightier").empty());
}

TEST(TermMatcher, ALetterCutOffAnEndWhereItIsNoWordAlone) {
  const auto matcher = words_matcher({"fuck", "shit", "bitch", "butt", "clit", "whore"});
  EXPECT_EQ(matched_words(matcher, "f uck, b itch and bitc h! and w hore"), (Words{"f uck", "b itch", "bitc h", "w hore"}));
  // A letter that is a word, or what an apostrophe leaves of one, stays a word.
  EXPECT_TRUE(matched_words(matcher, "it's hit, Taylor's hit, a bitch-free zone? no: I itch").size() == 1U);
  EXPECT_TRUE(matched_words(matcher, "it's hit after hit, don't wait").empty());
  // A short word before a letter starting a name is that word ("but T-Mobile").
  EXPECT_TRUE(matched_words(matcher, "but T-Mobile, shi t").empty());
  EXPECT_TRUE(matched_words(matcher, "see ( 117 )").empty()) << "digits alone are no letters: \"( 117\" is no \"c lit\"";
}

TEST(TermMatcher, ControlCharactersInsideAWordHideNothing) {
  const auto matcher = words_matcher({"refund", "idiot"});
  using namespace std::literals;
  // Read once as separators (a word each side) and once as nothing (one word).
  EXPECT_EQ(matched_words(matcher, "ref\0und ref\x01und re\x7f""fund"sv), (Words{"ref\0und"s, "ref\x01und", "re\x7f""fund"}));
  EXPECT_EQ(matched_words(matcher, "idiot\0here"sv), (Words{"idiot"}));
  EXPECT_TRUE(matched_words(matcher, "ref\tund ref\nund").empty()) << "white space still parts words";
}

TEST(TermMatcher, NonLatinTerms) {
  const auto matcher = words_matcher({"дурак", "バカ"});
  EXPECT_EQ(matched_words(matcher, "ты ДУРАК"), (Words{"ДУРАК"}));
  EXPECT_EQ(matched_words(matcher, "バカ"), (Words{"バカ"}));
}

} // namespace
} // namespace handleguard::text
