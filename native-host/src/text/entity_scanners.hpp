#pragma once
// twitter-text's extractors over UTF-8, with byte offsets; tweet_text.cpp turns them into the
// UTF-16 offsets of the public API.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/tweet_patterns.hpp"

namespace handleguard::text::detail {

enum class EntityKind { url, mention, hashtag, cashtag };

struct ByteEntity {
  EntityKind kind = EntityKind::url;
  std::size_t begin = 0; // byte offset
  std::size_t end = 0;
  std::string text;
  std::string list_slug;
};

[[nodiscard]] std::vector<ByteEntity> scan_urls(const Patterns &patterns, std::string_view text, bool without_protocol);
[[nodiscard]] std::vector<ByteEntity> scan_mentions_or_lists(const Patterns &patterns, std::string_view text);
[[nodiscard]] std::vector<ByteEntity> scan_hashtags(const Patterns &patterns, std::string_view text);
[[nodiscard]] std::vector<ByteEntity> scan_cashtags(const Patterns &patterns, std::string_view text);

// removeOverlappingEntities: sorts by start (stably) and drops each entity that overlaps the
// one kept before it.
void remove_overlapping(std::vector<ByteEntity> &entities);

// isValidUrl's label check: every label of `domain` must encode (Punycode) to 1..63 characters.
[[nodiscard]] bool idna_labels_fit(std::string_view domain);

} // namespace handleguard::text::detail
