#include "text/masked_words.hpp"

#include "text/mix64.hpp"

namespace handleguard::text {

void MaskedWords::add(std::u32string_view symbols, std::size_t term_index) {
  // A form needs room for a letter and the stars, and for a letter after them unless they end it.
  if (symbols.size() < 1 + min_stars_at_end) return;
  const auto at = static_cast<std::uint32_t>(symbols_.size());
  const auto length = static_cast<std::uint32_t>(symbols.size());
  const auto index = static_cast<std::uint32_t>(term_index);
  forms_by_start_.push_back({shape_of(symbols.front(), no_symbol, symbols.size()), at, length, index});
  if (symbols.size() >= min_stars + 2) forms_.push_back({shape_of(symbols.front(), symbols.back(), symbols.size()), at, length, index});
  symbols_.insert(symbols_.end(), symbols.begin(), symbols.end());
}

void MaskedWords::finish() {
  std::ranges::sort(forms_, {}, &Form::shape);
  std::ranges::sort(forms_by_start_, {}, &Form::shape);
  forms_.shrink_to_fit();
  forms_by_start_.shrink_to_fit();
  symbols_.shrink_to_fit();
}

std::uint64_t MaskedWords::shape_of(char32_t first, char32_t last, std::size_t length) {
  // Hashed so that equal shapes sit together and different ones rarely share a key; fits()
  // compares every symbol, so a shared key costs a comparison, never a wrong match.
  return mix64((std::uint64_t{first} << 32U) ^ (std::uint64_t{last} << 8U) ^ length);
}

bool MaskedWords::fits(const Form &form, std::span<const char32_t> word, char32_t star) const {
  if (form.length != word.size()) return false;
  const char32_t *symbols = symbols_.data() + form.symbols_at;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word[i] != star && word[i] != symbols[i]) return false;
  }
  return true;
}

} // namespace handleguard::text
