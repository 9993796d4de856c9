#pragma once
// A second reading of a post for two disguises the first reading takes for word edges:
//  - symbols typed over letters ("f#ck", "sh-t", "f@#k", "fu<k"), read as stars: wildcards for
//    one letter each (docs/matching.md); "@" alone between letters read as "u" ("f@ck");
//  - single letters joined by one symbol that is no separator in the first reading ("f|u|c|k",
//    "F+U+C+K"), read as joined by stops;
//  - words run together with capitals ("#FuckThis", "thisIsShit"), read with a space before each
//    capital that follows a lower-case letter;
//  - a letter cut off a word by a space ("f uck", "bitc h"), where the letter alone is no word,
//    read with a soft hyphen for the space.
// Phrases across the parts are found too ("FuckYou" as "fuck you"). Knows code points, not terms.
#include <functional>
#include <string_view>
#include <vector>

#include "text/reading_window.hpp"

namespace handleguard::text {

// The readings of `utf8_text`: a window around each group of changes, so that a long post is
// not read twice whole. None when it holds neither disguise or is not UTF-8 (its offsets would not
// be the matcher's). A masking symbol is one of # % & ^ ~ ? - _ . between two letters (a run of
// up to eight, "@", "$", "!" and "*" with them: "f@#k"), or "<" alone; "-", "_" and "." only
// where a side has at most two letters ("f-ck", "sh.t"; "well-known", "user_name" and
// "example.com" are two words). Symbols joining single letters are one of | + @ $ ! < repeated
// between three letters or more, each a word of its own ("a+b" and "this|that" are not).
// A capital after a lower-case letter is a word's start only where `part_may_matter` holds for
// the part before it or the part from it (their letters; a matcher's cheap test that a part can
// begin a match), so that "#NewSeason" need not be read again where no term starts with "new" or
// "season". Looks from byte `from` on: where the quick scan (text/second_reading_hints.hpp) first
// saw something to read again.
[[nodiscard]] std::vector<ReadingWindow> masks_and_capitals_read(std::string_view utf8_text,
                                                                 const std::function<bool(std::string_view)> &part_may_matter,
                                                                 std::size_t from = 0);

} // namespace handleguard::text
