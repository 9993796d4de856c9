#pragma once
// Chat spellings of a phrase term's words ("how 2 drive", "fuck u", "blow ur load"): the words
// everyone shortens to a digit or a letter or two. Only for phrases: a single word so spelled
// ("u", "2") is too short to be banned on its own, and inside a phrase the other words keep the
// match specific.
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::text {

// Most spellings derived from one phrase: a phrase of many common words would otherwise have
// thousands.
inline constexpr std::size_t max_chat_spellings = 32;

// The phrase `written` (words separated by spaces) with one or more of its words in their chat
// spellings, fewest changed words first, at most max_chat_spellings; none for a single word or
// a phrase with no such word. Other words are kept as written.
[[nodiscard]] std::vector<std::string> chat_spellings(std::string_view written);

} // namespace handleguard::text
