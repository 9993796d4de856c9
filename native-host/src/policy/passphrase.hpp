#pragma once
// Supervisor passphrases: stored only as Argon2id hashes (libsodium crypto_pwhash_str), which
// staff can read, so the cost parameters are set to make guessing a real passphrase slow.
#include <expected>
#include <string>
#include <string_view>

namespace handleguard::policy {

inline constexpr std::size_t min_passphrase_length = 12; // not a PIN: the hash is readable by staff

[[nodiscard]] std::expected<std::string, std::string> hash_passphrase(std::string_view passphrase);
[[nodiscard]] bool verify_passphrase(const std::string &hash, std::string_view passphrase);
[[nodiscard]] bool is_argon2id_hash(std::string_view text);

} // namespace handleguard::policy
