// doctor: the user's keys and audit store — private, writable, readable, and the log's chain intact.
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit_store.hpp"
#include "audit/checkpoint.hpp"
#include "audit/log_verification.hpp"
#include "install/doctor_checks.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::install::detail {

namespace {
// A folder this user owns, can write, and others cannot enter; absent is fine (made on first use).
bool check_private_folder(const std::string &subject, const std::filesystem::path &folder, Lines &lines) {
  struct stat info {};
  if (::stat(folder.c_str(), &info) != 0) {
    lines.push_back({Finding::ok, subject, folder.string() + " will be created on first use", {}});
    return false;
  }
  if (!S_ISDIR(info.st_mode) || ::access(folder.c_str(), R_OK | W_OK | X_OK) != 0) {
    lines.push_back({Finding::failure, subject, folder.string() + " is not a folder this user can write",
                     "fix its owner: chown -R $USER " + folder.string()});
    return false;
  }
  if ((info.st_mode & 077U) != 0U) {
    lines.push_back({Finding::failure, subject, folder.string() + " is open to other users", "chmod 0700 " + folder.string()});
    return true;
  }
  lines.push_back({Finding::ok, subject, folder.string() + " is private and writable", {}});
  return true;
}

// The log's verifier: from the workstation key when readable, else the published .vkey.
std::expected<audit::NoteVerifier, std::string> log_verifier(const config::Paths &paths) {
  const auto key_file = paths.keys_dir() / "log-signing.note-key";
  if (auto key_text = util::read_file(key_file, 4096)) {
    auto signer = audit::NoteSigner::parse(*key_text);
    if (!signer) return std::unexpected(key_file.string() + ": " + signer.error());
    return signer->verifier();
  }
  const auto public_file = paths.keys_dir() / "log-signing.vkey";
  auto text = util::read_file(public_file, 4096);
  if (!text) return std::unexpected("neither " + key_file.string() + " nor " + public_file.string() + " can be read");
  return audit::parse_note_verifier(*text);
}
} // namespace

void check_keys(const DoctorInput &input, Lines &lines) {
  const auto folder = input.paths.keys_dir();
  if (!check_private_folder("keys", folder, lines)) return;
  std::error_code error;
  for (const auto &entry : std::filesystem::directory_iterator(folder, error)) {
    const auto &path = entry.path();
    const bool secret = path.extension() == ".key" || path.filename() == "log-signing.note-key";
    if (!secret) continue;
    if (const auto reason = open_to_others(path, 077U); !reason.empty()) {
      lines.push_back({Finding::failure, "keys", "secret key " + reason, "chmod 0600 " + path.string()});
    }
  }
  const auto note_key = folder / "log-signing.note-key";
  if (present(note_key)) {
    auto text = util::read_file(note_key, 4096);
    std::expected<audit::NoteSigner, std::string> signer = std::unexpected(text ? std::string() : text.error());
    if (text) signer = audit::NoteSigner::parse(*text);
    if (!signer) {
      lines.push_back({Finding::failure, "keys", note_key.string() + " is unusable: " + signer.error() + ": the host cannot sign the audit log",
                       "move it aside (mv " + note_key.string() + "{,.broken}); the host makes a new one, and the old log verifies with log-signing.vkey"});
      return;
    }
    lines.push_back({Finding::ok, "keys", "the audit log signing key " + note_key.string() + " is readable (" + signer->verifier().name + ")", {}});
  }
}

void check_audit_store(const DoctorInput &input, Lines &lines) {
  if (!check_private_folder("state", input.paths.state_dir, lines)) return;
  const auto db = input.paths.audit_db();
  if (!present(db)) {
    lines.push_back({Finding::ok, "audit store", db.string() + " will be created when the host first runs", {}});
    return;
  }
  if (::access(db.c_str(), R_OK | W_OK) != 0) {
    lines.push_back({Finding::failure, "audit store", db.string() + " is not writable by this user: the host blocks every post",
                     "fix its owner: chown $USER " + db.string()});
    return;
  }
  if (const auto reason = open_to_others(db, 077U); !reason.empty()) {
    lines.push_back({Finding::failure, "audit store", reason, "chmod 0600 " + db.string()});
  }
  auto store = audit::AuditStore::open_read_only(db);
  // SQLite opens any file lazily: reading the checkpoints shows whether it is an audit store at all.
  std::string unreadable = store ? std::string() : store.error();
  if (store) {
    if (auto checkpoints = (*store)->checkpoints(); !checkpoints) unreadable = checkpoints.error();
  }
  if (!unreadable.empty()) {
    lines.push_back({Finding::failure, "audit store", db.string() + " cannot be opened: " + unreadable,
                     "keep it for your admin and move it aside (mv " + db.string() + "{,.broken}); the host starts a new log"});
    return;
  }
  auto verifier = log_verifier(input.paths);
  if (!verifier) {
    lines.push_back({Finding::failure, "audit store", "no key to verify " + db.string() + ": " + verifier.error(),
                     "restore log-signing.vkey from a backup or your admin's copy"});
    return;
  }
  auto report = audit::verify_log(**store, *verifier);
  if (!report) {
    lines.push_back({Finding::failure, "audit store", db.string() + " does not verify: " + report.error() +
                                                          " (changed or removed since it was signed?)",
                     "keep the file as evidence and tell your admin; handleguard log verify shows the details"});
    return;
  }
  lines.push_back({Finding::ok, "audit store",
                   db.string() + ": " + std::to_string(report->entries) + " entries, chain verifies to the signed checkpoint at size " +
                       std::to_string(report->latest.size),
                   {}});
}

} // namespace handleguard::install::detail
