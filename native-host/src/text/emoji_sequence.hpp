#pragma once
// Where an emoji sequence starts and how long it is, the way twitter-text's counting sees it.
#include <cstddef>
#include <string_view>

namespace handleguard::text::detail {

// Returns the byte length of the emoji (an RGI emoji sequence as ICU knows it: flags, keycaps,
// skin tones, tag and ZWJ sequences; or one emoji-presentation character, or an emoji followed by
// U+FE0F) starting at byte `pos` of `text`, or 0 when none starts there.
[[nodiscard]] std::size_t emoji_length_at(std::string_view text, std::size_t pos);

// Whether an emoji sequence could start with `first`, the code point that ends at byte `next` of
// `text`: emoji_length_at's quick refusal, for callers that have decoded the character already.
[[nodiscard]] bool may_start_emoji_sequence(char32_t first, std::string_view text, std::size_t next);

} // namespace handleguard::text::detail
