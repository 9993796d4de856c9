#pragma once
// Finds banned terms in a post, seeing through disguises (case, look-alike letters, symbol
// substitutions, separators between single letters, repeated letters, invisible characters)
// without matching inside innocent words. Spans are UTF-16 offsets of the original text, which
// is what the extension highlights and what X's own JavaScript counts in. docs/matching.md
// describes the rules.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::text {

struct TermPattern {
  std::string text;
  bool substring = false; // whole words only unless set ("scam" then matches in "scammer")
};

struct TermMatch {
  std::size_t pattern_index = 0; // index into the patterns given to the constructor
  std::size_t begin = 0;         // UTF-16 offset in the original text, inclusive
  std::size_t end = 0;           // UTF-16 offset in the original text, exclusive

  friend bool operator==(const TermMatch &, const TermMatch &) = default;
};

namespace detail {
class CompiledTerms;
}

// Built once per policy load (cost grows with the lexicon); find() is then called for every post
// and costs time linear in the post's length, whatever the number of terms. Immutable after
// construction, so one matcher may serve several threads.
class TermMatcher {
public:
  // Compiles `patterns` and the lexicon's `allow` list: words (or phrases) of the text inside
  // which no term is reported, e.g. "Scunthorpe" for a substring term "cunt". Patterns with
  // nothing matchable in them (only punctuation, say) never match: see unmatchable().
  explicit TermMatcher(std::vector<TermPattern> patterns, std::vector<std::string> allow = {});
  ~TermMatcher();
  TermMatcher(TermMatcher &&) noexcept;
  TermMatcher &operator=(TermMatcher &&) noexcept;
  TermMatcher(const TermMatcher &) = delete;
  TermMatcher &operator=(const TermMatcher &) = delete;

  // Returns every match in `utf8_text` (valid or not: each malformed sequence is one separator, one
  // UTF-16 unit wide, as ICU and browsers decode it to U+FFFD), sorted
  // by begin, then end, then pattern index, without duplicates.
  [[nodiscard]] std::vector<TermMatch> find(std::string_view utf8_text) const;

  // Returns false when `term` has nothing matchable in it (no letter or digit), exactly as a
  // matcher built from it would list it in unmatchable(); cheap, for checking lexicons.
  [[nodiscard]] static bool can_match(std::string_view term);

  [[nodiscard]] const std::vector<TermPattern> &patterns() const { return patterns_; }
  [[nodiscard]] const std::vector<std::string> &allow() const { return allow_; }
  // Returns the indices of patterns that can never match (no letter or digit in them).
  [[nodiscard]] const std::vector<std::size_t> &unmatchable() const { return unmatchable_; }

private:
  std::vector<TermPattern> patterns_;
  std::vector<std::string> allow_;
  std::vector<std::size_t> unmatchable_;
  std::unique_ptr<const detail::CompiledTerms> compiled_;
};

} // namespace handleguard::text
