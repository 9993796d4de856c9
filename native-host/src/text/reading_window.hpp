#pragma once
// A window of a post as a second reading writes it (text/spaced_wildcards.hpp,
// text/masks_and_capitals.hpp): the changed text of a stretch of the post around what it
// changed, so that a long post is not read twice whole, and how its offsets map back.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8_step.hpp"

namespace handleguard::text {

struct ReadingWindow {
  std::string text;
  std::size_t begin16 = 0; // where the window starts in the post (UTF-16 units)
  // Where spaces were put in (UTF-16 offsets in `text`, ascending); a reading that only
  // replaces characters by others of the same UTF-16 length puts none.
  std::vector<std::uint32_t> inserted16;

  // The post's UTF-16 offset of offset `offset16` of `text`.
  [[nodiscard]] std::size_t original_offset(std::size_t offset16) const {
    const auto before = std::ranges::lower_bound(inserted16, offset16, {}, [](std::uint32_t at) { return std::size_t{at}; }) - inserted16.begin();
    return begin16 + offset16 - static_cast<std::size_t>(before);
  }
};

// The start of the word at or before byte `at` of `text`, at most `reach` bytes further back (then
// the start of the code point there): a window never cuts a word it can avoid cutting.
[[nodiscard]] inline std::size_t window_start(std::string_view text, std::size_t at, std::size_t reach) {
  const std::size_t limit = at > reach ? at - reach : 0;
  while (at > limit && text[at - 1] != ' ' && text[at - 1] != '\n') --at;
  while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0U) == 0x80U) --at;
  return at;
}
// The end of the word at or after byte `at`, at most `reach` bytes further on (then the end of
// the code point there).
[[nodiscard]] inline std::size_t window_end(std::string_view text, std::size_t at, std::size_t reach) {
  const std::size_t limit = std::min(text.size(), at + reach);
  while (at < limit && text[at] != ' ' && text[at] != '\n') ++at;
  while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0U) == 0x80U) ++at;
  return at;
}

// What a window holds around its edits (then out to a word's edge): enough for any phrase a
// lexicon has. A word longer than window_longest_word is cut, so that a text of one enormous
// "word" is not copied whole.
inline constexpr std::size_t window_context_bytes = 32;
inline constexpr std::size_t window_longest_word = 256;

// The windows of `text` (valid UTF-8) around `edits` (sorted, not overlapping; each with byte
// offsets `begin` and `end`): edits closer than twice the context share a window. `write(window,
// edit, units)` appends the edit's text to window.text (`units`: the UTF-16 units already there;
// a space it puts in is noted in window.inserted16 at that offset) and returns the units it
// appended. `context`: the bytes kept on either side (then out to a word's edge).
template <typename Edit, typename Write>
[[nodiscard]] std::vector<ReadingWindow> windows_around(std::string_view text, const std::vector<Edit> &edits, Write &&write,
                                                        std::size_t context = window_context_bytes) {
  std::vector<ReadingWindow> windows;
  std::size_t counted = 0; // bytes of `text` whose UTF-16 units are in counted16
  std::size_t counted16 = 0;
  for (std::size_t e = 0; e < edits.size();) {
    const std::size_t first_begin = edits[e].begin;
    const std::size_t begin = window_start(text, first_begin > context ? first_begin - context : 0, window_longest_word);
    std::size_t last = e;
    while (last + 1 < edits.size() && edits[last + 1].begin <= edits[last].end + 2 * context) ++last;
    const std::size_t end = window_end(text, std::min(text.size(), edits[last].end + context), window_longest_word);

    ReadingWindow window;
    counted16 += detail::utf16_length(text.substr(counted, begin - counted));
    counted = begin;
    window.begin16 = counted16;
    std::size_t copied = begin;
    std::size_t units = 0; // UTF-16 units of window.text
    for (; e <= last; ++e) {
      const std::string_view unchanged = text.substr(copied, edits[e].begin - copied);
      window.text.append(unchanged);
      units += detail::utf16_length(unchanged);
      units += write(window, edits[e], units);
      copied = edits[e].end;
    }
    window.text.append(text.substr(copied, end - copied));
    windows.push_back(std::move(window));
  }
  return windows;
}

} // namespace handleguard::text
