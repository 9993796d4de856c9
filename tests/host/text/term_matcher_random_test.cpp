// Hostile input: random mixes of letters, look-alikes, symbols, stars, invisibles, marks, astral
// characters and malformed bytes must never crash the matcher, and every span must lie inside the
// text, be non-empty, and come sorted without duplicates.
#include "text/term_matcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "util/utf.hpp"

namespace handleguard::text {
namespace {

std::string random_text(std::mt19937 &random, std::size_t pieces) {
  static const std::vector<std::string> alphabet = {
      "a", "s", "f", "u", "c", "k", "i", "t", "h", "l", "1", "@", "$", "0", "!", "*", "**", " ", ".", "-", "_", "\n",
      "\xD0\xB0" /* Cyrillic а */, "\xCE\xBF" /* Greek ο */, "\xE2\x80\x8B" /* ZWSP */, "\xC2\xAD" /* soft hyphen */,
      "\xE2\x80\xAE" /* RLO */, "\xCC\x81" /* combining acute */, "\xF0\x9D\x90\x9F" /* 𝐟 */, "\xF0\x9F\x98\x80" /* 😀 */,
      "\xEF\xAC\x80" /* ﬀ */, "\xC3\x9F" /* ß */, "\xFF" /* malformed */, "\xE2\x82" /* truncated */, "ass", "fuck"};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string text;
  for (std::size_t i = 0; i < pieces; ++i) text += alphabet[pick(random)];
  return text;
}

TEST(TermMatcherRandom, SpansAreInsideSortedAndUnique) {
  const TermMatcher matcher({{"fuck", false}, {"ass", false}, {"shit", true}, {"a s", false}, {"sk", true}, {"t", false}},
                            {"class", "assist"});
  std::mt19937 random(12345);
  for (int round = 0; round < 3000; ++round) {
    const std::string text = random_text(random, 1 + static_cast<std::size_t>(round % 60));
    const auto found = matcher.find(text);
    const std::size_t length = util::to_utf16(text).size(); // malformed sequences: one U+FFFD each
    for (std::size_t i = 0; i < found.size(); ++i) {
      ASSERT_LT(found[i].begin, found[i].end) << text;
      ASSERT_LE(found[i].end, length) << text;
      ASSERT_LT(found[i].pattern_index, matcher.patterns().size());
      if (i > 0) {
        const auto &a = found[i - 1];
        const auto &b = found[i];
        ASSERT_TRUE(std::tie(a.begin, a.end, a.pattern_index) < std::tie(b.begin, b.end, b.pattern_index)) << text;
      }
    }
  }
}

TEST(TermMatcherRandom, RandomLexiconsBuildAndMatchThemselves) {
  std::mt19937 random(777);
  for (int round = 0; round < 200; ++round) {
    std::vector<TermPattern> patterns;
    for (int t = 0; t < 20; ++t) patterns.push_back({random_text(random, 1 + static_cast<std::size_t>(t % 4)), t % 3 == 0});
    const TermMatcher matcher(patterns);
    for (std::size_t p = 0; p < patterns.size(); ++p) {
      if (std::ranges::find(matcher.unmatchable(), p) != matcher.unmatchable().end()) continue;
      // A term is found in its own text (stars excepted: in a post they are wildcards).
      if (patterns[p].text.find('*') != std::string::npos) continue;
      const auto found = matcher.find(patterns[p].text);
      EXPECT_TRUE(std::ranges::any_of(found, [&](const TermMatch &m) { return m.pattern_index == p; }))
          << "term " << p << " not found in itself: " << patterns[p].text;
    }
  }
}

} // namespace
} // namespace handleguard::text
