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

} // namespace handleguard::text
