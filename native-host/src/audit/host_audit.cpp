#include "audit/host_audit.hpp"

#include "audit/audit_config.hpp"

namespace handleguard::audit {

HostAudit::HostAudit(const config::Paths &paths, const std::string &caller, std::string &warnings) {
  auto store = AuditStore::open(paths);
  if (!store) {
    warnings += "the audit log cannot be opened, so every post is held: " + store.error() + "\n";
    return;
  }
  store_ = std::move(*store);
  auto config = load_audit_config(paths);
  if (!config) {
    warnings += config.error() + " (events are stored but not forwarded)\n";
    config = AuditConfig{};
    store_->enqueue({"host_error", {{"error", config.error()}}});
  }
  forwarder_ = std::make_unique<Forwarder>(*config, *store_);
  forwarder_->attach(*store_);
  if (!store_->record({"host_start", {{"caller", caller}, {"version", HANDLEGUARD_VERSION}}})) {
    warnings += "the audit log refused the host_start event: " + store_->last_error() + "\n";
  }
  heartbeat_ = std::make_unique<Heartbeat>(*store_, config->heartbeat);
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
