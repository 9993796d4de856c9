#include "text/term_matcher.hpp"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "util/utf.hpp"

namespace handleguard::text {

// ICU's UTF-16 macros mix signed and unsigned arithmetic internally.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-conversion"
namespace {
// Folds case code point by code point with simple folding, which never changes a code point's
// UTF-16 length for the letters it maps, so offsets in the folded text equal the original's.
std::u16string fold_case(std::u16string_view text) {
  std::u16string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    UChar32 c = 0;
    U16_NEXT(text.data(), i, text.size(), c);
    UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    if (U16_LENGTH(folded) != U16_LENGTH(c)) folded = c;
    if (U16_LENGTH(folded) == 1) out.push_back(static_cast<char16_t>(folded));
    else {
      out.push_back(static_cast<char16_t>(U16_LEAD(folded)));
      out.push_back(static_cast<char16_t>(U16_TRAIL(folded)));
    }
  }
  return out;
}

bool is_word_unit(std::u16string_view text, std::size_t index) {
  UChar32 c = 0;
  U16_GET(text.data(), 0, index, text.size(), c);
  return u_isalnum(c) != 0 || c == u'_' || u_hasBinaryProperty(c, UCHAR_ALPHABETIC) != 0;
}
} // namespace
#pragma GCC diagnostic pop

namespace detail {
// Holds the compiled form of the terms (first cut: case-folded UTF-16, searched one by one).
class CompiledTerms {
public:
  std::vector<std::u16string> folded; // case-folded patterns, same order
};
} // namespace detail

TermMatcher::TermMatcher(std::vector<TermPattern> patterns, std::vector<std::string> allow)
    : patterns_(std::move(patterns)), allow_(std::move(allow)) {
  auto compiled = std::make_unique<detail::CompiledTerms>();
  for (std::size_t p = 0; p < patterns_.size(); ++p) {
    compiled->folded.push_back(fold_case(util::to_utf16(patterns_[p].text)));
    const auto &folded = compiled->folded.back();
    if (std::none_of(folded.begin(), folded.end(), [](char16_t c) { return u_isalnum(c) != 0; })) unmatchable_.push_back(p);
  }
  compiled_ = std::move(compiled);
}

TermMatcher::~TermMatcher() = default;
TermMatcher::TermMatcher(TermMatcher &&) noexcept = default;
TermMatcher &TermMatcher::operator=(TermMatcher &&) noexcept = default;

std::vector<TermMatch> TermMatcher::find(std::string_view utf8_text) const {
  const std::u16string folded = fold_case(util::to_utf16(utf8_text));
  std::vector<TermMatch> matches;
  const auto &patterns = compiled_->folded;
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    const std::u16string &needle = patterns[p];
    if (needle.empty()) continue;
    for (std::size_t at = folded.find(needle); at != std::u16string::npos; at = folded.find(needle, at + 1)) {
      const std::size_t end = at + needle.size();
      const bool whole_word = (at == 0 || !is_word_unit(folded, at - 1)) && (end == folded.size() || !is_word_unit(folded, end));
      if (patterns_[p].substring || whole_word) matches.push_back({p, at, end});
    }
  }
  return matches;
}

} // namespace handleguard::text
