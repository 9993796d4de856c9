// The eight-bytes-a-step scans must stop exactly where a byte-by-byte scan stops, wherever the
// stopping byte falls in a word and whatever follows it (a borrow flags bytes above the first).
#include <random>

#include <gtest/gtest.h>

#include "util/ascii_runs.hpp"

namespace handleguard::util {
namespace {

std::size_t ascii_end_bytewise(std::string_view text, std::size_t pos, std::size_t limit) {
  while (pos < limit && static_cast<unsigned char>(text[pos]) < 0x80) ++pos;
  return pos;
}

std::size_t plain_end_bytewise(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x20 || byte >= 0x80 || byte == '"' || byte == '\\') break;
    ++pos;
  }
  return pos;
}

TEST(AsciiRuns, StopWhereAByteByByteScanStops) {
  std::mt19937 random(8);
  // Mostly plain bytes, with every kind of stopping byte and its neighbours in value.
  const unsigned char rare[] = {0x00, 0x01, 0x1f, 0x20, 0x21, '"', 0x23, '\\', 0x5b, 0x5d, 0x7f, 0x80, 0xc3, 0xff};
  int compared = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 40, 'a');
    for (auto &byte : text) {
      const auto pick = random() % 16;
      byte = static_cast<char>(pick < 2 ? rare[random() % std::size(rare)] : 0x20 + random() % 0x5f);
    }
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
      ASSERT_EQ(plain_json_run_end(text, pos), plain_end_bytewise(text, pos)) << "round " << round << " pos " << pos;
      const std::size_t limit = pos + (text.size() - pos) * (random() % 4) / 3;
      ASSERT_EQ(ascii_run_end(text, pos, std::min(limit, text.size())), ascii_end_bytewise(text, pos, std::min(limit, text.size())));
      ++compared;
    }
  }
  EXPECT_GT(compared, 200000);
}

} // namespace
} // namespace handleguard::util
