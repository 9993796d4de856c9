#pragma once
// A quick parser for the shape nearly every native message has: one JSON object whose members
// are strings, integers, true, false or null ({"id":7,"type":"check","text":"..."}).
// nlohmann's parser spends most of a request's parse copying each character into its error
// context; this one reads such a message in one pass. Anything outside that shape (nesting,
// fractions, \u escapes, too many digits, any doubt at all) gives std::nullopt, and the caller
// parses the text with nlohmann as before, so a hostile message meets the same checks it
// always met. For every text it accepts, it gives exactly what
// `nlohmann::json::parse(text)` gives: the same members, values and number types
// (tests/host/util/flat_json_test.cpp compares the two on random and mutated messages).
//
// It builds no JSON tree either: a `check` is answered from the members as they are
// (protocol/request.hpp), since building and freeing a tree cost about a quarter of a check.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace handleguard::util {

struct FlatValue {
  enum class Kind : std::uint8_t { null, boolean, integer, unsigned_integer, string };
  Kind kind = Kind::null;
  bool boolean = false;
  std::int64_t integer = 0;            // Kind::integer: a negative number (as nlohmann types it)
  std::uint64_t unsigned_integer = 0;  // Kind::unsigned_integer: a number without a sign
  std::string_view text;               // Kind::string, unescaped (valid while its FlatObject and message live)
};

// The members of one flat object. Views point into the message (strings without escapes) or
// into the object (unescaped strings): keep both alive while using them.
class FlatObject {
public:
  FlatObject() = default;
  FlatObject(FlatObject &&) = default; // moves the buffer the views point into
  FlatObject &operator=(FlatObject &&) = default;
  FlatObject(const FlatObject &) = delete; // a copy's views would point into the original
  FlatObject &operator=(const FlatObject &) = delete;

  // The member named `name` (the last one when repeated, as nlohmann keeps it), or nullptr.
  [[nodiscard]] const FlatValue *find(std::string_view name) const;
  // The first key that appears more than once (compared unescaped), if any. JSON parsers
  // disagree on which of two equal keys counts, so a caller that must not guess refuses these.
  [[nodiscard]] std::optional<std::string_view> repeated_key() const;
  [[nodiscard]] nlohmann::json to_json() const;

private:
  friend std::optional<FlatObject> parse_flat_json_object(std::string_view text);
  struct Member {
    std::string_view key;
    FlatValue value;
  };
  std::vector<Member> members_;
  std::string unescaped_; // reserved to the message's size up front, so views into it stay put
};

[[nodiscard]] std::optional<FlatObject> parse_flat_json_object(std::string_view text);

} // namespace handleguard::util
