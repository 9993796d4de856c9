#pragma once
// Checked access to the fields of a request: a wrong type or size becomes a RequestError,
// which the dispatcher turns into an error reply carrying the request's id.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace handleguard::protocol {

// Error codes of {"ok": false, "error": {"code", "message"}}; documented in docs/protocol.md.
namespace error_code {
inline constexpr std::string_view invalid_utf8 = "invalid_utf8";
inline constexpr std::string_view invalid_json = "invalid_json";
inline constexpr std::string_view bad_request = "bad_request";
inline constexpr std::string_view unknown_type = "unknown_type";
inline constexpr std::string_view too_large = "too_large";
inline constexpr std::string_view internal = "internal";
} // namespace error_code

struct RequestError {
  std::string_view code;
  std::string message;
};

inline constexpr std::size_t max_field_bytes = 4096;

// Returns the field, or a null json when absent.
[[nodiscard]] const nlohmann::json &field(const nlohmann::json &request, std::string_view name);
// The checks of string_field() on a value already found: `absent` when missing or null, else
// `text` (nullptr when the value is not a string). Returns the text; throws RequestError.
[[nodiscard]] std::string checked_string_field(std::string_view name, bool absent, const std::string_view *text, bool required,
                                               std::size_t max_bytes);
// Returns the string field ("" when absent and not required); throws RequestError otherwise.
[[nodiscard]] std::string string_field(const nlohmann::json &request, std::string_view name, bool required,
                                       std::size_t max_bytes = max_field_bytes);

} // namespace handleguard::protocol
