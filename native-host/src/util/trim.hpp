#pragma once
// The blanks people leave around what they type by hand: padded spreadsheet cells, indented
// lexicon lines, and the carriage return a Windows editor ends each line with.
#include <string_view>

namespace handleguard::util {

[[nodiscard]] constexpr bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Returns `text` without the blanks at its start and end.
[[nodiscard]] constexpr std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

} // namespace handleguard::util
