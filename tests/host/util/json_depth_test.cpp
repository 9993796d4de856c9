#include "util/json_depth.hpp"

#include <gtest/gtest.h>

namespace handleguard::util {
namespace {

TEST(JsonDepth, CountsOpenArraysAndObjects) {
  EXPECT_FALSE(json_nesting_exceeds(R"({"a":[1,{"b":[]}]})", 4));
  EXPECT_TRUE(json_nesting_exceeds(R"({"a":[1,{"b":[]}]})", 3));
  EXPECT_FALSE(json_nesting_exceeds("[][][][]", 1)); // siblings do not add up
  EXPECT_FALSE(json_nesting_exceeds("", 0));
}

TEST(JsonDepth, BracketsInsideStringsAreText) {
  EXPECT_FALSE(json_nesting_exceeds(R"({"t":"[[[[{{{{"})", 1));
  EXPECT_FALSE(json_nesting_exceeds(R"({"t":"\"[[[[\\"})", 1));  // escaped quote, then escaped backslash
  EXPECT_TRUE(json_nesting_exceeds(R"({"t":"\\"}[[)", 1));        // the string ended after the escaped backslash
}

TEST(JsonDepth, UnbalancedAndHugeInputStopsEarly) {
  EXPECT_TRUE(json_nesting_exceeds(std::string(1'000'000, '['), 64));
  EXPECT_FALSE(json_nesting_exceeds(std::string(1'000'000, ']'), 0)); // closers alone never nest
}

} // namespace
} // namespace handleguard::util
