// parseTweet: X's weighted length, validity and ranges (port of twitter-text 3.1.0).
#include <cmath>
#include <string>

#include <unicode/normalizer2.h>
#include <unicode/bytestream.h>

#include "text/emoji_sequence.hpp"
#include "text/entity_scanners.hpp"
#include "text/tweet_text.hpp"
#include "text/utf8_step.hpp"

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

// NFC of `text`, or nothing when it already is (the common case, checked without copying).
std::optional<std::string> nfc_if_needed(std::string_view text) {
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
} // namespace

ParseResult TweetText::parse_tweet(std::string_view utf8, const TextConfig &config) const {
  const auto normalized_copy = nfc_if_needed(utf8);
  const std::string_view text = normalized_copy ? std::string_view(*normalized_copy) : utf8;
  const auto urls = detail::scan_urls(*patterns_, text, true);

  const long long max_scaled = static_cast<long long>(config.max_weighted_tweet_length) * config.scale;
  long long weighted = 0;
  bool valid = true;
  std::size_t valid_display_index = 0;
  std::size_t unit = 0; // UTF-16 index of the current position in `text`
  std::size_t next_url = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    while (next_url < urls.size() && urls[next_url].begin < pos) ++next_url;
    std::size_t length = 0;  // bytes this step covers: a URL, an emoji or one character
    char32_t lone_point = 0; // the character, when the step is one (the only kind that can be invalid)
    if (next_url < urls.size() && urls[next_url].begin == pos) {
      weighted += static_cast<long long>(config.transformed_url_length) * config.scale;
      length = urls[next_url].end - pos;
    } else if (const std::size_t emoji = config.emoji_parsing_enabled ? detail::emoji_length_at(text, pos) : 0;
               emoji > 0) {
      weighted += config.default_weight;
      length = emoji;
    } else {
      const auto point = detail::decode_at(text, pos);
      weighted += weight_of(point.value, config);
      length = point.length;
      lone_point = point.value;
    }
    const std::size_t units = detail::utf16_length(text.substr(pos, length));
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
  const std::size_t original_units = detail::utf16_length(utf8);
  // twitter-text shifts the valid end by how much normalisation shortened the text.
  valid_display_index += original_units - unit;
  result.valid_range_start = 0;
  result.valid_range_end = valid_display_index;
  result.display_range_start = 0;
  result.display_range_end = original_units > 0 ? original_units - 1 : 0;
  return result;
}

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
