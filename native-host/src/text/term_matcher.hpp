#pragma once
// Finds banned terms in a post. Spans are UTF-16 offsets of the original text, which is what
// the extension highlights and what X's own JavaScript counts in.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::text {

struct TermPattern {
  std::string text;
  bool substring = false; // whole words only unless set
};

struct TermMatch {
  std::size_t pattern_index = 0;
  std::size_t begin = 0; // UTF-16 offset, inclusive
  std::size_t end = 0;   // UTF-16 offset, exclusive
};

// Built once per policy load; find() is then called for every post.
class TermMatcher {
public:
  explicit TermMatcher(std::vector<TermPattern> patterns);
  [[nodiscard]] std::vector<TermMatch> find(std::string_view utf8_text) const;
  [[nodiscard]] const std::vector<TermPattern> &patterns() const { return patterns_; }

private:
  std::vector<TermPattern> patterns_;
  std::vector<std::u16string> folded_; // case-folded patterns, same order
};

} // namespace handleguard::text
