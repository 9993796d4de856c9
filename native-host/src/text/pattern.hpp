#pragma once
// Regular expressions for pattern rules, on RE2: linear time in the text, never backtracking,
// so a long or hostile post cannot hang the host (std::regex can, and can overflow the stack).
#include <cstddef>
#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace handleguard::text {

struct PatternOptions {
  bool case_insensitive = false; // same as starting the expression with (?i)
};

struct PatternMatch {
  std::size_t begin = 0; // UTF-16 offset in the original text, inclusive
  std::size_t end = 0;   // UTF-16 offset in the original text, exclusive

  friend bool operator==(const PatternMatch &, const PatternMatch &) = default;
};

// A compiled expression in RE2 syntax (https://github.com/google/re2/wiki/Syntax), UTF-8 mode.
// Cheap to copy (shares the compiled program); immutable, so safe to use from several threads.
class Pattern {
public:
  // Compiles `expression`; the error is RE2's message, e.g. "missing ): (ab", for the caller to
  // prefix with the rule's name.
  [[nodiscard]] static std::expected<Pattern, std::string> compile(std::string_view expression, PatternOptions options = {});

  // Returns true when the expression matches anywhere in `utf8_text`.
  [[nodiscard]] bool matches(std::string_view utf8_text) const;
  // Returns every non-overlapping match, left to right, as UTF-16 spans of `utf8_text`. Empty
  // matches are skipped. Text that is not valid UTF-8 yields no match.
  [[nodiscard]] std::vector<PatternMatch> find_all(std::string_view utf8_text) const;

  [[nodiscard]] const std::string &expression() const { return expression_; }

private:
  Pattern(std::shared_ptr<const re2::RE2> program, std::string expression);
  std::shared_ptr<const re2::RE2> program_;
  std::string expression_;
};

} // namespace handleguard::text
