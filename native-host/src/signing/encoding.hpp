#pragma once
// Base64 and hex as the signing formats use them (standard alphabet with padding).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::signing {

[[nodiscard]] std::string to_base64(std::span<const unsigned char> bytes);
// Returns nullopt unless `text` is canonical padded base64 (no spaces, nothing after it).
[[nodiscard]] std::optional<std::vector<unsigned char>> from_base64(std::string_view text);
[[nodiscard]] std::string to_hex(std::span<const unsigned char> bytes);
[[nodiscard]] std::optional<std::vector<unsigned char>> from_hex(std::string_view text);

} // namespace handleguard::signing
