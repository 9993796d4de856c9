#pragma once
// Emoji standing for a letter inside a word ("sh💩t", "f🦆ck"): the matcher reads a post a
// second time with each emoji that has a letter on both sides as a "*", a wildcard for one
// letter (docs/matching.md). The first reading keeps the emoji as a separator, so that
// "the🤬fuck" is still "the fuck".
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace handleguard::text {

// What the matcher reads through inside a word, so also between an emoji and its letters
// ("sh💩\u00ADt", "ś💩t"): format characters (zero-width ones, the soft hyphen) and marks.
[[nodiscard]] bool is_see_through(char32_t c);
// Whether `c` is Extended_Pictographic (outside ASCII): the start of an emoji.
[[nodiscard]] bool is_pictograph(char32_t c);
// The end (bytes) of the emoji starting at `at` with a pictograph: its variation selectors, skin
// tones, keycap, tags and ZWJ sequence, and the format characters and marks after it, which the
// matcher reads through ("💩\u00AD", "🦆\u0336").
[[nodiscard]] std::size_t emoji_end(std::string_view text, std::size_t at);
// A letter, or a symbol that stands for one ("$", "!", a digit): what makes an emoji's neighbours a word.
[[nodiscard]] bool is_letter_like(char32_t c);

// Whether `c` may start an emoji that stands between letters: a character of
// Extended_Pictographic (cheap to call on every character outside ASCII).
[[nodiscard]] bool may_be_pictograph(char32_t c);

// `utf8_text` with every emoji (a pictograph with its variation selector, skin tone and ZWJ
// sequence) that has a letter right before and after it written as "*" and zero-width spaces
// up to its UTF-16 length, so that every offset is the same in both texts; nothing when it has
// no such emoji.
[[nodiscard]] std::optional<std::string> emoji_as_wildcards(std::string_view utf8_text);

} // namespace handleguard::text
