#pragma once
// Emergency locks set on this workstation with `handleguard lockdown HANDLE --reason …`: every
// post from a locked account is blocked at once, without waiting for a signed policy change.
// Kept in <state>/lockdowns.json. A local user can remove it (see docs/threat-model.md: the
// signed policy's lockdown rule is the control that cannot be undone locally).
#include <expected>
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "rules/verdict.hpp"
#include "util/file_stamp.hpp"

namespace handleguard::lockdown {

struct Lock {
  std::string reason;
  std::string since; // UTC
  std::string by;    // OS user who set it
};

// Missing file = no locks; an unreadable or malformed file is an error (callers fail closed).
[[nodiscard]] std::expected<std::map<std::string, Lock>, std::string> load_locks(const std::filesystem::path &file);
[[nodiscard]] std::expected<void, std::string> save_locks(const std::filesystem::path &file,
                                                          const std::map<std::string, Lock> &locks);

using Locks = std::map<std::string, Lock>;

// The host's view of the lockdown list, checked on every check: read again whenever the file's
// stamp changed (util/file_stamp.hpp), so a lock set with `handleguard lockdown` holds the very
// next check, without reading and parsing the file for every post. A file that cannot be read
// is tried again on every check.
class LockdownList {
public:
  explicit LockdownList(std::filesystem::path file) : file_(std::move(file)) {}
  [[nodiscard]] const std::expected<Locks, std::string> &current() {
    return file_.get([](const std::filesystem::path &path) { return load_locks(path); },
                     [](const std::expected<Locks, std::string> &locks) { return locks.has_value(); });
  }

private:
  util::StampedFile<std::expected<Locks, std::string>> file_;
};

// Turns `reply` (a check verdict) into a block when `handle` is locked here, or when the locks
// (LockdownList::current()) could not be read. Returns the reply unchanged otherwise.
[[nodiscard]] nlohmann::json apply_local_lockdown(const std::expected<Locks, std::string> &locks, std::string_view handle,
                                                  nlohmann::json reply);
// The same for a verdict not yet written as JSON (the host's `check`).
void apply_local_lockdown(const std::expected<Locks, std::string> &locks, std::string_view handle, rules::Verdict &verdict);

} // namespace handleguard::lockdown
