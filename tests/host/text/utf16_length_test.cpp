// detail::utf16_length counts sixteen bytes a step (SSE2) or eight (bit masks), summing its lane
// counters every 255 steps: it must give what a full conversion to UTF-16 gives, for every
// length (tails of every size, texts past the counters' flush) and every mix of widths.
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "text/utf8_step.hpp"
#include "util/utf.hpp"

namespace handleguard::text::detail {
namespace {

TEST(Utf16Length, EqualsTheLengthOfTheUtf16Conversion) {
  const std::string pieces[] = {"a", " ", "é", "日", "😀", "\xF4\x8F\xBF\xBF", "\xC2\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80"};
  std::mt19937 random(20261126);
  std::uniform_int_distribution<std::size_t> which(0, std::size(pieces) - 1);
  std::uniform_int_distribution<std::size_t> length(0, 9000);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const std::size_t target = round < 100 ? static_cast<std::size_t>(round) : length(random);
    while (text.size() < target) text += pieces[which(random)];
    ASSERT_EQ(utf16_length(text), util::to_utf16(text).size()) << "round " << round << ", " << text.size() << " bytes";
  }
}

} // namespace
} // namespace handleguard::text::detail
