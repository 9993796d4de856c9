#pragma once
// Keeps the policy in force for a long-running host: loads it, notices when the file changes,
// and keeps the last good policy when a changed one is invalid (reporting why).
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "policy/policy_cache.hpp"
#include "rules/engine.hpp"
#include "signing/policy_gate.hpp"
#include "util/file_watch.hpp"

namespace handleguard::policy {

struct PolicyStatus {
  bool loaded = false;         // a good policy is in force
  std::string path;
  std::int64_t serial = 0;
  std::size_t accounts = 0;
  std::string error;           // why the newest file was refused; empty when it was accepted
  std::string warning;         // e.g. the policy expires soon; empty when nothing to say
  std::string signer;          // minisign key id of the policy in force, when signed
};

class PolicySource {
public:
  // With a `gate`, every file must pass it (signature, rollback, expiry) before it is parsed.
  // With a `cache`, an unchanged policy is loaded from it instead of its JSON (policy_cache.hpp).
  explicit PolicySource(std::filesystem::path path, std::shared_ptr<const signing::PolicyGate> gate = nullptr,
                        std::optional<PolicyCache> cache = std::nullopt);

  // Re-reads the file when its identity (inode, size, mtime) changed since the last look.
  void refresh();
  // Safe from any thread (the audit forwarder reads the policy's audit settings on its own).
  [[nodiscard]] std::shared_ptr<const rules::RuleEngine> engine() const { return engine_.load(); }
  [[nodiscard]] PolicyStatus status() const;
  // Whether the policy in force was loaded from the cache (tests, benchmarks).
  [[nodiscard]] bool loaded_from_cache() const { return from_cache_; }

private:
  struct FileStamp {
    std::uintmax_t inode = 0, size = 0;
    std::int64_t mtime_ns = 0;
    bool exists = false;
    bool operator==(const FileStamp &) const = default;
  };
  [[nodiscard]] FileStamp stamp() const;

  std::filesystem::path path_;
  std::optional<FileStamp> last_stamp_;
  util::FileWatch::Ticket watch_ticket_;
  std::optional<std::uint64_t> seen_changes_; // of path_, when watched (util/file_watch.hpp)
  std::atomic<std::shared_ptr<const rules::RuleEngine>> engine_;
  std::string error_;
  std::shared_ptr<const signing::PolicyGate> gate_;
  std::optional<signing::PolicyAcceptance> accepted_; // of the policy in force, when gated
  std::optional<PolicyCache> cache_;
  bool from_cache_ = false;
  void enforce_expiry();
};

} // namespace handleguard::policy
