#pragma once
// parseTweet's two halves (tweet_parser.cpp), so that TweetText::parse can share the links it
// finds with entity extraction.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "text/entity_scanners.hpp"
#include "text/tweet_text.hpp"

namespace handleguard::text::detail {

// The NFC form of `text`, or nothing when it already is (the common case, checked without copying).
[[nodiscard]] std::optional<std::string> nfc_if_needed(std::string_view text);

// parseTweet's figures for `original`, counted over `nfc` (its NFC form, or itself) whose links
// are `urls` (scan_urls over `nfc`, with protocol-less links).
[[nodiscard]] ParseResult weighted_length(std::string_view original, std::string_view nfc, std::span<const ByteEntity> urls,
                                          const TextConfig &config);

// The same for a text that is its own NFC form, or nothing when a character of it is not plainly
// NFC (then normalise with nfc_if_needed and count again): the check rides on the count's pass.
[[nodiscard]] std::optional<ParseResult> weighted_length_if_plainly_nfc(std::string_view text, std::span<const ByteEntity> urls,
                                                                       const TextConfig &config);

} // namespace handleguard::text::detail
