// Halves of surrogate pairs in a message's escapes, read as U+FFFD only to find whose request it was.
#include <gtest/gtest.h>

#include "protocol/lone_surrogates.hpp"

namespace handleguard::protocol {
namespace {

TEST(LoneSurrogates, OnlyHalvesWithoutTheirPairAreReplaced) {
  EXPECT_EQ(with_lone_surrogates_replaced(R"({"text":"a\ud83d b"})"), R"({"text":"a\ufffd b"})");
  EXPECT_EQ(with_lone_surrogates_replaced(R"(["\udc00\ud800"])"), R"(["\ufffd\ufffd"])") << "a pair the wrong way round";
  EXPECT_EQ(with_lone_surrogates_replaced(R"(["\uD83D\uD83D\uDE97"])"), R"(["\ufffd\uD83D\uDE97"])") << "upper-case hex; the second high has its low";
  EXPECT_EQ(with_lone_surrogates_replaced(R"(["x\ud800"])"), R"(["x\ufffd"])") << "at the end";
}

TEST(LoneSurrogates, NothingWhenThereIsNone) {
  EXPECT_FALSE(with_lone_surrogates_replaced(R"({"text":"\ud83d\ude97 \u00e9 \n \" plain"})"));
  EXPECT_FALSE(with_lone_surrogates_replaced(R"({"text":"\\ud800"})")) << "an escaped backslash, then the letters ud800";
  EXPECT_FALSE(with_lone_surrogates_replaced(R"({"text":"\ud8"})")) << "too short to be an escape: the parser's to refuse";
  EXPECT_FALSE(with_lone_surrogates_replaced(R"(\)"));
  EXPECT_FALSE(with_lone_surrogates_replaced(""));
}

} // namespace
} // namespace handleguard::protocol
