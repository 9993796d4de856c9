#pragma once
// Finds words that are a term with two adjacent inner letters swapped ("fcuk", "bsatard"), with
// letters repeated ("fcuuk", "fcukkk"). A signature of each word (its first and last symbol, its
// length and the symbols between in any order) and a bit filter rule out nearly every word at the
// cost of one pass over it, so swaps add no key to the automaton. Knows symbols, not Unicode.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::text {

class TransposedWords {
public:
  // Words (or terms) of this many symbols, or runs of repeats, may be a swap of each other.
  static constexpr std::size_t min_length = 4;
  static constexpr std::size_t max_length = 32;

  // Adds a term of `symbols`; `swappable[i]` tells whether symbol `i` may take part in a swap.
  // A term with a doubled letter is added twice: as written ("asshole" read as "ashsole"), and
  // as runs of repeats with their counts ("asshole" as "a s×2 h o l e", read in "asshloe").
  void add(std::u32string_view symbols, const std::vector<bool> &swappable, std::size_t term_index);
  // Sorts what was added; call once before find().
  void finish();
  [[nodiscard]] bool empty() const { return terms_.empty(); }

  // False when no term starts with `first` and ends with `last` (and is `length` long): most
  // words are ruled out by these before their signature is computed.
  [[nodiscard]] bool may_hold(char32_t first, char32_t last) const {
    return has_bit(edge_filter_, edge_bit(first, last, 0) & filter_mask_);
  }
  [[nodiscard]] bool may_hold(char32_t first, char32_t last, std::size_t length) const {
    return has_bit(shape_filter_, edge_bit(first, last, length) & filter_mask_);
  }

  // Calls `found(term_index)` for every term that the word of `symbols[i]`, each repeated
  // `counts[i]` times (a word's runs, or its symbols with counts of 1), is a swap of.
  template <typename Found>
  void find(std::span<const char32_t> symbols, std::span<const std::uint32_t> counts, Found &&found) const {
    if (symbols.size() < min_length || symbols.size() > max_length) return;
    const std::uint64_t signature = signature_of(symbols);
    if (!has_bit(filter_, signature & filter_mask_)) return;
    for (std::size_t t = first_with(signature); t < terms_.size() && signatures_[t] == signature; ++t) {
      if (is_swap_of(terms_[t], symbols, counts)) found(terms_[t].index);
    }
  }

  // Equal for words that differ only in the order of their inner symbols.
  [[nodiscard]] static std::uint64_t signature_of(std::span<const char32_t> symbols);

private:
  // One form of a term, its symbols and counts kept in the shared pools below (a policy's lexicon
  // has thousands of terms: one small record each, no heap objects of their own).
  struct Term {
    std::uint32_t symbols_at = 0; // into symbols_
    std::uint32_t counts_at = 0;  // into counts_, or every_count_one
    std::uint32_t index = 0;
    std::uint32_t swappable = 0; // bit i: symbol i may take part in a swap
    std::uint32_t length = 0;
  };
  static constexpr std::uint32_t every_count_one = UINT32_MAX;
  // Each filter has about 64 bits a form (so few words pass one that should not), between 512
  // bits and 2^16: a host builds one matcher per account it answers for, and three fixed 8 KiB
  // filters a matcher were a third of the heap of a host that served 100 accounts.
  static constexpr std::size_t min_filter_bits = std::size_t{1} << 9;
  static constexpr std::size_t max_filter_bits = std::size_t{1} << 16;
  static constexpr std::size_t filter_bits_per_form = 64;
  [[nodiscard]] static std::size_t edge_bit(char32_t first, char32_t last, std::size_t length) {
    return (static_cast<std::size_t>(first) * 128 + last) * 33 + length;
  }
  [[nodiscard]] static bool has_bit(const std::vector<std::uint64_t> &filter, std::size_t bit) {
    return (filter[bit / 64] & (std::uint64_t{1} << (bit % 64))) != 0;
  }

  [[nodiscard]] std::size_t first_with(std::uint64_t signature) const;
  [[nodiscard]] bool is_swap_of(const Term &term, std::span<const char32_t> symbols,
                                std::span<const std::uint32_t> counts) const;
  void add_form(std::u32string_view symbols, std::span<const std::uint32_t> counts, const std::vector<bool> &swappable,
                std::size_t term_index);
  [[nodiscard]] std::u32string_view symbols_of(const Term &term) const {
    return std::u32string_view(symbols_).substr(term.symbols_at, term.length);
  }

  std::vector<Term> terms_;             // sorted by signature after finish()
  std::u32string symbols_;              // every form's symbols, one after the other
  std::vector<std::uint32_t> counts_;   // the run lengths of forms read as runs
  std::vector<std::uint64_t> signatures_;
  // Filled by finish(), all of one size (a power of two: `filter_mask_` + 1 bits).
  std::size_t filter_mask_ = 0;
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(1, 0); // a bit per signature hash
  std::vector<std::uint64_t> edge_filter_ = std::vector<std::uint64_t>(1, 0);  // a bit per (first, last)
  std::vector<std::uint64_t> shape_filter_ = std::vector<std::uint64_t>(1, 0); // and length
};

} // namespace handleguard::text
