#include "signing/encoding.hpp"

#include <gtest/gtest.h>

namespace handleguard::signing {
namespace {

TEST(Encoding, HexRoundTripsIncludingNoBytes) {
  EXPECT_EQ(from_hex("").value(), std::vector<unsigned char>{});
  EXPECT_EQ(to_hex(std::vector<unsigned char>{}), "");
  const std::vector<unsigned char> bytes{0x00, 0x7f, 0xff};
  EXPECT_EQ(to_hex(bytes), "007fff");
  EXPECT_EQ(from_hex("007fff").value(), bytes);
}

TEST(Encoding, HexOfOddLengthOrWithOtherCharactersIsRefused) {
  EXPECT_FALSE(from_hex("abc").has_value());
  EXPECT_FALSE(from_hex("zz").has_value());
  EXPECT_FALSE(from_hex("00 1").has_value());
}

} // namespace
} // namespace handleguard::signing
