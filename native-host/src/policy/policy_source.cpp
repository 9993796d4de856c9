#include "policy/policy_source.hpp"

#include <sys/stat.h>

#include "policy/parse.hpp"

namespace handleguard::policy {

PolicySource::PolicySource(std::filesystem::path path) : path_(std::move(path)) { refresh(); }

PolicySource::FileStamp PolicySource::stamp() const {
  struct stat info {};
  if (::stat(path_.c_str(), &info) != 0) return {};
  return {static_cast<std::uintmax_t>(info.st_ino), static_cast<std::uintmax_t>(info.st_size),
          static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec, true};
}

void PolicySource::refresh() {
  const FileStamp now = stamp();
  if (last_stamp_ && *last_stamp_ == now) return;
  last_stamp_ = now;
  auto loaded = load_policy_file(path_);
  if (!loaded) {
    error_ = engine_ ? loaded.error() + " (the last good policy stays in force)" : loaded.error();
    return;
  }
  engine_ = std::make_shared<const rules::RuleEngine>(std::move(*loaded));
  error_.clear();
}

PolicyStatus PolicySource::status() const {
  PolicyStatus status;
  status.loaded = engine_ != nullptr;
  status.path = path_.string();
  status.error = error_;
  if (engine_) {
    status.serial = engine_->policy().serial;
    status.accounts = engine_->policy().accounts.size();
  }
  return status;
}

} // namespace handleguard::policy
