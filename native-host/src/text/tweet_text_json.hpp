#pragma once
// What `handleguard text --json` prints for a parsed text: twitter-text's field names
// (parseTweet + extractEntitiesWithIndices), so either output can be checked against the other.
#include <nlohmann/json.hpp>

#include "text/tweet_text.hpp"

namespace handleguard::text {

enum class ListSlugs { left_out, included };

// `list_slugs`: whether a mention of a list carries its slug ("listSlug"), as twitter-text's
// entities do; the CLI's documented output leaves it out.
[[nodiscard]] nlohmann::ordered_json tweet_text_json(const ParseResult &count, const Entities &entities,
                                                     ListSlugs list_slugs = ListSlugs::left_out);

} // namespace handleguard::text
