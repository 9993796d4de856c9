#include "text/term_matcher.hpp"

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

TermMatcher::TermMatcher(std::vector<TermPattern> patterns) : patterns_(std::move(patterns)) {
  folded_.reserve(patterns_.size());
  for (const auto &pattern : patterns_) folded_.push_back(fold_case(util::to_utf16(pattern.text)));
}

std::vector<TermMatch> TermMatcher::find(std::string_view utf8_text) const {
  const std::u16string folded = fold_case(util::to_utf16(utf8_text));
  std::vector<TermMatch> matches;
  for (std::size_t p = 0; p < folded_.size(); ++p) {
    const std::u16string &needle = folded_[p];
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
