#pragma once
// Runs of bytes that need no attention, found eight bytes a step (bit tricks on one 64-bit
// word): plain ASCII in UTF-8 checks and the text engine, and the bytes a JSON string holds as
// they are in the request reader and the reply writer. Posts are mostly such runs, so these
// loops decide what reading and writing a message costs.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace handleguard::util {

namespace ascii_runs_detail {
inline constexpr std::uint64_t ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t high_bits = 0x8080808080808080ULL;

[[nodiscard]] inline std::uint64_t load(const char *bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}
// The lowest flagged byte of each test below is exact (a borrow only flags bytes above a true
// one), and in a little-endian word the lowest byte comes first in memory.
[[nodiscard]] inline std::size_t first_flagged(std::uint64_t flags) {
  return static_cast<std::size_t>(std::countr_zero(flags)) / 8U;
}
[[nodiscard]] inline std::uint64_t zero_bytes(std::uint64_t word) { return (word - ones) & ~word & high_bits; }
} // namespace ascii_runs_detail

// The end of the run of ASCII bytes (below 0x80) that starts at `pos`, at most `limit`.
[[nodiscard]] inline std::size_t ascii_run_end(std::string_view text, std::size_t pos, std::size_t limit) {
  using namespace ascii_runs_detail;
  if constexpr (std::endian::native == std::endian::little) {
    while (pos + sizeof(std::uint64_t) <= limit) {
      const std::uint64_t high = load(text.data() + pos) & high_bits;
      if (high != 0) return pos + first_flagged(high);
      pos += sizeof(std::uint64_t);
    }
  }
  while (pos < limit && static_cast<unsigned char>(text[pos]) < 0x80) ++pos;
  return pos;
}

// The end of the run that starts at `pos` of bytes a JSON string holds as they are: ASCII from
// 0x20 up, other than '"' and '\'. Control characters, quotes, backslashes and anything not
// ASCII end it.
[[nodiscard]] inline std::size_t plain_json_run_end(std::string_view text, std::size_t pos) {
  using namespace ascii_runs_detail;
  if constexpr (std::endian::native == std::endian::little) {
    while (pos + sizeof(std::uint64_t) <= text.size()) {
      const std::uint64_t word = load(text.data() + pos);
      const std::uint64_t below_space = (word - ones * 0x20U) & ~word & high_bits;
      const std::uint64_t flags = below_space | zero_bytes(word ^ (ones * '"')) | zero_bytes(word ^ (ones * '\\')) |
                                  (word & high_bits);
      if (flags != 0) return pos + first_flagged(flags);
      pos += sizeof(std::uint64_t);
    }
  }
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x20U || byte >= 0x80U || byte == '"' || byte == '\\') break;
    ++pos;
  }
  return pos;
}

} // namespace handleguard::util
