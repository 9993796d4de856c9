// Stretches under a right-to-left override, read as they are shown, and their spans mapped back.
#include <gtest/gtest.h>

#include <string>

#include "text/bidi_overrides.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::text {
namespace {

using Span = std::pair<std::size_t, std::size_t>;

TEST(OverriddenStretches, ReversesWhatAnOverrideShowsBackwards) {
  const auto stretches = OverriddenStretches::find("a \u202Eevird ot woh\u202C b");
  ASSERT_TRUE(stretches.has_value());
  EXPECT_EQ(stretches->shown(), "a \u200Bhow to drive\u202C b") << "the override itself a zero-width space";
  // Up to the paragraph's end when nothing pops it; the next line is read as written.
  EXPECT_EQ(OverriddenStretches::find("\u202Etoidi\nidiot")->shown(), "\u200Bidiot\nidiot");
  // A character outside the BMP keeps its two UTF-16 units and its bytes whole.
  EXPECT_EQ(OverriddenStretches::find("\u202Ea🚗b")->shown(), "\u200Bb🚗a");
  // An override under another is no override in the shown text either.
  EXPECT_EQ(OverriddenStretches::find("\u202Eab\u202Ecd")->shown(), "\u200Bdc\u200Bba");
}

TEST(OverriddenStretches, FollowsTheStackOfEmbeddingsOverridesAndIsolates) {
  const auto shown = [](std::string_view text) { return OverriddenStretches::find(text)->shown(); };
  // Each shows "how to drive": what is opened and closed again inside the override, or closes
  // nothing, leaves it in force.
  EXPECT_EQ(shown("\u202E\u2069evird ot woh"), "\u200B\u2069how to drive") << "an isolate's end with none open";
  EXPECT_EQ(shown("\u202E\u202A\u202Cevird ot woh"), "\u200B\u202A\u202Chow to drive") << "an embedding opened and closed";
  EXPECT_EQ(shown("\u202E\u202D\u202Cevird ot woh"), "\u200B\u202D\u202Chow to drive") << "a left-to-right override closed";
  EXPECT_EQ(shown("\u202E\u202E\u202Cevird ot woh"), "\u200B\u200B\u202Chow to drive") << "a second override closed";
  EXPECT_EQ(shown("\u202E\u2066\u2069evird ot woh"), "\u200B\u2066\u2069how to drive") << "an isolate opened and closed";
  // What an embedding or isolate opened inside it holds is shown as written.
  EXPECT_EQ(shown("\u202Eba\u202Acd\u202Cfe"), "\u200Bab\u202Acd\u202Cef");
  // A tab orders each side on its own.
  EXPECT_EQ(shown("\u202Eot woh\tevird"), "\u200Bhow to\tdrive");
}

TEST(OverriddenStretches, LeavesTextWithoutAnOverrideAlone) {
  EXPECT_FALSE(has_right_to_left_override("plain text, \u202B embedded \u202C and \u2067 isolated \u2069"));
  EXPECT_FALSE(OverriddenStretches::find("no override at all").has_value());
  EXPECT_FALSE(OverriddenStretches::find("x\u202Ey").has_value()) << "one character is the same either way";
  EXPECT_FALSE(OverriddenStretches::find("\u202Eab\xC3").has_value()) << "not UTF-8: offsets would not be the matcher's";
  // An embedding does not reverse Latin letters: only the override is read backwards.
  EXPECT_EQ(OverriddenStretches::find("\u202Bab\u202C \u202Ecd")->shown(), "\u202Bab\u202C \u200Bdc");
}

TEST(OverriddenStretches, MapsSpansBackToTheOriginal) {
  // UTF-16 units: "a" 0, " " 1, RLO 2, "evird" 3-7, PDF 8.
  const auto stretches = OverriddenStretches::find("a \u202Eevird\u202C");
  ASSERT_TRUE(stretches.has_value());
  EXPECT_EQ(stretches->original_span(3, 8), (Span{3, 8}));
  EXPECT_EQ(stretches->original_span(3, 5), (Span{6, 8})) << "\"dr\" shown first is written last";
  EXPECT_EQ(stretches->original_span(0, 1), (Span{0, 1})) << "outside a stretch: the same offsets";
  EXPECT_EQ(stretches->original_span(0, 5), (Span{0, 8})) << "across a stretch's edge: the whole stretch";
}

TEST(OverriddenStretches, TheMatcherFindsTermsShownTheRightWayRound) {
  const TermMatcher matcher({{"nobody here knows how to drive", false}, {"idiot", false}});
  const std::string post = "Honestly: \u202Eevird ot woh swonk ereh ydobon\u202C lol";
  const auto found = matcher.find(post);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(matcher.patterns()[found[0].pattern_index].text, "nobody here knows how to drive");
  EXPECT_EQ(found[0].begin, 11U) << "the span of the reversed words";
  EXPECT_EQ(found[0].end, 41U);
  // A phrase shown partly before the override and partly under it.
  EXPECT_EQ(matcher.find("nobody here knows \u202Eevird ot woh\u202C").size(), 1U);
  // Inside an isolate, the override ends with it.
  EXPECT_EQ(matcher.find("what a \u2067\u202Etoidi\u202C\u2069 move").size(), 1U);
  // Written the right way under the override, it is shown backwards, and the first reading
  // still finds it as written.
  EXPECT_EQ(matcher.find("\u202Eidiot").size(), 1U);
  EXPECT_EQ(matcher.find("\u202Etoidi\u202C shown, idiot written").size(), 2U);
  // Shown backwards with another disguise: every reading reads the shown text.
  EXPECT_EQ(matcher.find("what an \u202Et🚗oidi\u202C").size(), 1U) << "an emoji for a letter";
  EXPECT_EQ(matcher.find("\u202Et.o.i.d.i\u202C").size(), 1U) << "letters spelled out";
  EXPECT_TRUE(matcher.find("toidi, written so without an override").empty());
}

} // namespace
} // namespace handleguard::text
