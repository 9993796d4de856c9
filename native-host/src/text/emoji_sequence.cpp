#include "text/emoji_sequence.hpp"

#include <array>

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "text/utf8_step.hpp"

namespace handleguard::text::detail {

namespace {
constexpr char32_t variation_selector_16 = 0xFE0F;
constexpr char32_t combining_keycap = 0x20E3;
constexpr char32_t zero_width_joiner = 0x200D;
constexpr std::size_t max_points = 32; // longer than any RGI sequence

bool is_regional_indicator(char32_t point) { return point >= 0x1F1E6 && point <= 0x1F1FF; }
bool is_skin_tone(char32_t point) { return point >= 0x1F3FB && point <= 0x1F3FF; }
bool is_tag(char32_t point) { return point >= 0xE0020 && point <= 0xE007F; }
bool has(char32_t point, UProperty property) { return u_hasBinaryProperty(static_cast<UChar32>(point), property) != 0; }

// True when the first `count` code points of `points` form an RGI emoji sequence (UTS #51).
bool is_rgi_emoji(const std::array<char32_t, max_points> &points, std::size_t count) {
  std::array<UChar, max_points * 2> units{};
  int32_t length = 0;
  for (std::size_t i = 0; i < count; ++i) {
    UBool error = false;
    U16_APPEND(units.data(), length, static_cast<int32_t>(units.size()), static_cast<UChar32>(points[i]), error);
    if (error) return false;
  }
  return u_stringHasBinaryProperty(units.data(), length, UCHAR_RGI_EMOJI) != 0;
}
} // namespace

std::size_t emoji_length_at(std::string_view text, std::size_t pos) {
  const auto first = decode_at(text, pos);
  std::size_t next = pos + first.length;
  const char32_t follower = next < text.size() ? decode_at(text, next).value : 0;
  const bool modified = follower == variation_selector_16 || follower == combining_keycap;
  // Fast exit for what can never start an emoji: most of Latin-1 text.
  if (first.value < 0xA9 && !modified) return 0;
  if (!has(first.value, UCHAR_EMOJI) && !is_regional_indicator(first.value) && !modified) return 0;

  // Gather the longest candidate sequence, then take its longest prefix that is RGI.
  std::array<char32_t, max_points> points{first.value};
  std::array<std::size_t, max_points + 1> ends{0, next};
  std::size_t count = 1;
  while (next < text.size() && count + 2 < max_points) {
    const auto point = decode_at(text, next);
    const bool joins = point.value == variation_selector_16 || point.value == combining_keycap ||
                       is_skin_tone(point.value) || is_tag(point.value) ||
                       (count == 1 && is_regional_indicator(first.value) && is_regional_indicator(point.value));
    if (joins) {
      points[count] = point.value;
      next += point.length;
      ends[++count] = next;
      continue;
    }
    if (point.value == zero_width_joiner && next + point.length < text.size()) {
      const auto joined = decode_at(text, next + point.length);
      if (!has(joined.value, UCHAR_EMOJI)) break;
      points[count] = point.value;
      ends[count + 1] = next + point.length;
      points[count + 1] = joined.value;
      next += point.length + joined.length;
      count += 2;
      ends[count] = next;
      continue;
    }
    break;
  }
  for (std::size_t length = count; length >= 1; --length) {
    if (is_rgi_emoji(points, length)) return ends[length] - pos;
  }
  // An unqualified keycap (no U+FE0F) still counts as one emoji, as in twitter-text.
  if (count >= 2 && points[1] == combining_keycap && has(first.value, UCHAR_EMOJI_COMPONENT)) return ends[2] - pos;
  if (count >= 2 && points[1] == variation_selector_16 && has(first.value, UCHAR_EMOJI)) return ends[2] - pos;
  if (has(first.value, UCHAR_EMOJI_PRESENTATION)) return ends[1] - pos;
  return 0;
}

} // namespace handleguard::text::detail
