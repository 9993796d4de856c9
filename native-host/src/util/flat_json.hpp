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
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace handleguard::util {

[[nodiscard]] std::optional<nlohmann::json> parse_flat_json_object(std::string_view text);

} // namespace handleguard::util
