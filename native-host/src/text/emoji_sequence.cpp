#include "text/emoji_sequence.hpp"

#include <array>
#include <bitset>

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

// The Emoji property of the Basic Multilingual Plane as a bitmap: asked for nearly every
// character of a post, and ICU's lookup costs more than a bit test.
const std::bitset<0x10000> &bmp_emoji() {
  static const auto bits = [] {
    std::bitset<0x10000> out;
    for (char32_t point = 0; point < 0x10000; ++point) out[point] = has(point, UCHAR_EMOJI);
    return out;
  }();
  return bits;
}
bool is_emoji(char32_t point) { return point < 0x10000 ? bmp_emoji()[point] : has(point, UCHAR_EMOJI); }

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

bool may_start_emoji_sequence(char32_t first, std::string_view text, std::size_t next) {
  if (is_emoji(first) || is_regional_indicator(first)) return true;
  // Only U+FE0F or U+20E3 after it could still make an emoji of it (a keycap, or a
  // character's emoji presentation); most text stops here.
  if (next >= text.size()) return false;
  const std::string_view rest = text.substr(next);
  return rest.starts_with("\xEF\xB8\x8F") || rest.starts_with("\xE2\x83\xA3");
}

std::size_t emoji_length_at(std::string_view text, std::size_t pos) {
  const auto first = decode_at(text, pos);
  std::size_t next = pos + first.length;
  if (!may_start_emoji_sequence(first.value, text, next)) return 0;

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
      if (!is_emoji(joined.value)) break;
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
