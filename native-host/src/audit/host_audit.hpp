#pragma once
// Everything a host process needs for its audit trail, set up in one place: the store (or, when
// it cannot be opened, a sink that holds every post), forwarding and response commands from
// audit.json and the policy's signed `audit` section (followed as the policy changes), the
// heartbeat, and the host_start / host_stop events.
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "audit/audit_store.hpp"
#include "audit/forwarder.hpp"
#include "audit/heartbeat.hpp"
#include "config/paths.hpp"
#include "policy/policy_source.hpp"

namespace handleguard::audit {

class HostAudit {
public:
  // Problems (no store, bad audit.json) are reported through `warnings` (for stderr), never thrown.
  HostAudit(const config::Paths &paths, const std::string &caller, const policy::PolicySource &policy_source,
            std::string &warnings);
  ~HostAudit();
  HostAudit(const HostAudit &) = delete;
  HostAudit &operator=(const HostAudit &) = delete;

  [[nodiscard]] EventSink &events() { return store_ ? static_cast<EventSink &>(*store_) : unavailable_; }
  // Commits host_start (queued by the constructor) now: for a host that would otherwise wait
  // for input with it uncommitted. Problems go to `warnings`.
  void commit_start(std::string &warnings);
  // Records host_stop with the exit `status`; called once the loop ended.
  void stopped(int status);

private:
  // Reconfigures the forwarder when the policy in force changed since the last commit.
  void follow_policy();

  const policy::PolicySource &policy_source_;
  AuditConfig install_config_; // audit.json
  std::unique_ptr<AuditStore> store_;
  UnavailableEventSink unavailable_;
  std::unique_ptr<Forwarder> forwarder_;
  std::unique_ptr<Heartbeat> heartbeat_;
  std::mutex policy_mutex_;
  std::shared_ptr<const rules::RuleEngine> policy_seen_; // keeps its address from being reused
  bool stop_recorded_ = false;
};

// The forwarding settings in force for `paths` and the policy `engine` (may be null).
[[nodiscard]] AuditConfig effective_audit_config(const AuditConfig &install, const rules::RuleEngine *engine);

} // namespace handleguard::audit
