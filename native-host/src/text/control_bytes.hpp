#pragma once
// Control characters inside a word ("ref\0und"): the first reading takes them for separators, as
// it must for a line break, so a second reading takes them for nothing, as it does a zero-width
// space. Found in one pass over the bytes, sixteen at a time: nearly every text holds none.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace handleguard::text {

// A C0 control that is no white space (tab, line feed, vertical tab, form feed, carriage
// return), or DEL.
[[nodiscard]] constexpr bool is_hidden_control(unsigned char b) { return (b < 0x20 && (b < 0x09 || b > 0x0D)) || b == 0x7F; }

[[nodiscard]] inline bool has_hidden_control(std::string_view text) {
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text.data() + i));
    // Bytes below 0x20 (unsigned): the saturating subtraction of 0x1F leaves zero.
    const __m128i low = _mm_cmpeq_epi8(_mm_subs_epu8(v, _mm_set1_epi8(0x1F)), _mm_setzero_si128());
    const __m128i white = _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(v, _mm_set1_epi8(0x09)), _mm_set1_epi8(0x04)), _mm_setzero_si128());
    const __m128i del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F));
    if (_mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(white, low), del)) != 0) return true;
  }
#endif
  return std::any_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), [](char c) { return is_hidden_control(static_cast<unsigned char>(c)); });
}

// `text` with each such control written as a soft hyphen, which the matcher ignores inside a
// word: one UTF-16 unit for one, so every offset stays the text's.
[[nodiscard]] inline std::string with_hidden_controls_ignorable(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (const char c : text) {
    if (is_hidden_control(static_cast<unsigned char>(c))) out += "\u00AD";
    else out.push_back(c);
  }
  return out;
}

} // namespace handleguard::text
