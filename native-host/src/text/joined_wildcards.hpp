#pragma once
// Single letters spelled out with a symbol between them and a star or an emoji among them
// ("f.*.c.k", "s-*-a-m", "b.🍑.t.c.h", "f . u . 💩 . k"): the first reading takes the star or the
// emoji for punctuation, so the letters around it are no run. The matcher reads such a run a
// second time as one word: its symbols as zero-width spaces, an emoji as a star ("f*ck").
#include <string_view>
#include <vector>

#include "text/reading_window.hpp"

namespace handleguard::text {

// Whether `utf8_text` may hold such a run: a star, or a four-byte character (most emoji).
[[nodiscard]] bool may_hold_joined_wildcards(std::string_view utf8_text);

// Windows of `utf8_text` (valid UTF-8, else none) with each such run written as one word: its
// joints as zero-width spaces, each emoji as a star and zero-width spaces up to its UTF-16
// length, so offsets map back by the window's start alone. A run is four
// single characters or more, letters (or symbols that stand for one) and at least one star or
// emoji, two letters proper (not digits) at least, with the same joint between each: one of `. - _ / | + ~ ,`, with
// or without a space on either side.
[[nodiscard]] std::vector<ReadingWindow> joined_wildcards_read(std::string_view utf8_text);

} // namespace handleguard::text
