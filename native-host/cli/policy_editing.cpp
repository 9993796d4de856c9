#include "policy_editing.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

#include "policy/model.hpp"
#include "util/message_excerpt.hpp"

namespace handleguard::cli {

namespace {
constexpr auto lock_patience = std::chrono::seconds(10);
} // namespace

// Locks the folder, not the file: each save replaces the file by rename.
FolderLock lock_policy_folder(const std::filesystem::path &policy_file) {
  const auto folder = policy_file.has_parent_path() ? policy_file.parent_path() : std::filesystem::path("."); // `policy sign x.json`
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return FolderLock(-1); // no folder, no policy: loading it says so
  FolderLock lock(fd);
  const auto give_up = std::chrono::steady_clock::now() + lock_patience;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      throw CliError(exit_code::cant_create, policy_file.string() + ": cannot lock its folder: " + std::strerror(errno));
    }
    if (std::chrono::steady_clock::now() >= give_up) {
      throw CliError(exit_code::cant_create, policy_file.string() + ": another handleguard command is still editing it",
                     "run the command again when that one has finished");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return lock;
}

void require_unchanged(const std::filesystem::path &path, const util::FileStamp &before, const std::string &what) {
  if (util::stamp_of(path) != before) {
    throw CliError(exit_code::cant_create, path.string() + ": changed by another program meanwhile; " + what + " was not written",
                   "run the command again");
  }
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_); // closing the last descriptor releases the flock
}

PolicyEdit open_policy(const Context &context) {
  const auto path = context.paths.policy_file();
  FolderLock lock = lock_policy_folder(path);
  const util::FileStamp stamp = util::stamp_of(path); // before reading: a change while reading shows at save
  auto document = policy::PolicyDocument::load(path);
  if (!document) {
    // `policy init --force` would cure a broken policy by dropping every account in it.
    throw CliError(exit_code::config, document.error(),
                   stamp.state == util::FileStamp::State::missing ? "create one with `handleguard policy init`"
                                                                 : "repair it first; `handleguard policy validate` lists every problem");
  }
  return {std::move(*document), std::move(lock), stamp};
}

void save_policy(PolicyEdit &document) {
  // Another program (an admin's copy, a deployment) may have replaced the file; handleguard's
  // own commands wait for the lock instead.
  require_unchanged(document.path(), document.stamp, "the change");
  if (auto saved = document.save(); !saved) {
    const bool invalid = saved.error().kind == policy::SaveError::Kind::invalid;
    throw CliError(invalid ? exit_code::data_error : exit_code::cant_create, saved.error().message, "nothing was written");
  }
}

std::string checked_handle(const std::string &raw) {
  auto handle = policy::normalize_handle(raw);
  if (!handle) throw CliError(exit_code::usage, "\"" + util::message_excerpt(raw) + "\" is not an X handle", "1-15 letters, digits or _, e.g. @acme");
  return *handle;
}

nlohmann::json &account_json(policy::PolicyDocument &document, const std::string &handle) {
  auto &accounts = document.json()["accounts"];
  for (auto &account : accounts) {
    if (account.is_object() && account.contains("handle") && account["handle"].is_string() &&
        policy::normalize_handle(account["handle"].get<std::string>()) == handle) {
      return account;
    }
  }
  throw CliError(exit_code::data_error, "@" + handle + " is not in the policy", "see `handleguard account list`");
}

} // namespace handleguard::cli
