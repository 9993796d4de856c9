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

// Turns `reply` (a check verdict) into a block when `handle` is locked here, or when the lock
// file cannot be read. Returns the reply unchanged otherwise.
[[nodiscard]] nlohmann::json apply_local_lockdown(const std::filesystem::path &file, std::string_view handle,
                                                  nlohmann::json reply);

} // namespace handleguard::lockdown
