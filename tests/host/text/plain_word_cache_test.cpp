#include "text/plain_word_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace handleguard::text {
namespace {

// Reads the word at the start of `text`, padded as the matcher pads a post.
PlainWordCache::Key key_of(std::string text, PlainWordCache::State start = 7) {
  text.append(PlainWordCache::bytes_read, '\0');
  return PlainWordCache::key_of(reinterpret_cast<const unsigned char *>(text.data()), start);
}

TEST(PlainWordCache, ReadsTheLettersOfAWordUpToTheFirstOtherByte) {
  EXPECT_EQ(key_of("the team").letters, 3U);
  EXPECT_EQ(key_of("AZaz!").letters, 4U);
  EXPECT_EQ(key_of("abc1").letters, 3U); // the caller sees the digit after it and reads the word itself
  EXPECT_EQ(key_of("caf\xC3\xA9").letters, 3U);
  EXPECT_EQ(key_of("abcdefghijklmno").letters, 15U);
  // Bytes next to the letters in ASCII: @ [ ` { and their high-bit twins are no letters.
  for (const char *edge : {"ab@", "ab[", "ab`", "ab{", "ab\xC1", "ab\xE1", "ab\xDA"}) EXPECT_EQ(key_of(edge).letters, 2U) << edge;
}

TEST(PlainWordCache, KeepsNoWordOfOneLetterOrOfSixteenAndMore) {
  EXPECT_EQ(key_of("a team").letters, 0U);
  EXPECT_EQ(key_of("").letters, 0U);
  EXPECT_EQ(key_of("abcdefghijklmnop").letters, 0U);
  EXPECT_EQ(key_of("abcdefghijklmnopqrstuvwxyz").letters, 0U);
}

TEST(PlainWordCache, KeysAWordByItsLettersAloneAndTheStateBeforeIt) {
  const auto word = key_of("launch. Then", 3);
  const auto same = key_of("launch, now", 3);
  EXPECT_EQ(word.low, same.low);
  EXPECT_EQ(word.high, same.high);
  const auto longer = key_of("launches", 3);
  EXPECT_NE(word.low, longer.low);
  const auto nine = key_of("abcdefghi x", 3);
  const auto nine_other = key_of("abcdefghi yz", 3);
  EXPECT_EQ(nine.high, nine_other.high);
  EXPECT_NE(nine.high, key_of("abcdefghij", 3).high);
}

TEST(PlainWordCache, FindsAWordOnlyFromTheStateItWasReadFromInTheSamePost) {
  PlainWordCache cache;
  cache.start_post();
  const auto word = key_of("spring", 5);
  EXPECT_FALSE(cache.find(word).has_value());
  cache.remember(word, 42);
  EXPECT_EQ(cache.find(word), 42U);
  // Some of these other states share the word's slot: the key, not the slot, must decide.
  for (PlainWordCache::State start = 0; start < 100000; ++start) {
    if (start == 5) continue;
    ASSERT_FALSE(cache.find(key_of("spring", start)).has_value()) << start;
  }
  EXPECT_FALSE(cache.find(key_of("sprint", 5)).has_value());
  cache.start_post();
  EXPECT_FALSE(cache.find(word).has_value());
}

} // namespace
} // namespace handleguard::text
