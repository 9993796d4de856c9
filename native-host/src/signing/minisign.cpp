#include "signing/minisign.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include <sodium.h>

#include "signing/encoding.hpp"

namespace handleguard::signing {

namespace {
constexpr std::string_view untrusted_prefix = "untrusted comment: ";
constexpr std::string_view trusted_prefix = "trusted comment: ";
constexpr std::size_t public_key_bytes = 2 + 8 + 32;
constexpr std::size_t signature_bytes = 2 + 8 + 64;
// sig_alg, kdf_alg, chk_alg, salt, opslimit, memlimit, then keynum (8) + sk (64) + chk (32).
constexpr std::size_t salt_offset = 6;
constexpr std::size_t opslimit_offset = salt_offset + crypto_pwhash_scryptsalsa208sha256_SALTBYTES;
constexpr std::size_t memlimit_offset = opslimit_offset + 8;
constexpr std::size_t keynum_sk_offset = memlimit_offset + 8;
constexpr std::size_t keynum_sk_bytes = 8 + crypto_sign_SECRETKEYBYTES + crypto_generichash_BYTES;
constexpr std::size_t secret_key_bytes = keynum_sk_offset + keynum_sk_bytes;

std::uint64_t load_le64(const unsigned char *bytes) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8U) | bytes[i];
  return value;
}

void store_le64(unsigned char *bytes, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(value >> (8U * static_cast<unsigned>(i)));
}

// Splits into lines without their "\n" or "\r\n".
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool is_one_line(std::string_view comment) { return comment.find_first_of("\r\n") == std::string_view::npos; }

// The checksum minisign keeps inside the secret key: BLAKE2b-256(sig_alg || keynum || sk).
void secret_key_checksum(const unsigned char *sig_alg, const unsigned char *keynum, const unsigned char *sk,
                         unsigned char *out) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  crypto_generichash_update(&state, sig_alg, 2);
  crypto_generichash_update(&state, keynum, 8);
  crypto_generichash_update(&state, sk, crypto_sign_SECRETKEYBYTES);
  crypto_generichash_final(&state, out, crypto_generichash_BYTES);
}

// XORs `data` with the scrypt stream minisign derives from the password.
bool apply_kdf_stream(unsigned char *data, std::string_view password, const unsigned char *salt,
                      std::uint64_t opslimit, std::uint64_t memlimit) {
  SecretBytes stream(keynum_sk_bytes);
  if (crypto_pwhash_scryptsalsa208sha256(stream.data(), keynum_sk_bytes, password.data(), password.size(), salt,
                                         opslimit, static_cast<std::size_t>(memlimit)) != 0) {
    return false;
  }
  for (std::size_t i = 0; i < keynum_sk_bytes; ++i) data[i] ^= stream.data()[i];
  return true;
}

std::optional<std::vector<unsigned char>> base64_line_after_comment(std::string_view text) {
  const auto lines = lines_of(text);
  for (const auto line : lines) {
    if (line.empty() || line.starts_with(untrusted_prefix)) continue;
    return from_base64(line);
  }
  return std::nullopt;
}
} // namespace

std::string PublicKey::id_text() const {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016" PRIX64, load_le64(key_id.data()));
  return buffer;
}

std::string PublicKey::base64() const {
  std::array<unsigned char, public_key_bytes> raw{'E', 'd'};
  std::ranges::copy(key_id, raw.begin() + 2);
  std::ranges::copy(key, raw.begin() + 10);
  return to_base64(raw);
}

std::string PublicKey::file_text() const {
  return std::string(untrusted_prefix) + "minisign public key " + id_text() + "\n" + base64() + "\n";
}

std::expected<PublicKey, std::string> parse_public_key(std::string_view text) {
  const auto raw = base64_line_after_comment(text);
  if (!raw || raw->size() != public_key_bytes) return std::unexpected("not a minisign public key");
  if ((*raw)[0] != 'E' || (*raw)[1] != 'd') return std::unexpected("unsupported public key algorithm");
  PublicKey key;
  std::copy_n(raw->begin() + 2, 8, key.key_id.begin());
  std::copy_n(raw->begin() + 10, 32, key.key.begin());
  return key;
}

PublicKey SecretKey::public_key() const {
  PublicKey result;
  result.key_id = key_id;
  crypto_sign_ed25519_sk_to_pk(result.key.data(), key->data());
  return result;
}

bool secret_key_is_encrypted(std::string_view text) {
  const auto raw = base64_line_after_comment(text);
  return raw && raw->size() == secret_key_bytes && (*raw)[2] == 'S' && (*raw)[3] == 'c';
}

std::expected<GeneratedKeyPair, std::string> generate_key_pair(std::string_view password, bool encrypt,
                                                               KdfStrength strength) {
  if (!sodium_ready()) return std::unexpected("libsodium could not be initialised");
  SecretBytes raw(secret_key_bytes);
  std::memset(raw.data(), 0, raw.size());
  unsigned char *bytes = raw.data();
  bytes[0] = 'E';
  bytes[1] = 'd';
  bytes[4] = 'B';
  bytes[5] = '2';
  unsigned char *keynum = bytes + keynum_sk_offset;
  unsigned char *sk = keynum + 8;
  unsigned char *checksum = sk + crypto_sign_SECRETKEYBYTES;
  randombytes_buf(keynum, 8);
  PublicKey public_key;
  if (crypto_sign_keypair(public_key.key.data(), sk) != 0) return std::unexpected("key generation failed");
  std::copy_n(keynum, 8, public_key.key_id.begin());
  secret_key_checksum(bytes, keynum, sk, checksum);
  if (encrypt) {
    bytes[2] = 'S';
    bytes[3] = 'c';
    randombytes_buf(bytes + salt_offset, crypto_pwhash_scryptsalsa208sha256_SALTBYTES);
    const bool sensitive = strength == KdfStrength::sensitive;
    const std::uint64_t opslimit = sensitive ? crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE
                                             : crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_INTERACTIVE;
    const std::uint64_t memlimit = sensitive ? crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE
                                             : crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE;
    store_le64(bytes + opslimit_offset, opslimit);
    store_le64(bytes + memlimit_offset, memlimit);
    if (!apply_kdf_stream(keynum, password, bytes + salt_offset, opslimit, memlimit)) {
      return std::unexpected("the key derivation ran out of memory");
    }
  }
  GeneratedKeyPair pair;
  pair.public_key = public_key;
  pair.public_file = public_key.file_text();
  pair.secret_file = std::string(untrusted_prefix) + (encrypt ? "minisign encrypted secret key" : "minisign secret key") +
                     "\n" + to_base64(raw.bytes()) + "\n";
  return pair;
}

std::expected<SecretKey, std::string> parse_secret_key(std::string_view text, std::string_view password) {
  if (!sodium_ready()) return std::unexpected("libsodium could not be initialised");
  auto decoded = base64_line_after_comment(text);
  if (!decoded || decoded->size() != secret_key_bytes) return std::unexpected("not a minisign secret key");
  SecretBytes raw(secret_key_bytes);
  std::ranges::copy(*decoded, raw.data());
  sodium_memzero(decoded->data(), decoded->size());
  unsigned char *bytes = raw.data();
  if (bytes[0] != 'E' || bytes[1] != 'd') return std::unexpected("unsupported secret key algorithm");
  if (bytes[4] != 'B' || bytes[5] != '2') return std::unexpected("unsupported secret key checksum");
  unsigned char *keynum = bytes + keynum_sk_offset;
  const bool encrypted = bytes[2] == 'S' && bytes[3] == 'c';
  if (encrypted) {
    if (!apply_kdf_stream(keynum, password, bytes + salt_offset, load_le64(bytes + opslimit_offset),
                          load_le64(bytes + memlimit_offset))) {
      return std::unexpected("the key derivation ran out of memory");
    }
  } else if (bytes[2] != 0 || bytes[3] != 0) {
    return std::unexpected("unsupported key derivation");
  }
  unsigned char *sk = keynum + 8;
  const unsigned char *stored_checksum = sk + crypto_sign_SECRETKEYBYTES;
  // `minisign -G -W` leaves the checksum of an unencrypted key zero; an encrypted one always has it.
  if (encrypted || !sodium_is_zero(stored_checksum, crypto_generichash_BYTES)) {
    unsigned char expected_checksum[crypto_generichash_BYTES];
    secret_key_checksum(bytes, keynum, sk, expected_checksum);
    if (sodium_memcmp(expected_checksum, stored_checksum, crypto_generichash_BYTES) != 0) {
      return std::unexpected(encrypted ? "wrong password for this secret key" : "the secret key is corrupt");
    }
  }
  // libsodium's secret key is seed || public key: both halves must agree.
  unsigned char derived_public[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_ed25519_sk_to_pk(derived_public, sk);
  SecretBytes check(crypto_sign_SECRETKEYBYTES);
  unsigned char rebuilt_public[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(rebuilt_public, check.data(), sk);
  if (sodium_memcmp(derived_public, rebuilt_public, crypto_sign_PUBLICKEYBYTES) != 0) {
    return std::unexpected(encrypted ? "wrong password for this secret key" : "the secret key is corrupt");
  }
  SecretKey key;
  std::copy_n(keynum, 8, key.key_id.begin());
  key.key = std::make_unique<SecretBytes>(crypto_sign_SECRETKEYBYTES);
  std::copy_n(sk, crypto_sign_SECRETKEYBYTES, key.key->data());
  return key;
}

std::expected<std::string, std::string> sign(std::span<const unsigned char> message, const SecretKey &key,
                                             std::string_view trusted_comment, std::string_view untrusted_comment) {
  if (!sodium_ready()) return std::unexpected("libsodium could not be initialised");
  if (!is_one_line(trusted_comment) || !is_one_line(untrusted_comment)) {
    return std::unexpected("comments must be a single line");
  }
  unsigned char hash[crypto_generichash_BYTES_MAX];
  crypto_generichash(hash, sizeof hash, message.data(), message.size(), nullptr, 0);
  std::array<unsigned char, signature_bytes> signature{'E', 'D'};
  std::ranges::copy(key.key_id, signature.begin() + 2);
  crypto_sign_detached(signature.data() + 10, nullptr, hash, sizeof hash, key.key->data());
  std::vector<unsigned char> global(signature.begin() + 10, signature.end());
  global.insert(global.end(), trusted_comment.begin(), trusted_comment.end());
  unsigned char global_signature[crypto_sign_BYTES];
  crypto_sign_detached(global_signature, nullptr, global.data(), global.size(), key.key->data());
  std::string text = std::string(untrusted_prefix) + std::string(untrusted_comment) + "\n" + to_base64(signature) +
                     "\n" + std::string(trusted_prefix) + std::string(trusted_comment) + "\n" +
                     to_base64(global_signature) + "\n";
  // Check our own output before handing it over.
  const PublicKey public_key = key.public_key();
  if (auto check = verify(message, text, std::span(&public_key, 1)); !check) {
    return std::unexpected("the new signature does not verify: " + check.error());
  }
  return text;
}

std::expected<VerifiedSignature, std::string> verify(std::span<const unsigned char> message,
                                                     std::string_view minisig_text,
                                                     std::span<const PublicKey> trusted) {
  if (!sodium_ready()) return std::unexpected("libsodium could not be initialised");
  const auto lines = lines_of(minisig_text);
  if (lines.size() < 4 || !lines[0].starts_with(untrusted_prefix) || !lines[2].starts_with(trusted_prefix)) {
    return std::unexpected("not a minisign signature file");
  }
  for (std::size_t i = 4; i < lines.size(); ++i) {
    if (!lines[i].empty()) return std::unexpected("unexpected text after the signature");
  }
  const auto signature = from_base64(lines[1]);
  const auto global_signature = from_base64(lines[3]);
  if (!signature || signature->size() != signature_bytes || !global_signature ||
      global_signature->size() != crypto_sign_BYTES) {
    return std::unexpected("malformed signature");
  }
  const bool prehashed = (*signature)[0] == 'E' && (*signature)[1] == 'D';
  const bool legacy = (*signature)[0] == 'E' && (*signature)[1] == 'd';
  if (!prehashed && !legacy) return std::unexpected("unsupported signature algorithm");
  KeyId key_id{};
  std::copy_n(signature->begin() + 2, 8, key_id.begin());
  const auto signer = std::ranges::find(trusted, key_id, &PublicKey::key_id);
  if (signer == trusted.end()) {
    PublicKey unknown;
    unknown.key_id = key_id;
    return std::unexpected("signed with key " + unknown.id_text() + ", which is not trusted");
  }
  const unsigned char *ed25519 = signature->data() + 10;
  int status = 0;
  if (prehashed) {
    unsigned char hash[crypto_generichash_BYTES_MAX];
    crypto_generichash(hash, sizeof hash, message.data(), message.size(), nullptr, 0);
    status = crypto_sign_verify_detached(ed25519, hash, sizeof hash, signer->key.data());
  } else {
    status = crypto_sign_verify_detached(ed25519, message.data(), message.size(), signer->key.data());
  }
  if (status != 0) return std::unexpected("the signature does not match the file (changed after signing?)");
  const std::string_view trusted_comment = lines[2].substr(trusted_prefix.size());
  std::vector<unsigned char> global(ed25519, ed25519 + crypto_sign_BYTES);
  global.insert(global.end(), trusted_comment.begin(), trusted_comment.end());
  if (crypto_sign_verify_detached(global_signature->data(), global.data(), global.size(), signer->key.data()) != 0) {
    return std::unexpected("the trusted comment was changed after signing");
  }
  return VerifiedSignature{*signer, std::string(trusted_comment), prehashed};
}

} // namespace handleguard::signing
