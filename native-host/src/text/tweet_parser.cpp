// parseTweet: X's weighted length, validity and ranges (port of twitter-text 3.1.0).
#include <algorithm>
#include <array>
#include <bit>
#include <bitset>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/bytestream.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include "text/emoji_sequence.hpp"
#include "text/emoji_table.hpp"
#include "text/entity_scanners.hpp"
#include "text/tweet_text.hpp"
#include "text/utf8_step.hpp"
#include "text/weighted_length.hpp"
#include "util/ascii_runs.hpp"

namespace handleguard::text {

namespace {
bool is_invalid_character(char32_t point) { return point == 0xFFFE || point == 0xFEFF || point == 0xFFFF; }

// twitter-text weighs a character by its UTF-16 code unit, so an astral character is weighed by
// its low surrogate (never inside a configured range: the default weight).
int weight_of(char32_t point, const TextConfig &config) {
  const char32_t unit = point > 0xFFFF ? static_cast<char32_t>(0xDC00 + ((point - 0x10000) & 0x3FFU)) : point;
  for (const auto &range : config.ranges) {
    if (unit >= range.start && unit <= range.end) return range.weight;
  }
  return config.default_weight;
}

// Whether an emoji can start at `pos`: a quick refusal of plain ASCII (all but a keycap's
// digit, '#' or '*' followed by U+FE0F or U+20E3) before asking ICU.
[[gnu::always_inline]] inline bool may_start_emoji(std::string_view text, std::size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte >= 0x80) return true;
  if (!((byte >= '0' && byte <= '9') || byte == '#' || byte == '*')) return false;
  const std::string_view rest = text.substr(pos + 1);
  return rest.starts_with("\xEF\xB8\x8F") || rest.starts_with("\xE2\x83\xA3"); // U+FE0F, U+20E3
}

// The last of `count` steps of `weight` each, starting from `weighted`, after which the total
// is still at most `max_scaled` (1-based), or 0 when none is.
std::size_t last_step_within(long long weighted, std::size_t count, long long weight, long long max_scaled) {
  if (weighted + static_cast<long long>(count) * weight <= max_scaled) return count;
  if (weight > 0 && weighted + weight <= max_scaled) return static_cast<std::size_t>((max_scaled - weighted) / weight);
  return 0; // the total only grows past the limit, or never falls under it
}

// The bytes from `pos` that hold `units` UTF-16 code units, and whether the last of them is the
// high half of a surrogate pair (the bytes then stop before that character).
struct UnitSpan {
  std::size_t bytes = 0;
  bool split_pair = false;
};
UnitSpan bytes_for_units(std::string_view text, std::size_t pos, std::size_t units) {
  std::size_t at = pos;
  while (units > 0 && at < text.size()) {
    const auto point = detail::decode_at(text, at);
    const std::size_t width = point.length == 4 ? 2 : 1;
    if (width > units) return {at - pos, true};
    units -= width;
    at += point.length;
  }
  return {at - pos, false};
}

// Characters that are NFC whatever surrounds them (NFC_Quick_Check=Yes, combining class 0): a
// text made only of these is NFC. A bitmap of the Basic Multilingual Plane and ICU's frozen set
// for the rest, both from the set's ~280 ranges (asking ICU about each of the 65,536 characters
// cost ~14 M instructions, ~4 ms, at the first post the host counted).
struct PlainlyNfc {
  std::bitset<0x10000> bmp;
  icu::UnicodeSet all;
};

const PlainlyNfc &plainly_nfc() {
  static const PlainlyNfc table = [] {
    PlainlyNfc out;
    UErrorCode status = U_ZERO_ERROR;
    out.all.applyPattern(icu::UnicodeString(u"[[:NFC_Quick_Check=Yes:]&[:Canonical_Combining_Class=0:]]"), status);
    if (U_FAILURE(status)) {
      // ICU without property patterns: the same set, character by character.
      out.all.clear();
      for (UChar32 point = 0; point <= 0x10FFFF; ++point) {
        if (u_getIntPropertyValue(point, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(point) == 0) {
          out.all.add(point);
        }
      }
    }
    out.all.freeze();
    for (int32_t range = 0; range < out.all.getRangeCount(); ++range) {
      const UChar32 last = std::min<UChar32>(out.all.getRangeEnd(range), 0xFFFF);
      for (UChar32 point = out.all.getRangeStart(range); point <= last; ++point) out.bmp[static_cast<std::size_t>(point)] = true;
    }
    return out;
  }();
  return table;
}

bool is_plainly_nfc(const PlainlyNfc &table, char32_t point) {
  return point < 0x10000 ? table.bmp[point] : table.all.contains(static_cast<UChar32>(point)) != 0;
}

bool is_plainly_nfc(const PlainlyNfc &table, std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    pos = util::ascii_run_end(text, pos, text.size());
    if (pos >= text.size()) break;
    const auto point = detail::decode_at(text, pos);
    if (!is_plainly_nfc(table, point.value)) return false;
    pos += point.length;
  }
  return true;
}

// Whether every code point of twemoji's table is plainly NFC (it is, for the table shipped): then an
// emoji the trie matched needs no NFC check of its own.
bool emoji_table_plainly_nfc() {
  static const bool all = [] {
    const auto &table = plainly_nfc();
    for (const auto &entry : detail::emoji_table()) {
      for (const char32_t point : entry.points) {
        if (point != 0 && !is_plainly_nfc(table, point)) return false;
      }
    }
    return true;
  }();
  return all;
}

// Characters above ASCII and below U+10000 that the counting loop can weigh without a second
// look: plainly NFC, never the start of an emoji, never invalid. Runs of them (Japanese, Arabic,
// accented Latin) take the loop's fast path.
const std::bitset<0x10000> &bmp_simple() {
  static const auto bits = [] {
    std::bitset<0x10000> out = plainly_nfc().bmp;
    const auto &emoji = detail::emoji_starts();
    for (std::size_t point = 0; point < 0x10000; ++point) {
      if (point < 0x80 || emoji[point] || is_invalid_character(static_cast<char32_t>(point))) out[point] = false;
    }
    return out;
  }();
  return bits;
}

// The weight of a run's characters and the stretch of code points around the last one weighed
// that share it (the first range holding a point wins, as in weight_of), so that a run of one
// script looks the ranges up once.
struct WeightSpan {
  int weight = 0;
  char32_t low = 1;  // empty until the first lookup
  char32_t high = 0;
};

WeightSpan weight_span(char32_t unit, const TextConfig &config) {
  WeightSpan span{config.default_weight, 0, 0x10FFFF};
  for (const auto &range : config.ranges) {
    if (unit >= range.start && unit <= range.end) {
      span.weight = range.weight;
      span.low = std::max(span.low, range.start);
      span.high = std::min(span.high, range.end);
      return span;
    }
    if (range.end < unit) span.low = std::max<char32_t>(span.low, range.end + 1);
    if (range.start > unit) span.high = std::min<char32_t>(span.high, range.start - 1);
  }
  return span;
}

std::optional<ParseResult> count_weights(std::string_view utf8, std::string_view text, std::span<const detail::ByteEntity> urls,
                                         const TextConfig &config, bool stop_unless_plainly_nfc);

} // namespace

std::optional<std::string> detail::nfc_if_needed(std::string_view text) {
  if (is_plainly_nfc(plainly_nfc(), text)) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2 *nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::nullopt;
  status = U_ZERO_ERROR;
  std::string normalized;
  icu::StringByteSink<std::string> sink(&normalized, static_cast<int32_t>(text.size()));
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return std::nullopt;
  return normalized;
}

ParseResult TweetText::parse_tweet(std::string_view utf8, const TextConfig &config) const {
  const auto normalized_copy = detail::nfc_if_needed(utf8);
  const std::string_view text = normalized_copy ? std::string_view(*normalized_copy) : utf8;
  return detail::weighted_length(utf8, text, detail::scanned(detail::scan_urls, *patterns_, text, true), config);
}

ParseResult detail::weighted_length(std::string_view utf8, std::string_view text, std::span<const ByteEntity> urls,
                                    const TextConfig &config) {
  return *count_weights(utf8, text, urls, config, false);
}

std::optional<ParseResult> detail::weighted_length_if_plainly_nfc(std::string_view utf8, std::span<const ByteEntity> urls,
                                                                  const TextConfig &config) {
  return count_weights(utf8, utf8, urls, config, true);
}

namespace {
// The counting loop. With `stop_unless_plainly_nfc` it also checks, on the characters it decodes
// anyway, that the text is plainly NFC (every character NFC_Quick_Check=Yes and of combining
// class 0), and gives up on the first that is not: the caller normalises and counts again. That
// spares a pass over the text for the check.
std::optional<ParseResult> count_weights(std::string_view utf8, std::string_view text, std::span<const detail::ByteEntity> urls,
                                         const TextConfig &config, bool stop_unless_plainly_nfc) {
  const auto &nfc_table = plainly_nfc();
  const auto &simple = bmp_simple();
  const bool emoji_nfc = emoji_table_plainly_nfc();
  WeightSpan span; // the weight of the last fast-path character and the points that share it

  const long long max_scaled = static_cast<long long>(config.max_weighted_tweet_length) * config.scale;
  // One weight for all of ASCII when a single range covers it (every shipped config): then runs
  // of plain ASCII take the fast path below.
  std::optional<int> ascii_weight;
  for (const auto &range : config.ranges) {
    if (range.start <= 0 && range.end >= 0x7F) {
      ascii_weight = range.weight;
      break;
    }
    if (range.start <= 0x7F) break; // an earlier range splits ASCII: weigh character by character
  }
  const auto &emoji_starts = detail::emoji_starts();
  long long weighted = 0;
  bool valid = true;
  std::size_t valid_display_index = 0;
  std::size_t unit = 0; // UTF-16 index of the current position in `text`
  std::size_t next_url = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    while (next_url < urls.size() && urls[next_url].begin < pos) ++next_url;
    const std::size_t limit = next_url < urls.size() ? urls[next_url].begin : text.size();
    // The fast stretch, up to the next URL: runs of plain ASCII and characters of two or three
    // bytes that weigh on their own, until a character needs the careful step below.
    while (pos < limit) {
      const auto lead = static_cast<unsigned char>(text[pos]);
      if (lead < 0x80) {
        if (!ascii_weight) break;
        // Plain ASCII: one weight each, never invalid, and never an emoji start but for a
        // keycap's base ('#', '*' or a digit) before U+FE0F or U+20E3, which can only be a
        // run's last character (those two are not ASCII).
        std::size_t end = util::ascii_run_end(text, pos, limit);
        if (config.emoji_parsing_enabled && may_start_emoji(text, end - 1)) --end;
        if (end == pos) break;
        const std::size_t count = end - pos;
        if (valid) {
          const std::size_t last = last_step_within(weighted, count, *ascii_weight, max_scaled);
          if (last > 0) valid_display_index = unit + last - 1;
        }
        weighted += static_cast<long long>(count) * *ascii_weight;
        unit += count;
        pos = end;
        continue;
      }
      // Two or three bytes, in bmp_simple: one table test and, while the script stays in one
      // weight's stretch, no range lookup. Each is one UTF-16 unit and never invalid.
      if (lead < 0xC0 || lead >= 0xF0) break;
      const std::size_t length = lead < 0xE0 ? 2 : 3;
      if (pos + length > text.size()) break;
      const auto continuation = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[pos + k]) & 0x3FU); };
      const char32_t point = length == 2 ? ((lead & 0x1FU) << 6U) | continuation(1)
                                         : ((lead & 0x0FU) << 12U) | (continuation(1) << 6U) | continuation(2);
      if (!simple[point]) break;
      if (point < span.low || point > span.high) span = weight_span(point, config);
      weighted += span.weight;
      if (valid && weighted <= max_scaled) valid_display_index = unit;
      ++unit;
      pos += length;
    }
    if (pos >= text.size()) break;
    std::size_t length = 0;  // bytes this step covers: a URL, an emoji or one character
    char32_t lone_point = 0; // the character, when the step is one (the only kind that can be invalid)
    bool emoji_step = false;
    if (next_url < urls.size() && urls[next_url].begin == pos) {
      weighted += static_cast<long long>(config.transformed_url_length) * config.scale;
      const auto &url = urls[next_url];
      length = url.end - pos;
      if (url.text_resumes_at != 0) {
        // A link without protocol found inside a longer domain ("e.g.newРОССИЯ.РФ/x" links
        // "e.g.new/x"): its text is shorter than its span, and twitter-text steps on by the
        // text's length, so it counts the rest of the span again, character by character.
        const std::size_t text_units = detail::utf16_length(text.substr(url.text_begin, url.text_end - url.text_begin)) +
                                       detail::utf16_length(text.substr(url.text_resumes_at, url.end - url.text_resumes_at));
        const auto [bytes, split_pair] = bytes_for_units(text, pos, text_units);
        length = bytes;
        if (split_pair) {
          // It stops between the halves of a surrogate pair; the low half weighs on its own
          // (weight_of weighs an astral character by its low half).
          const auto astral = detail::decode_at(text, pos + bytes);
          weighted += weight_of(astral.value, config);
          length += astral.length;
        }
      }
    } else {
      // Decode once: the character decides whether an emoji could start here, and weighs
      // itself when none does.
      const auto point = detail::decode_at(text, pos);
      const bool may_be_emoji =
          config.emoji_parsing_enabled && (point.value < 0x80 ? may_start_emoji(text, pos)
                                                              : detail::may_start_emoji_sequence(emoji_starts, point.value));
      const std::size_t emoji = may_be_emoji ? detail::emoji_length_at(text, pos) : 0;
      if (emoji > 0) {
        weighted += config.default_weight;
        length = emoji;
        emoji_step = true;
      } else {
        weighted += weight_of(point.value, config);
        length = point.length;
        lone_point = point.value;
      }
    }
    if (stop_unless_plainly_nfc &&
        !(lone_point != 0 ? is_plainly_nfc(nfc_table, lone_point)
                          : (emoji_step && emoji_nfc) || is_plainly_nfc(nfc_table, text.substr(pos, length)))) {
      return std::nullopt;
    }
    const std::size_t units = lone_point != 0 ? (length == 4 ? 2 : 1) : detail::utf16_length(text.substr(pos, length));
    if (valid) valid = !is_invalid_character(lone_point);
    unit += units;
    if (valid && weighted <= max_scaled) valid_display_index = unit - 1;
    pos += length;
  }

  ParseResult result;
  result.weighted_length = static_cast<int>(weighted / config.scale);
  result.valid = valid && result.weighted_length > 0 && result.weighted_length <= config.max_weighted_tweet_length;
  result.permillage = static_cast<int>(std::floor(static_cast<double>(weighted) / config.scale /
                                                  config.max_weighted_tweet_length * 1000.0));
  // Counted over the text itself (it was NFC), the loop has its length already.
  const std::size_t original_units =
      utf8.data() == text.data() && utf8.size() == text.size() ? unit : detail::utf16_length(utf8);
  // twitter-text shifts the valid end by how much normalisation shortened the text (or, when
  // it lengthened it, back, below zero if nothing was valid).
  result.valid_range_start = 0;
  result.valid_range_end = static_cast<std::ptrdiff_t>(valid_display_index) + static_cast<std::ptrdiff_t>(original_units) -
                           static_cast<std::ptrdiff_t>(unit);
  result.display_range_start = 0;
  result.display_range_end = original_units > 0 ? original_units - 1 : 0;
  return result;
}
} // namespace

bool TweetText::is_valid_tweet(std::string_view utf8, const TextConfig &config) const {
  if (utf8.empty()) return false;
  if (parse_tweet(utf8, config).weighted_length > config.max_weighted_tweet_length) return false;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const auto point = detail::decode_at(utf8, pos);
    if (is_invalid_character(point.value)) return false;
    pos += point.length;
  }
  return true;
}

} // namespace handleguard::text
