#pragma once
// Shared by the commands that edit the policy file (account, rule, staff).
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "policy/policy_document.hpp"
#include "util/file_stamp.hpp"

namespace handleguard::cli {

// Holds an exclusive flock(2) on a folder until it is destroyed.
class FolderLock {
public:
  explicit FolderLock(int fd) : fd_(fd) {}
  FolderLock(FolderLock &&other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FolderLock(const FolderLock &) = delete;
  FolderLock &operator=(const FolderLock &) = delete;
  FolderLock &operator=(FolderLock &&) = delete;
  ~FolderLock();

private:
  int fd_;
};

// A policy open for editing. Two commands editing at once would each write their own change
// over the other's, and both report success: so the policy's folder stays locked against other
// handleguard commands until this one is done, and the file as it was read is remembered, so
// that one replaced meanwhile by another program is not overwritten.
struct PolicyEdit : policy::PolicyDocument {
  PolicyEdit(policy::PolicyDocument document, FolderLock folder_lock, util::FileStamp read_stamp)
      : policy::PolicyDocument(std::move(document)), lock(std::move(folder_lock)), stamp(read_stamp) {}
  FolderLock lock;
  util::FileStamp stamp;
};

// Locks the folder of `policy_file` against other handleguard commands writing the policy or
// its signature there, waiting up to 10 seconds for one, never forever (exit 73 then).
[[nodiscard]] FolderLock lock_policy_folder(const std::filesystem::path &policy_file);
// Ends the command (exit 73, `what` naming the change held back) when `path` is no longer the
// file that `before` describes: another program replaced it since, and writing now would undo
// that program's change.
void require_unchanged(const std::filesystem::path &path, const util::FileStamp &before, const std::string &what);
// Loads the policy for editing; a missing or broken file, or a policy another command keeps
// editing for more than a few seconds, ends the command.
[[nodiscard]] PolicyEdit open_policy(const Context &context);
// Validates and writes it atomically, raising the serial; an invalid result, or a file changed
// since it was opened, ends the command with nothing written.
void save_policy(PolicyEdit &document);
// The normalised handle, or a usage error.
[[nodiscard]] std::string checked_handle(const std::string &raw);
// The account object of `handle` in the document, or a data error.
[[nodiscard]] nlohmann::json &account_json(policy::PolicyDocument &document, const std::string &handle);

} // namespace handleguard::cli
