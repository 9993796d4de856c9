#pragma once
// Checkpoints of the audit log in the C2SP tlog-checkpoint format, signed as C2SP signed notes
// (Ed25519, the key format of golang.org/x/mod/sumdb/note), so standard transparency-log
// tooling can read them. See docs/audit.md.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "audit/merkle.hpp"
#include "signing/secret_bytes.hpp"

namespace handleguard::audit {

struct Checkpoint {
  std::string origin;
  std::uint64_t size = 0;
  Hash root{};
  bool operator==(const Checkpoint &) const = default;
};

// "<origin>\n<size>\n<base64 root>\n"
[[nodiscard]] std::string checkpoint_body(const Checkpoint &checkpoint);

// Who may sign notes: "<name>+<key hash hex>+<base64(0x01 || Ed25519 public key)>".
struct NoteVerifier {
  std::string name;
  std::uint32_t key_hash = 0;
  std::array<unsigned char, 32> public_key{};
  [[nodiscard]] std::string text() const;
};
[[nodiscard]] std::expected<NoteVerifier, std::string> parse_note_verifier(std::string_view text);

class NoteSigner {
public:
  // Reads the per-workstation key at `path` ("PRIVATE+KEY+<name>+<hash>+<base64>"), creating it
  // (0600, first writer wins when several processes race) with `name` when absent.
  [[nodiscard]] static std::expected<NoteSigner, std::string> load_or_create(const std::filesystem::path &path,
                                                                             std::string_view name);
  [[nodiscard]] static std::expected<NoteSigner, std::string> parse(std::string_view key_text);

  // Returns `body` followed by a blank line and this key's signature line.
  [[nodiscard]] std::string sign(std::string_view body) const;
  [[nodiscard]] const NoteVerifier &verifier() const { return verifier_; }
  // A key derived from the secret for keyed hashes of post text (never the signing key itself).
  [[nodiscard]] std::array<unsigned char, 32> derived_key(std::string_view purpose) const;

private:
  NoteVerifier verifier_;
  std::shared_ptr<signing::SecretBytes> secret_; // 64-byte Ed25519 secret key
};

// Verifies the note's signature by `verifier` and parses its checkpoint body.
[[nodiscard]] std::expected<Checkpoint, std::string> open_checkpoint(std::string_view note, const NoteVerifier &verifier);

// Splits text holding several notes (blank lines between them), or JSON lines carrying a
// "checkpoint" field (as forwarded to syslog), into single notes.
[[nodiscard]] std::vector<std::string> split_notes(std::string_view text);

} // namespace handleguard::audit
