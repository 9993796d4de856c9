#include "util/message_excerpt.hpp"

#include <string>

#include <gtest/gtest.h>

namespace handleguard::util {
namespace {

TEST(MessageExcerpt, ShortTextIsQuotedAsItIs) {
  EXPECT_EQ(message_excerpt("2026-06-03 10:00"), "2026-06-03 10:00");
  EXPECT_EQ(message_excerpt("Zürich 🚗"), "Zürich 🚗");
  EXPECT_EQ(message_excerpt(""), "");
}

TEST(MessageExcerpt, LongTextIsCutAtWholeCharacters) {
  EXPECT_EQ(message_excerpt(std::string(10'000, 'x'), 5), "xxxxx…");
  // Three bytes each: a cut by bytes would split one.
  std::string euros;
  for (int i = 0; i < 30; ++i) euros += "€";
  EXPECT_EQ(message_excerpt(euros, 3), "€€€…");
  EXPECT_EQ(message_excerpt("abc", 3), "abc") << "exactly the limit is not cut";
}

TEST(MessageExcerpt, NothingATerminalWouldActOn) {
  EXPECT_EQ(message_excerpt("a\x1b[2Jb"), "a\\u{1B}[2Jb");
  EXPECT_EQ(message_excerpt("line\nbreak\r"), "line\\u{A}break\\u{D}");
  EXPECT_EQ(message_excerpt("x\u202Eevil"), "x\\u{202E}evil");
  EXPECT_EQ(message_excerpt("\xC2\x9B"), "\\u{9B}") << "a C1 control (CSI)";
}

TEST(MessageExcerpt, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  EXPECT_EQ(message_excerpt("a\xff" "b"), "a\uFFFD" "b");
  EXPECT_EQ(message_excerpt("\xE2\x82"), "\uFFFD") << "a sequence cut short";
}

} // namespace
} // namespace handleguard::util
