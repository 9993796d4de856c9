#pragma once
// Keeps the policy in force for a long-running host: loads it, notices when the file changes,
// and keeps the last good policy when a changed one is invalid (reporting why).
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "rules/engine.hpp"

namespace handleguard::policy {

struct PolicyStatus {
  bool loaded = false;         // a good policy is in force
  std::string path;
  std::int64_t serial = 0;
  std::size_t accounts = 0;
  std::string error;           // why the newest file was refused; empty when it was accepted
};

class PolicySource {
public:
  explicit PolicySource(std::filesystem::path path);

  // Re-reads the file when its identity (inode, size, mtime) changed since the last look.
  void refresh();
  [[nodiscard]] std::shared_ptr<const rules::RuleEngine> engine() const { return engine_; }
  [[nodiscard]] PolicyStatus status() const;

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
  std::shared_ptr<const rules::RuleEngine> engine_;
  std::string error_;
};

} // namespace handleguard::policy
