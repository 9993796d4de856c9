#include "policy/policy_source.hpp"

#include <sys/stat.h>

#include "policy/parse.hpp"
#include "util/absent_file.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::policy {

PolicySource::PolicySource(std::filesystem::path path, std::shared_ptr<const signing::PolicyGate> gate,
                           std::optional<PolicyCache> cache)
    : path_(std::move(path)), gate_(std::move(gate)), cache_(std::move(cache)) {
  refresh();
}

PolicySource::FileStamp PolicySource::stamp() const {
  struct stat info {};
  if (::stat(path_.c_str(), &info) != 0) return {};
  return {static_cast<std::uintmax_t>(info.st_ino), static_cast<std::uintmax_t>(info.st_size),
          static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec, true};
}

void PolicySource::refresh() {
  // In the host, not even a stat while the policy's folder reports nothing about the file.
  const auto changes = util::FileWatch::instance().changes(path_, watch_ticket_);
  if (last_stamp_ && changes && changes == seen_changes_) {
    enforce_expiry();
    return;
  }
  seen_changes_ = changes;
  const FileStamp now = stamp();
  if (last_stamp_ && *last_stamp_ == now) {
    enforce_expiry();
    return;
  }
  last_stamp_ = now;
  // The bytes are read and parsed once: the gate checks the very bytes that are then loaded.
  std::expected<Policy, std::string> loaded = std::unexpected(std::string());
  std::expected<std::optional<signing::PolicyAcceptance>, std::string> gated = std::nullopt;
  bool from_cache = false;
  if (util::is_absent(path_)) {
    loaded = load_policy_file(path_); // names the missing file and what to do
  } else if (auto bytes = util::read_file(path_); !bytes) {
    loaded = std::unexpected(describe({{"", bytes.error(), 0, 0}}, path_.string()));
  } else if (auto cached = cache_ ? cache_->read(path_, *bytes) : std::nullopt) {
    // The same bytes were parsed and accepted before, by this build: the gate still checks them.
    if (gate_) {
      if (auto checked = gate_->check(path_, *bytes, cached->gated)) gated = std::move(*checked);
      else gated = std::unexpected(checked.error());
    }
    if (!gated) loaded = std::unexpected(gated.error());
    else loaded = std::move(cached->policy);
    from_cache = true;
  } else {
    const nlohmann::json document = nlohmann::json::parse(*bytes, nullptr, false);
    if (gate_) {
      if (auto checked = gate_->check(path_, *bytes, document)) gated = std::move(*checked);
      else gated = std::unexpected(checked.error());
    }
    if (!gated) {
      loaded = std::unexpected(gated.error());
    } else if (auto parsed = parse_policy(*bytes, document, path_.parent_path())) {
      if (cache_) cache_->write(path_, *bytes, document, *parsed);
      loaded = std::move(*parsed);
    } else {
      loaded = std::unexpected(describe(parsed.error(), path_.string()));
    }
  }
  if (loaded && gate_ && stamp() != now) loaded = std::unexpected(path_.string() + ": changed while being read");
  if (!loaded) {
    error_ = engine_.load() ? loaded.error() + " (the last good policy stays in force)" : loaded.error();
    enforce_expiry();
    return;
  }
  engine_.store(std::make_shared<const rules::RuleEngine>(std::move(*loaded)));
  from_cache_ = from_cache;
  accepted_ = std::move(*gated);
  if (gate_ && accepted_) (void)gate_->remember(*accepted_); // best effort: the audit log records serials too
  error_.clear();
}

void PolicySource::enforce_expiry() {
  if (!engine_.load() || !accepted_ || !signing::PolicyGate::has_expired(*accepted_, signing::Clock::now())) return;
  engine_.store(nullptr);
  error_ = path_.string() + ": the policy expired on " + signing::format_utc_time(*accepted_->expires) +
           "; ask your admin for a renewed policy";
}

PolicyStatus PolicySource::status() const {
  PolicyStatus status;
  const auto engine = engine_.load();
  status.loaded = engine != nullptr;
  status.path = path_.string();
  status.error = error_;
  if (accepted_) {
    status.warning = signing::PolicyGate::expiry_warning(*accepted_, signing::Clock::now());
    status.signer = accepted_->signer_key_id;
  }
  if (engine) {
    status.serial = engine->policy().serial;
    status.accounts = engine->policy().accounts.size();
  }
  return status;
}

} // namespace handleguard::policy
