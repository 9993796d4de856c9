#pragma once
// Where each value of a JSON text sits (line:column), and which object keys repeat.
// nlohmann::json keeps neither: it silently keeps the last of two equal keys, so a policy
// with `"severity": "block"` followed by `"severity": "warn"` would quietly weaken a rule.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::policy {

struct TextPosition {
  std::size_t line = 1;   // 1-based
  std::size_t column = 1; // 1-based, in code points
};

struct JsonSyntaxError {
  TextPosition position;
  std::string message;
};

struct DuplicateKey {
  std::string pointer; // JSON pointer of the repeated member
  TextPosition position;
};

class JsonPositions {
public:
  // Scans `text`, which must already be known to be valid JSON. Without `keep_positions` only
  // the repeated keys are found (cheaper: nothing is kept per value), and locate() knows nothing.
  explicit JsonPositions(std::string_view text, bool keep_positions = true);

  // Position of the value at `pointer`, or of its nearest ancestor present in the text.
  [[nodiscard]] TextPosition locate(std::string_view pointer) const;
  [[nodiscard]] const std::vector<DuplicateKey> &duplicate_keys() const { return duplicates_; }

private:
  void value();
  void object();
  void skip_space();
  std::string read_string();
  void skip_string();
  [[nodiscard]] TextPosition position_of(std::size_t offset) const;

  std::string_view text_;
  std::size_t at_ = 0;
  bool keep_positions_ = true;
  std::string pointer_; // of the value being scanned; grows and shrinks as the scan descends
  std::map<std::string, std::size_t, std::less<>> offsets_;
  std::vector<DuplicateKey> duplicates_;
};

// For a text nlohmann parsed: why it cannot be taken as parsed, if so. An object that gives a
// key twice (nlohmann keeps the last silently, so `"require_signed_policy": true` followed by
// `false` would quietly weaken a setting), or nesting deeper than any setting file has (the scan
// recurses). "the key /a/b appears twice", "nests deeper than 64 levels".
[[nodiscard]] std::optional<std::string> repeated_key_problem(std::string_view parsed_json);

// Checks that `text` is JSON; on failure returns where and why (nlohmann's SAX parser
// reports the byte at which it gave up).
[[nodiscard]] std::optional<JsonSyntaxError> find_syntax_error(std::string_view text);

// Escapes `key` as one RFC 6901 reference token ("~" -> "~0", "/" -> "~1").
[[nodiscard]] std::string pointer_token(std::string_view key);

[[nodiscard]] TextPosition position_at(std::string_view text, std::size_t byte_offset);

} // namespace handleguard::policy
