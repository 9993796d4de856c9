#pragma once
// A 64-bit finaliser (MurmurHash3's fmix64): spreads every bit of a key over every bit of its
// hash, for the matcher's signatures and filters of words.
#include <cstdint>

namespace handleguard::text {

[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 33U;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33U;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33U;
  return x;
}

} // namespace handleguard::text
