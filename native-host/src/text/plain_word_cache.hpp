#pragma once
// Remembers, within one long post, where the automaton went on a word of ASCII letters that
// needed no closer look: the same word read from the same state goes to the same state, and is
// again nothing to look at. A long post repeats most of its words ("the", "and", a brand's
// name) many times, and one look-up in place of reading a word letter by letter also saves the
// loop over its letters, whose end the processor cannot foresee. Knows nothing of terms: the
// caller decides which words it may keep.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace handleguard::text {

class PlainWordCache {
public:
  using State = std::uint32_t;
  // A word is read as 16 bytes from its first: the text must have as many readable from there
  // (padding after its end). Words of 16 letters or more are not kept.
  static constexpr std::size_t bytes_read = 16;

  // A word of ASCII letters and the state before it, read from its bytes.
  struct Key {
    std::uint64_t low = 0; // its letters, the bytes after them zeroed
    std::uint64_t high = 0;
    State start = 0;
    std::size_t letters = 0; // 0 when the word can't be kept: fewer than two letters, or 16 or more
  };

  // Reads the word at `word`: its letters a-z and A-Z up to the first other byte.
  [[nodiscard]] static Key key_of(const unsigned char *word, State start) {
    std::uint64_t low = 0;
    std::uint64_t high = 0;
    std::memcpy(&low, word, sizeof low);
    std::memcpy(&high, word + sizeof low, sizeof high);
    const std::size_t letters = leading_letters(low, high);
    if (letters < 2 || letters >= bytes_read) return {};
    return {keep_bytes(low, letters), keep_bytes(high, letters > 8 ? letters - 8 : 0), start, letters};
  }

  // Forgets every word remembered so far: call at the start of each post (cheap: no entry is
  // touched), so that nothing depends on which posts came before.
  void start_post() {
    if (entries_.empty()) entries_.resize(entry_count);
    if (++generation_ == 0) { // after 2^32 posts: old entries would count again
      entries_.assign(entry_count, Entry{});
      generation_ = 1;
    }
  }

  // Returns the state after the word of `key` if it was remembered in this post.
  [[nodiscard]] std::optional<State> find(const Key &key) const {
    const Entry &entry = entries_[slot(key)];
    if (entry.generation == generation_ && entry.low == key.low && entry.high == key.high && entry.start == key.start) {
      return entry.end;
    }
    return std::nullopt;
  }

  void remember(const Key &key, State end) { entries_[slot(key)] = {key.low, key.high, key.start, end, generation_}; }

private:
  struct Entry {
    std::uint64_t low = 0;
    std::uint64_t high = 0;
    State start = 0;
    State end = 0;
    std::uint32_t generation = 0; // 0: never written
  };
  // Enough for the distinct words of a 25,000-character post; 64 KiB, allocated with the first
  // long post a thread checks.
  static constexpr std::size_t entry_count = 2048;

  [[nodiscard]] static std::size_t slot(const Key &key) {
    const std::uint64_t hash = (key.low * 0x9E3779B97F4A7C15ULL) ^ (key.high * 0xC2B2AE3D27D4EB4FULL) ^
                               (std::uint64_t{key.start} * 0x165667B19E3779F9ULL);
    return static_cast<std::size_t>(hash >> 40U) & (entry_count - 1);
  }

  // The bytes from the first that are ASCII letters, eight at a time without a branch per byte.
  [[nodiscard]] static std::size_t leading_letters(std::uint64_t low, std::uint64_t high) {
    const std::uint64_t not_letters = ~letter_bytes(low) & high_bits;
    if (not_letters != 0) return first_marked_byte(not_letters);
    const std::uint64_t not_letters_after = ~letter_bytes(high) & high_bits;
    return not_letters_after != 0 ? 8 + first_marked_byte(not_letters_after) : bytes_read;
  }

  // The index in memory order of the first byte of `marks` (not 0) whose high bit is set.
  [[nodiscard]] static std::size_t first_marked_byte(std::uint64_t marks) {
    if constexpr (std::endian::native == std::endian::little) return static_cast<std::size_t>(std::countr_zero(marks)) / 8;
    return static_cast<std::size_t>(std::countl_zero(marks)) / 8;
  }

  // Sets the high bit of each byte of `bytes` that is a letter a-z or A-Z. Every byte is made
  // ASCII before the subtractions, so none borrows from its neighbour.
  [[nodiscard]] static std::uint64_t letter_bytes(std::uint64_t bytes) {
    const std::uint64_t lower = (bytes | (0x20 * ones)) & ~high_bits; // letters in lower case
    const std::uint64_t from_a = ((lower | high_bits) - 0x61 * ones) & high_bits;  // >= 'a'
    const std::uint64_t to_z = (((0x7A * ones) | high_bits) - lower) & high_bits;   // <= 'z'
    return from_a & to_z & ~(bytes & high_bits);
  }

  // Keeps the first `count` bytes (in memory order) of `bytes`, zeroes the others.
  [[nodiscard]] static std::uint64_t keep_bytes(std::uint64_t bytes, std::size_t count) {
    if (count >= 8) return bytes;
    const std::uint64_t mask = (std::uint64_t{1} << (8 * count)) - 1;
    if constexpr (std::endian::native == std::endian::little) return bytes & mask;
    return bytes & ~(~std::uint64_t{0} >> (8 * count));
  }

  static constexpr std::uint64_t ones = 0x0101010101010101ULL;
  static constexpr std::uint64_t high_bits = 0x8080808080808080ULL;

  std::vector<Entry> entries_;
  std::uint32_t generation_ = 0;
};

} // namespace handleguard::text
