#pragma once
// A star or an emoji standing alone for a letter among spaced-out letters ("f * c k", "f 💩 c k"):
// the first reading takes it for punctuation, which makes the gaps around it unlike the others,
// so the letters do not join. The matcher reads such a post a second time with those gaps made
// invisible and the emoji written as stars, so that the letters and stars make one word ("f*ck").
#include <string_view>
#include <vector>

#include "text/reading_window.hpp"

namespace handleguard::text {

// Every run in `utf8_text` of four or more single letters and lone stars or emoji, separated by
// the same short run of spaces, written as one word: each space as a zero-width space and each
// emoji as "*" and zero-width spaces, so that every UTF-16 offset is the one of the post. Only
// runs with at least one star or emoji and two letters. Given as windows of the post around
// them (a long post is not read twice whole); none when there is no such run. Looks from byte
// `from` on: where the quick scan (text/second_reading_hints.hpp) first saw a lone wildcard.
[[nodiscard]] std::vector<ReadingWindow> spaced_wildcards_joined(std::string_view utf8_text, std::size_t from = 0);

} // namespace handleguard::text
