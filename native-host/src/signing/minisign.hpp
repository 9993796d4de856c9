#pragma once
// Keys and signatures in minisign's formats (https://jedisct1.github.io/minisign/), so an admin
// can sign a policy with `handleguard policy sign` or with `minisign -S`, and verify with either.
// Ed25519 over the BLAKE2b-512 hash of the file ("ED", what minisign 0.10+ writes); the legacy
// "Ed" form (signature over the raw file) is still verified, as minisign does.
#include <array>
#include <cstdint>
#include <expected>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "signing/secret_bytes.hpp"

namespace handleguard::signing {

using KeyId = std::array<unsigned char, 8>;

struct PublicKey {
  KeyId key_id{};
  std::array<unsigned char, 32> key{};

  // The key id as minisign prints it: the 8 bytes read as a little-endian number, upper-case hex.
  [[nodiscard]] std::string id_text() const;
  // The one base64 line (what minisign's -P takes and what trust.json lists).
  [[nodiscard]] std::string base64() const;
  // The whole .pub file: "untrusted comment: ..." and the base64 line.
  [[nodiscard]] std::string file_text() const;
  bool operator==(const PublicKey &) const = default;
};

// Accepts a .pub file's text or just its base64 line.
[[nodiscard]] std::expected<PublicKey, std::string> parse_public_key(std::string_view text);

// A decrypted secret key; the Ed25519 key lives in sodium_malloc memory.
struct SecretKey {
  KeyId key_id{};
  std::unique_ptr<SecretBytes> key; // 64 bytes, libsodium's Ed25519 secret key

  [[nodiscard]] PublicKey public_key() const;
};

enum class KdfStrength {
  sensitive,  // minisign's own parameters (scrypt, 1 GiB): what admins should use
  interactive // scrypt with 16 MiB: for tests and throw-away keys; minisign reads both
};

struct GeneratedKeyPair {
  PublicKey public_key;
  std::string public_file; // .pub text
  std::string secret_file; // .key text (encrypted unless the password is empty and `encrypt` false)
};

// Creates a key pair. With `encrypt` false the secret key is stored unencrypted, like `minisign -G -W`.
[[nodiscard]] std::expected<GeneratedKeyPair, std::string>
generate_key_pair(std::string_view password, bool encrypt, KdfStrength strength = KdfStrength::sensitive);

// Reads a .key file; `password` is ignored for unencrypted keys. Fails on a wrong password
// (checksum mismatch) or a malformed file.
[[nodiscard]] std::expected<SecretKey, std::string> parse_secret_key(std::string_view text, std::string_view password);
[[nodiscard]] bool secret_key_is_encrypted(std::string_view text);

// Returns the .minisig text for `message`. Comments must be one line each.
[[nodiscard]] std::expected<std::string, std::string> sign(std::span<const unsigned char> message, const SecretKey &key,
                                                           std::string_view trusted_comment,
                                                           std::string_view untrusted_comment = "signature from handleguard secret key");

struct VerifiedSignature {
  PublicKey signer;
  std::string trusted_comment;
  bool prehashed = true;
};

// Verifies `minisig_text` over `message` against any of `trusted` (the key id selects one);
// the trusted comment is authenticated as minisign does (global signature).
[[nodiscard]] std::expected<VerifiedSignature, std::string> verify(std::span<const unsigned char> message,
                                                                   std::string_view minisig_text,
                                                                   std::span<const PublicKey> trusted);

[[nodiscard]] inline std::span<const unsigned char> as_bytes(std::string_view text) {
  return {reinterpret_cast<const unsigned char *>(text.data()), text.size()};
}

} // namespace handleguard::signing
