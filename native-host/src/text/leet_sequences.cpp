#include "text/leet_sequences.hpp"

namespace handleguard::text {

namespace {
constexpr bool drawings_fit_the_scan() {
  for (const auto &drawing : leet_detail::drawings) {
    if (drawing.symbols.size() < 2 || !leet_detail::may_begin(static_cast<unsigned char>(drawing.symbols[0]))) return false;
  }
  return true;
}
static_assert(drawings_fit_the_scan(), "the quick scan would miss a drawing");
} // namespace

std::optional<LeetLetter> leet_letter_at(std::string_view text, std::size_t at) {
  const std::string_view rest = text.substr(at);
  for (const auto &drawing : leet_detail::drawings) {
    if (rest.starts_with(drawing.symbols)) return LeetLetter{drawing.letter, drawing.symbols.size()};
  }
  return std::nullopt;
}

} // namespace handleguard::text
