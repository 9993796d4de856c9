#include "policy/passphrase.hpp"

#include <array>
#include <cstring>

#include <sodium.h>

namespace handleguard::policy {

std::expected<std::string, std::string> hash_passphrase(std::string_view passphrase) {
  if (sodium_init() < 0) return std::unexpected("libsodium could not be initialised");
  if (passphrase.size() < min_passphrase_length) {
    return std::unexpected("a supervisor passphrase needs at least " + std::to_string(min_passphrase_length) +
                           " characters: its hash is readable by staff, so a short one can be guessed offline");
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), passphrase.data(), passphrase.size(), crypto_pwhash_OPSLIMIT_MODERATE,
                            crypto_pwhash_MEMLIMIT_MODERATE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return std::unexpected("hashing the passphrase ran out of memory");
  }
  return std::string(out.data());
}

bool verify_passphrase(const std::string &hash, std::string_view passphrase) {
  if (sodium_init() < 0 || !is_argon2id_hash(hash)) return false;
  // Copy into guarded memory so the passphrase is wiped after use.
  char *secret = static_cast<char *>(sodium_malloc(passphrase.size() + 1));
  if (secret == nullptr) return false;
  std::memcpy(secret, passphrase.data(), passphrase.size());
  secret[passphrase.size()] = '\0';
  const bool ok = crypto_pwhash_str_verify(hash.c_str(), secret, passphrase.size()) == 0;
  sodium_free(secret);
  return ok;
}

bool is_argon2id_hash(std::string_view text) { return text.starts_with("$argon2id$v=19$") && text.size() < crypto_pwhash_STRBYTES; }

} // namespace handleguard::policy
