#pragma once
// Where an emoji starts and how long it is, the way twitter-text's counting sees it: with
// twemoji-parser's list of its Unicode version (emoji_table.cpp), not ICU's newer emoji data,
// so that a sequence twitter-text does not know counts character by character, as there.
#include <bitset>
#include <cstddef>
#include <string_view>

namespace handleguard::text::detail {

// Returns the byte length of the emoji starting at byte `pos` of `text` (twemoji-parser's
// match there: flags, keycaps, skin tones, tag and ZWJ sequences it lists, a single emoji with or
// without U+FE0F, a lone U+FE0F), or 0 when none starts there.
[[nodiscard]] std::size_t emoji_length_at(std::string_view text, std::size_t pos);

// The code points an emoji can start with (all below U+20000): emoji_length_at's quick refusal,
// fetched once by a caller that asks about every character.
inline constexpr char32_t emoji_start_limit = 0x20000;
using EmojiStarts = std::bitset<emoji_start_limit>;
[[nodiscard]] const EmojiStarts &emoji_starts();
[[nodiscard]] inline bool may_start_emoji_sequence(const EmojiStarts &starts, char32_t first) {
  return first < emoji_start_limit && starts[first];
}

} // namespace handleguard::text::detail
