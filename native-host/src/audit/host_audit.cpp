#include "audit/host_audit.hpp"

#include "audit/audit_config.hpp"

namespace handleguard::audit {

AuditConfig effective_audit_config(const AuditConfig &install, const rules::RuleEngine *engine) {
  if (engine == nullptr) return install;
  const auto &settings = engine->policy().audit;
  return with_policy_settings(install, settings.syslog, settings.commands);
}

HostAudit::HostAudit(const config::Paths &paths, const std::string &caller, const policy::PolicySource &policy_source,
                     std::string &warnings)
    : policy_source_(policy_source) {
  auto store = AuditStore::open(paths);
  if (!store) {
    warnings += "the audit log cannot be opened, so every post is held: " + store.error() + "\n";
    return;
  }
  store_ = std::move(*store);
  auto config = load_audit_config(paths);
  if (!config) {
    warnings += config.error() + " (events are stored but not forwarded)\n";
    store_->enqueue({"host_error", {{"error", config.error()}}});
    config = AuditConfig{};
  }
  install_config_ = *config;
  policy_seen_ = policy_source_.engine();
  forwarder_ = std::make_unique<Forwarder>(effective_audit_config(install_config_, policy_seen_.get()), *store_);
  store_->set_commit_listener([this](const std::vector<StoredEntry> &entries, const std::string &note) {
    follow_policy();
    forwarder_->on_commit(entries, note);
  });
  // Queued, not committed here: it joins the first commit (the first verdict's, when the
  // browser's message is already waiting, saving a start one fsync), or commit_start() while
  // the host waits for input.
  store_->enqueue({"host_start", {{"caller", caller}, {"version", HANDLEGUARD_VERSION}}});
  heartbeat_ = std::make_unique<Heartbeat>(*store_, install_config_.heartbeat);
}

void HostAudit::commit_start(std::string &warnings) {
  if (store_ && !store_->flush()) warnings += "the audit log refused the host_start event: " + store_->last_error() + "\n";
}

void HostAudit::follow_policy() {
  auto engine = policy_source_.engine();
  const std::lock_guard lock(policy_mutex_);
  if (engine == policy_seen_) return;
  forwarder_->reconfigure(effective_audit_config(install_config_, engine.get()));
  policy_seen_ = std::move(engine);
}

void HostAudit::stopped(int status) {
  if (!store_ || stop_recorded_) return;
  stop_recorded_ = true;
  heartbeat_.reset();
  (void)store_->record({"host_stop", {{"status", status}}});
}

HostAudit::~HostAudit() {
  stopped(-1);
  if (store_) store_->set_commit_listener(nullptr);
  forwarder_.reset(); // sends what is queued
}

} // namespace handleguard::audit
