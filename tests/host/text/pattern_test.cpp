#include "text/pattern.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace handleguard::text {
namespace {

TEST(Pattern, CompileErrorSaysWhatIsWrong) {
  const auto pattern = Pattern::compile("(ab");
  ASSERT_FALSE(pattern.has_value());
  EXPECT_NE(pattern.error().find("missing )"), std::string::npos) << pattern.error();
}

TEST(Pattern, BackreferencesAreRejectedNotEmulated) {
  EXPECT_FALSE(Pattern::compile(R"((a)\1)").has_value());
}

TEST(Pattern, FindsEveryMatchAsUtf16Spans) {
  const auto pattern = Pattern::compile(R"(\d{3}-\d{4})");
  ASSERT_TRUE(pattern.has_value());
  // "🚗" is one code point, four UTF-8 bytes, two UTF-16 units.
  const auto found = pattern->find_all("🚗 call 555-1234 or 555-9876");
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0], (PatternMatch{8, 16}));
  EXPECT_EQ(found[1], (PatternMatch{20, 28}));
  EXPECT_TRUE(pattern->matches("555-0000"));
  EXPECT_FALSE(pattern->matches("5550000"));
}

TEST(Pattern, CaseInsensitiveOptionAndUnicodeClasses) {
  const auto pattern = Pattern::compile(R"(\bpromo\p{L}*)", {.case_insensitive = true});
  ASSERT_TRUE(pattern.has_value());
  const auto found = pattern->find_all("PROMOTIONÉ today");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0], (PatternMatch{0, 10}));
}

TEST(Pattern, EmptyMatchesDoNotLoopOrSplitCharacters) {
  const auto pattern = Pattern::compile("x*");
  ASSERT_TRUE(pattern.has_value());
  const auto found = pattern->find_all("éxx🚗x");
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0], (PatternMatch{1, 3}));
  EXPECT_EQ(found[1], (PatternMatch{5, 6}));
}

TEST(Pattern, InvalidUtf8NeverMatches) {
  const auto pattern = Pattern::compile(".");
  ASSERT_TRUE(pattern.has_value());
  EXPECT_FALSE(pattern->matches("abc\xff"));
  EXPECT_TRUE(pattern->find_all("abc\xff").empty());
}

TEST(Pattern, CatastrophicBacktrackingPatternStaysFast) {
  // (a+)+$ takes exponential time in a backtracking engine on "aaaa…b"; RE2 is linear.
  const auto pattern = Pattern::compile("(a+)+$");
  ASSERT_TRUE(pattern.has_value());
  const std::string text = std::string(25000, 'a') + "b";
  EXPECT_FALSE(pattern->matches(text));
}

} // namespace
} // namespace handleguard::text
