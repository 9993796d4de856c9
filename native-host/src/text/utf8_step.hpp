#pragma once
// Steps through well-formed UTF-8 one code point at a time (the scanners' shared helper).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace handleguard::text::detail {

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0; // bytes
};

// Decodes the code point at `pos`; a malformed byte reads as itself, one byte long.
[[nodiscard]] inline CodePoint decode_at(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const auto continuation = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[pos + k]) & 0x3FU); };
  if (lead < 0x80) return {lead, 1};
  if (lead >= 0xF0 && pos + 3 < text.size()) {
    return {((lead & 0x07U) << 18U) | (continuation(1) << 12U) | (continuation(2) << 6U) | continuation(3), 4};
  }
  if (lead >= 0xE0 && pos + 2 < text.size()) {
    return {((lead & 0x0FU) << 12U) | (continuation(1) << 6U) | continuation(2), 3};
  }
  if (lead >= 0xC0 && pos + 1 < text.size()) return {((lead & 0x1FU) << 6U) | continuation(1), 2};
  return {lead, 1};
}

// UTF-16 code units of the code point `value`.
[[nodiscard]] inline std::size_t utf16_units(char32_t value) { return value > 0xFFFF ? 2 : 1; }

// UTF-16 code units of `text`: one for each byte that does not continue a character (10xxxxxx),
// two for a four-byte lead (11110xxx and up). Eight bytes a step, counted with bit masks.
[[nodiscard]] inline std::size_t utf16_length(std::string_view text) {
  constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
  std::size_t units = 0;
  std::size_t pos = 0;
#if defined(__SSE2__)
  // Sixteen bytes a step (SSE2 is part of x86-64): as signed bytes a continuation is below -64
  // and a four-byte lead from -16 to -1. Each lane counts up to 255 of either, then the lanes
  // are summed (psadbw) and the counts start again.
  const __m128i continuation_limit = _mm_set1_epi8(-64);
  const __m128i lead_floor = _mm_set1_epi8(-17);
  const __m128i zero = _mm_setzero_si128();
  const auto lane_sum = [](__m128i sums) {
    return static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
           static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  };
  while (text.size() - pos >= 16) {
    __m128i continuations = zero;
    __m128i four_byte_leads = zero;
    for (int step = 0; step < 255 && text.size() - pos >= 16; ++step, pos += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text.data() + pos));
      continuations = _mm_sub_epi8(continuations, _mm_cmplt_epi8(bytes, continuation_limit));
      four_byte_leads =
          _mm_sub_epi8(four_byte_leads, _mm_and_si128(_mm_cmpgt_epi8(bytes, lead_floor), _mm_cmplt_epi8(bytes, zero)));
      units += 16;
    }
    units -= lane_sum(_mm_sad_epu8(continuations, zero));
    units += lane_sum(_mm_sad_epu8(four_byte_leads, zero));
  }
#endif
  for (; pos + sizeof(std::uint64_t) <= text.size(); pos += sizeof(std::uint64_t)) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + pos, sizeof word);
    // Bit 7 of each byte, after shifting, holds bit 6 (or 5, 4) of that same byte. The flags are
    // summed by one multiplication (each byte holds 0 or 1): without -mpopcnt, std::popcount is
    // a library call.
    constexpr std::uint64_t byte_ones = 0x0101010101010101ULL;
    const std::uint64_t continuations = (word & ~(word << 1U) & high_bits) >> 7U;
    const std::uint64_t four_byte_leads = (word & (word << 1U) & (word << 2U) & (word << 3U) & high_bits) >> 7U;
    units += sizeof word - static_cast<std::size_t>((continuations * byte_ones) >> 56U) +
             static_cast<std::size_t>((four_byte_leads * byte_ones) >> 56U);
  }
  for (const char byte : text.substr(pos)) {
    const auto value = static_cast<unsigned char>(byte);
    if ((value & 0xC0U) != 0x80U) units += value >= 0xF0 ? 2 : 1;
  }
  return units;
}

} // namespace handleguard::text::detail
