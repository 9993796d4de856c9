#pragma once
// Words written upside down ("ǝʌᴉɹp" for "drive"), as "flip text" generators make them: each
// letter turned by a look-alike (ɐ ǝ ᴉ ɹ ʌ …, and p for d, u for n) and the letters in reverse
// order. The matcher reads a post a second time with such words turned right side up. Only
// words holding a letter no other writing uses that way are turned, so that an ordinary word
// ("bud", "pun") is never read backwards.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/mirrored_stretches.hpp"

namespace handleguard::text {

// Whether `c` is a letter only upside-down writing uses for a Latin one ("ǝ", "ɐ", "ʞ"; not the
// dotless "ı" of Turkish): a word with one is turned.
[[nodiscard]] bool is_upside_down_only(char32_t c);

class UpsideDownWords {
public:
  // The text with its upside-down words turned, or nothing when it has none.
  [[nodiscard]] static std::optional<UpsideDownWords> find(std::string_view utf8_text);

  // The text with its upside-down words turned right side up and every other byte as it was.
  // Each turned character takes as many UTF-16 units as the one it stands for, so any offset
  // outside the turned words is the same in both texts.
  [[nodiscard]] const std::string &turned() const { return turned_; }

  // Where the UTF-16 span [begin, end) of turned() lies in the original text, when it lies
  // within one turned word; nothing otherwise (elsewhere the original text was read already).
  [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> original_span(std::size_t begin, std::size_t end) const;

private:
  std::string turned_;
  MirroredStretches words_;
};

} // namespace handleguard::text
