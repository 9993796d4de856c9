#include "text/transposed_words.hpp"

#include <algorithm>

namespace handleguard::text {

namespace {
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33U;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33U;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33U;
  return x;
}
} // namespace

std::uint64_t TransposedWords::signature_of(std::span<const char32_t> symbols) {
  const std::size_t length = symbols.size();
  std::uint64_t inner = 0;
  for (std::size_t i = 1; i + 1 < length; ++i) inner += mix(symbols[i] + 0x9e3779b97f4a7c15ULL);
  return mix(inner ^ mix((static_cast<std::uint64_t>(symbols[0]) << 32U) ^ symbols[length - 1]) ^
             (length * 0x100000001b3ULL));
}

void TransposedWords::add(std::u32string_view symbols, const std::vector<bool> &swappable, std::size_t term_index) {
  add_term({std::u32string(symbols), std::vector<std::uint32_t>(symbols.size(), 1), swappable, term_index});
  Term runs{{}, {}, {}, term_index};
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (i > 0 && symbols[i] == symbols[i - 1]) {
      ++runs.counts.back();
      runs.swappable.back() = runs.swappable.back() && swappable[i];
      continue;
    }
    runs.symbols.push_back(symbols[i]);
    runs.counts.push_back(1);
    runs.swappable.push_back(swappable[i]);
  }
  if (runs.symbols.size() != symbols.size()) add_term(std::move(runs));
}

void TransposedWords::add_term(Term term) {
  if (term.symbols.size() < min_length || term.symbols.size() > max_length) return;
  const std::size_t edge = edge_bit(term.symbols.front(), term.symbols.back(), 0);
  edge_filter_[edge / 64] |= std::uint64_t{1} << (edge % 64);
  const std::size_t shape = edge_bit(term.symbols.front(), term.symbols.back(), term.symbols.size());
  shape_filter_[shape / 64] |= std::uint64_t{1} << (shape % 64);
  terms_.push_back(std::move(term));
}

void TransposedWords::finish() {
  std::vector<std::pair<std::uint64_t, std::size_t>> order; // each signature computed once
  order.reserve(terms_.size());
  for (std::size_t t = 0; t < terms_.size(); ++t) {
    order.emplace_back(signature_of(std::u32string_view(terms_[t].symbols)), t);
  }
  std::ranges::sort(order);
  std::vector<Term> sorted;
  sorted.reserve(order.size());
  signatures_.clear();
  for (const auto &[signature, t] : order) {
    sorted.push_back(std::move(terms_[t]));
    signatures_.push_back(signature);
    filter_[(signature % filter_bits) / 64] |= std::uint64_t{1} << (signature % 64);
  }
  terms_ = std::move(sorted);
}

std::size_t TransposedWords::first_with(std::uint64_t signature) const {
  return static_cast<std::size_t>(std::ranges::lower_bound(signatures_, signature) - signatures_.begin());
}

// True when `symbols` is `term` with the symbols at i and i + 1 swapped, for one inner i (the
// first and last stay in place), each run at least as long as the term's run it stands for.
bool TransposedWords::is_swap_of(const Term &term, std::span<const char32_t> symbols,
                                 std::span<const std::uint32_t> counts) {
  const std::size_t length = symbols.size();
  if (term.symbols.size() != length) return false;
  std::size_t first_difference = length;
  std::size_t differences = 0;
  for (std::size_t i = 0; i < length && differences <= 2; ++i) {
    if (symbols[i] == term.symbols[i]) continue;
    if (differences++ == 0) first_difference = i;
  }
  const std::size_t i = first_difference;
  if (differences != 2 || i == 0 || i + 2 >= length || symbols[i] != term.symbols[i + 1] ||
      symbols[i + 1] != term.symbols[i] || !term.swappable[i] || !term.swappable[i + 1]) {
    return false;
  }
  for (std::size_t j = 0; j < length; ++j) {
    const std::size_t in_term = j == i ? i + 1 : j == i + 1 ? i : j;
    if (counts[j] < term.counts[in_term]) return false;
  }
  return true;
}

} // namespace handleguard::text
