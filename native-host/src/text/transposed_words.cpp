#include "text/transposed_words.hpp"

#include <algorithm>

#include "text/mix64.hpp"

namespace handleguard::text {

std::uint64_t TransposedWords::signature_of(std::span<const char32_t> symbols) {
  const std::size_t length = symbols.size();
  std::uint64_t inner = 0;
  for (std::size_t i = 1; i + 1 < length; ++i) inner += mix64(symbols[i] + 0x9e3779b97f4a7c15ULL);
  return mix64(inner ^ mix64((static_cast<std::uint64_t>(symbols[0]) << 32U) ^ symbols[length - 1]) ^
             (length * 0x100000001b3ULL));
}

void TransposedWords::add(std::u32string_view symbols, const std::vector<bool> &swappable, std::size_t term_index) {
  add_form(symbols, {}, swappable, term_index);
  std::u32string runs;
  std::vector<std::uint32_t> counts;
  std::vector<bool> runs_swappable;
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (i > 0 && symbols[i] == symbols[i - 1]) {
      ++counts.back();
      runs_swappable.back() = runs_swappable.back() && swappable[i];
      continue;
    }
    runs.push_back(symbols[i]);
    counts.push_back(1);
    runs_swappable.push_back(swappable[i]);
  }
  if (runs.size() != symbols.size()) add_form(runs, counts, runs_swappable, term_index);
}

void TransposedWords::add_form(std::u32string_view symbols, std::span<const std::uint32_t> counts,
                               const std::vector<bool> &swappable, std::size_t term_index) {
  if (symbols.size() < min_length || symbols.size() > max_length) return;
  Term term;
  term.symbols_at = static_cast<std::uint32_t>(symbols_.size());
  term.counts_at = counts.empty() ? every_count_one : static_cast<std::uint32_t>(counts_.size());
  term.index = static_cast<std::uint32_t>(term_index);
  term.length = static_cast<std::uint32_t>(symbols.size());
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (swappable[i]) term.swappable |= std::uint32_t{1} << i;
  }
  symbols_.append(symbols);
  counts_.insert(counts_.end(), counts.begin(), counts.end());
  terms_.push_back(term);
}

void TransposedWords::finish() {
  std::vector<std::pair<std::uint64_t, std::size_t>> order; // each signature computed once
  order.reserve(terms_.size());
  for (std::size_t t = 0; t < terms_.size(); ++t) {
    order.emplace_back(signature_of(symbols_of(terms_[t])), t);
  }
  std::ranges::sort(order);
  std::size_t bits = min_filter_bits;
  while (bits < max_filter_bits && bits < terms_.size() * filter_bits_per_form) bits *= 2;
  filter_mask_ = bits - 1;
  filter_.assign(bits / 64, 0);
  edge_filter_.assign(bits / 64, 0);
  shape_filter_.assign(bits / 64, 0);
  const auto set_bit = [](std::vector<std::uint64_t> &filter, std::size_t bit) {
    filter[bit / 64] |= std::uint64_t{1} << (bit % 64);
  };
  std::vector<Term> sorted;
  sorted.reserve(order.size());
  signatures_.clear();
  signatures_.reserve(order.size());
  for (const auto &[signature, t] : order) {
    const Term &term = terms_[t];
    const std::u32string_view symbols = symbols_of(term);
    set_bit(edge_filter_, edge_bit(symbols.front(), symbols.back(), 0) & filter_mask_);
    set_bit(shape_filter_, edge_bit(symbols.front(), symbols.back(), symbols.size()) & filter_mask_);
    set_bit(filter_, signature & filter_mask_);
    sorted.push_back(term);
    signatures_.push_back(signature);
  }
  terms_ = std::move(sorted);
  symbols_.shrink_to_fit();
  counts_.shrink_to_fit();
}

std::size_t TransposedWords::first_with(std::uint64_t signature) const {
  return static_cast<std::size_t>(std::ranges::lower_bound(signatures_, signature) - signatures_.begin());
}

// True when `symbols` is `term` with the symbols at i and i + 1 swapped, for one inner i (the
// first and last stay in place), each run at least as long as the term's run it stands for.
bool TransposedWords::is_swap_of(const Term &term, std::span<const char32_t> symbols,
                                 std::span<const std::uint32_t> counts) const {
  const std::size_t length = symbols.size();
  if (term.length != length) return false;
  const std::u32string_view term_symbols = symbols_of(term);
  std::size_t first_difference = length;
  std::size_t differences = 0;
  for (std::size_t i = 0; i < length && differences <= 2; ++i) {
    if (symbols[i] == term_symbols[i]) continue;
    if (differences++ == 0) first_difference = i;
  }
  const std::size_t i = first_difference;
  const std::uint32_t both_swappable = std::uint32_t{3} << (i < 31 ? i : 0);
  if (differences != 2 || i == 0 || i + 2 >= length || symbols[i] != term_symbols[i + 1] ||
      symbols[i + 1] != term_symbols[i] || (term.swappable & both_swappable) != both_swappable) {
    return false;
  }
  for (std::size_t j = 0; j < length; ++j) {
    const std::size_t in_term = j == i ? i + 1 : j == i + 1 ? i : j;
    const std::uint32_t needed = term.counts_at == every_count_one ? 1 : counts_[term.counts_at + in_term];
    if (counts[j] < needed) return false;
  }
  return true;
}

} // namespace handleguard::text
