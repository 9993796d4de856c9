#include "audit/checkpoint.hpp"

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "signing/encoding.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::audit {

namespace {
constexpr unsigned char ed25519_algorithm = 0x01;
constexpr std::string_view signature_prefix = "\xE2\x80\x94 "; // em dash, space

std::uint32_t compute_key_hash(std::string_view name, const std::array<unsigned char, 32> &public_key) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char *>(name.data()), name.size());
  const unsigned char separator[2] = {'\n', ed25519_algorithm};
  crypto_hash_sha256_update(&state, separator, 2);
  crypto_hash_sha256_update(&state, public_key.data(), public_key.size());
  unsigned char digest[32];
  crypto_hash_sha256_final(&state, digest);
  return (std::uint32_t{digest[0]} << 24U) | (std::uint32_t{digest[1]} << 16U) | (std::uint32_t{digest[2]} << 8U) |
         std::uint32_t{digest[3]};
}

std::string hash_hex(std::uint32_t value) {
  char buffer[9];
  std::snprintf(buffer, sizeof buffer, "%08x", value);
  return buffer;
}

bool valid_key_name(std::string_view name) {
  return !name.empty() && name.find_first_of(" +\n\t") == std::string_view::npos;
}

// Splits at `separator`, into at most `max_parts` (the last part keeps the rest: base64 may hold '+').
std::vector<std::string_view> split(std::string_view text, char separator, std::size_t max_parts = SIZE_MAX) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto at = parts.size() + 1 == max_parts ? std::string_view::npos : text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}
} // namespace

std::string checkpoint_body(const Checkpoint &checkpoint) {
  return checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" + signing::to_base64(checkpoint.root) + "\n";
}

std::string NoteVerifier::text() const {
  std::vector<unsigned char> raw{ed25519_algorithm};
  raw.insert(raw.end(), public_key.begin(), public_key.end());
  return name + "+" + hash_hex(key_hash) + "+" + signing::to_base64(raw);
}

std::expected<NoteVerifier, std::string> parse_note_verifier(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  const auto parts = split(text, '+', 3);
  if (parts.size() != 3 || !valid_key_name(parts[0]) || parts[1].size() != 8) {
    return std::unexpected("not a note verifier key (name+hash+key)");
  }
  const auto raw = signing::from_base64(parts[2]);
  if (!raw || raw->size() != 33 || (*raw)[0] != ed25519_algorithm) return std::unexpected("not an Ed25519 verifier key");
  NoteVerifier verifier;
  verifier.name = std::string(parts[0]);
  std::copy(raw->begin() + 1, raw->end(), verifier.public_key.begin());
  verifier.key_hash = compute_key_hash(verifier.name, verifier.public_key);
  if (hash_hex(verifier.key_hash) != parts[1]) return std::unexpected("the verifier key's hash does not match its key");
  return verifier;
}

std::expected<NoteSigner, std::string> NoteSigner::parse(std::string_view key_text) {
  if (!signing::sodium_ready()) return std::unexpected("libsodium could not be initialised");
  while (!key_text.empty() && (key_text.back() == '\n' || key_text.back() == '\r')) key_text.remove_suffix(1);
  const auto parts = split(key_text, '+', 5);
  if (parts.size() != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY" || !valid_key_name(parts[2])) {
    return std::unexpected("not a note signing key");
  }
  auto raw = signing::from_base64(parts[4]);
  if (!raw || raw->size() != 33 || (*raw)[0] != ed25519_algorithm) return std::unexpected("not an Ed25519 signing key");
  NoteSigner signer;
  signer.secret_ = std::make_shared<signing::SecretBytes>(crypto_sign_SECRETKEYBYTES);
  signer.verifier_.name = std::string(parts[2]);
  crypto_sign_seed_keypair(signer.verifier_.public_key.data(), signer.secret_->data(), raw->data() + 1);
  sodium_memzero(raw->data(), raw->size());
  signer.verifier_.key_hash = compute_key_hash(signer.verifier_.name, signer.verifier_.public_key);
  if (hash_hex(signer.verifier_.key_hash) != parts[3]) return std::unexpected("the signing key's hash does not match");
  return signer;
}

std::expected<NoteSigner, std::string> NoteSigner::load_or_create(const std::filesystem::path &path,
                                                                 std::string_view name) {
  if (auto existing = util::read_file(path, 4096)) return parse(*existing);
  if (!signing::sodium_ready()) return std::unexpected("libsodium could not be initialised");
  if (!valid_key_name(name)) return std::unexpected("invalid key name \"" + std::string(name) + "\"");
  signing::SecretBytes raw(33);
  raw.data()[0] = ed25519_algorithm;
  randombytes_buf(raw.data() + 1, 32);
  std::array<unsigned char, 32> public_key{};
  signing::SecretBytes secret(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(public_key.data(), secret.data(), raw.data() + 1);
  const std::string text = "PRIVATE+KEY+" + std::string(name) + "+" + hash_hex(compute_key_hash(name, public_key)) +
                           "+" + signing::to_base64(raw.bytes()) + "\n";
  // Write a private temporary file, then link() it into place: link fails when another process
  // created the key first, and then that key is the one everybody uses.
  const auto folder = path.parent_path();
  if (auto made = util::make_private_dirs(folder); !made) return std::unexpected(made.error());
  std::string temp = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return std::unexpected("cannot create " + temp + ": " + std::strerror(errno));
  const bool written = ::fchmod(fd, 0600) == 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  const bool linked = written && ::link(temp.c_str(), path.c_str()) == 0;
  const int link_errno = errno;
  ::unlink(temp.c_str());
  if (!linked && link_errno != EEXIST) return std::unexpected("cannot write " + path.string() + ": " + std::strerror(link_errno));
  auto stored = util::read_file(path, 4096);
  if (!stored) return std::unexpected(stored.error());
  return parse(*stored);
}

std::string NoteSigner::sign(std::string_view body) const {
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char *>(body.data()), body.size(),
                       secret_->data());
  std::vector<unsigned char> raw(4);
  for (unsigned i = 0; i < 4; ++i) raw[i] = static_cast<unsigned char>(verifier_.key_hash >> (24U - 8U * i));
  raw.insert(raw.end(), signature, signature + crypto_sign_BYTES);
  return std::string(body) + "\n" + std::string(signature_prefix) + verifier_.name + " " + signing::to_base64(raw) + "\n";
}

std::array<unsigned char, 32> NoteSigner::derived_key(std::string_view purpose) const {
  std::array<unsigned char, 32> key{};
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char *>(purpose.data()), purpose.size(),
                     secret_->data(), 32);
  return key;
}

std::expected<Checkpoint, std::string> open_checkpoint(std::string_view note, const NoteVerifier &verifier) {
  const auto separator = note.find("\n\n");
  if (separator == std::string_view::npos) return std::unexpected("not a signed note (no signature block)");
  const std::string_view body = note.substr(0, separator + 1);
  std::string_view signatures = note.substr(separator + 2);
  bool verified = false;
  while (!signatures.empty()) {
    const auto end = signatures.find('\n');
    if (end == std::string_view::npos) return std::unexpected("signature line without a newline");
    const std::string_view line = signatures.substr(0, end);
    signatures.remove_prefix(end + 1);
    if (!line.starts_with(signature_prefix)) return std::unexpected("malformed signature line");
    const auto fields = split(line.substr(signature_prefix.size()), ' ');
    if (fields.size() != 2) return std::unexpected("malformed signature line");
    if (fields[0] != verifier.name) continue; // another witness's signature
    const auto raw = signing::from_base64(fields[1]);
    if (!raw || raw->size() != 4 + crypto_sign_BYTES) return std::unexpected("malformed signature");
    const std::uint32_t key_hash = (std::uint32_t{(*raw)[0]} << 24U) | (std::uint32_t{(*raw)[1]} << 16U) |
                                   (std::uint32_t{(*raw)[2]} << 8U) | std::uint32_t{(*raw)[3]};
    if (key_hash != verifier.key_hash) continue;
    if (crypto_sign_verify_detached(raw->data() + 4, reinterpret_cast<const unsigned char *>(body.data()), body.size(),
                                    verifier.public_key.data()) != 0) {
      return std::unexpected("the checkpoint's signature does not verify");
    }
    verified = true;
  }
  if (!verified) return std::unexpected("the checkpoint is not signed by " + verifier.name);
  const auto lines = split(body.substr(0, body.size() - 1), '\n');
  if (lines.size() < 3 || lines[0].empty()) return std::unexpected("malformed checkpoint body");
  Checkpoint checkpoint;
  checkpoint.origin = std::string(lines[0]);
  const auto [end, error] = std::from_chars(lines[1].data(), lines[1].data() + lines[1].size(), checkpoint.size);
  if (error != std::errc() || end != lines[1].data() + lines[1].size() || lines[1].empty() ||
      (lines[1].size() > 1 && lines[1][0] == '0')) {
    return std::unexpected("malformed checkpoint size");
  }
  const auto root = signing::from_base64(lines[2]);
  if (!root || root->size() != 32) return std::unexpected("malformed checkpoint root hash");
  std::copy(root->begin(), root->end(), checkpoint.root.begin());
  return checkpoint;
}

std::vector<std::string> split_notes(std::string_view text) {
  std::vector<std::string> notes;
  std::string current;
  bool in_signatures = false;
  for (const auto line : split(text, '\n')) {
    if (const auto brace = line.find('{'); brace != std::string_view::npos && current.empty()) {
      const auto record = nlohmann::json::parse(line.substr(brace), nullptr, false);
      if (record.is_object()) {
        if (const auto note = record.find("checkpoint"); note != record.end() && note->is_string()) {
          notes.push_back(note->get<std::string>());
        }
        continue;
      }
    }
    if (in_signatures && !line.starts_with(signature_prefix)) {
      notes.push_back(std::move(current));
      current.clear();
      in_signatures = false;
    }
    if (line.empty() && current.empty()) continue;
    if (line.empty()) in_signatures = true;
    current += std::string(line) + "\n";
  }
  if (!current.empty() && in_signatures) notes.push_back(std::move(current));
  return notes;
}

} // namespace handleguard::audit
