#pragma once
// Words with three stars or more for their inner letters ("b***h", "b**t*rd", "f****ng"): too many
// to try every letter for each (26³ readings and up), so they are compared with the terms
// instead, a star standing for any one symbol. Only whole words, with a letter on either side of
// the stars: the stars hide letters of a word the writer means, they are no wildcard for a
// phrase. Also words whose end is two stars or more after their first letters ("f***", "sh**"),
// compared alike with the terms of their length that start with those letters. Knows symbols,
// not Unicode.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace handleguard::text {

class MaskedWords {
public:
  // Stars that make a word masked: fewer are tried letter by letter (TermMatcher).
  static constexpr std::size_t min_stars = 3;
  // Stars that hide a word's end ("sh**"): one alone is a footnote's ("price*").
  static constexpr std::size_t min_stars_at_end = 2;

  // Adds the form `symbols` of term `term_index` (the term, or its plural).
  void add(std::u32string_view symbols, std::size_t term_index);
  // Sorts what was added; call once before find().
  void finish();

  // Calls `found(term_index)` for every form of a term as long as `word` and equal to it wherever
  // `word` has no `star`, for a `word` that starts with a symbol that is no star and ends with
  // min_stars_at_end stars or more.
  template <typename Found> void find_with_hidden_end(std::span<const char32_t> word, char32_t star, Found &&found) const {
    const std::uint64_t shape = shape_of(word.front(), no_symbol, word.size());
    const auto first = std::ranges::lower_bound(forms_by_start_, shape, {}, &Form::shape);
    for (auto form = first; form != forms_by_start_.end() && form->shape == shape; ++form) {
      if (fits(*form, word, star)) found(form->term_index);
    }
  }

  // Calls `found(term_index)` for every form of a term as long as `word` and equal to it wherever
  // `word` has no `star`. `word` must start and end with a symbol that is no star.
  template <typename Found> void find(std::span<const char32_t> word, char32_t star, Found &&found) const {
    if (word.size() < 2) return;
    const std::uint64_t shape = shape_of(word.front(), word.back(), word.size());
    const auto first = std::ranges::lower_bound(forms_, shape, {}, &Form::shape);
    for (auto form = first; form != forms_.end() && form->shape == shape; ++form) {
      if (fits(*form, word, star)) found(form->term_index);
    }
  }

private:
  // One form, its symbols in the shared pool (a policy has thousands of terms: a small record
  // each, no heap object of their own).
  struct Form {
    std::uint64_t shape = 0; // first symbol, last symbol, length: what a masked word's stars never touch
    std::uint32_t symbols_at = 0;
    std::uint32_t length = 0;
    std::uint32_t term_index = 0;
  };
  // Stands for the last symbol in the shape of a form looked up by its start alone.
  static constexpr char32_t no_symbol = 0;
  [[nodiscard]] static std::uint64_t shape_of(char32_t first, char32_t last, std::size_t length);
  [[nodiscard]] bool fits(const Form &form, std::span<const char32_t> word, char32_t star) const;

  std::vector<Form> forms_;          // by shape once finished
  std::vector<Form> forms_by_start_; // the same (and shorter ones) by first symbol and length
  std::vector<char32_t> symbols_;
};

} // namespace handleguard::text
