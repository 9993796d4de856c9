#pragma once
// Compact JSON text of a nlohmann::json value, byte for byte what
// `value.dump(-1, ' ', false, json::error_handler_t::replace)` gives, at a fraction of its cost
// for the ASCII text that verdicts and audit entries are made of: nlohmann's serializer decodes
// every byte of every string as UTF-8, which made serializing a reply cost more than judging
// the post. Anything not plain ASCII (and floating-point numbers) is handed to nlohmann
// itself, so the output never differs (tests/host/util/json_writer_test.cpp compares both).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace handleguard::util {

// Appends the JSON text of `value` to `out`.
void append_json(std::string &out, const nlohmann::json &value);
// Appends `text` as a JSON string (quoted and escaped) to `out`.
void append_json_string(std::string &out, std::string_view text);
// The JSON text of `value`.
[[nodiscard]] std::string json_text(const nlohmann::json &value);

} // namespace handleguard::util
