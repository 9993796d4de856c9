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

} // namespace handleguard::text::detail
