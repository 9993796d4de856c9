#include "util/trim.hpp"

#include <gtest/gtest.h>

namespace handleguard::util {
namespace {

TEST(Trim, CutsSpacesTabsAndCarriageReturnsAtBothEnds) {
  EXPECT_EQ(trim_blanks(" \tAccount \r"), "Account");
  EXPECT_EQ(trim_blanks("barely  legal"), "barely  legal"); // blanks inside stay
  EXPECT_EQ(trim_blanks(" \t\r "), "");
  EXPECT_EQ(trim_blanks(""), "");
}

TEST(Trim, LeavesLineFeedsAndOtherWhitespace) {
  EXPECT_EQ(trim_blanks("\nacme\n"), "\nacme\n");
  EXPECT_EQ(trim_blanks("\xC2\xA0" "acme"), "\xC2\xA0" "acme"); // a no-break space is text
}

} // namespace
} // namespace handleguard::util
