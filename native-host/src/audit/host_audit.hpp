#pragma once
// Everything a host process needs for its audit trail, set up in one place: the store (or, when
// it cannot be opened, a sink that holds every post), forwarding and response commands from
// audit.json, the heartbeat, and the host_start / host_stop events.
#include <memory>
#include <optional>
#include <string>

#include "audit/audit_store.hpp"
#include "audit/forwarder.hpp"
#include "audit/heartbeat.hpp"
#include "config/paths.hpp"

namespace handleguard::audit {

class HostAudit {
public:
  // Problems (no store, bad audit.json) are reported through `warnings` (for stderr), never thrown.
  HostAudit(const config::Paths &paths, const std::string &caller, std::string &warnings);
  ~HostAudit();
  HostAudit(const HostAudit &) = delete;
  HostAudit &operator=(const HostAudit &) = delete;

  [[nodiscard]] EventSink &events() { return store_ ? static_cast<EventSink &>(*store_) : unavailable_; }
  // Records host_stop with the exit `status`; called once the loop ended.
  void stopped(int status);

private:
  std::unique_ptr<AuditStore> store_;
  UnavailableEventSink unavailable_;
  std::unique_ptr<Forwarder> forwarder_;
  std::unique_ptr<Heartbeat> heartbeat_;
  bool stop_recorded_ = false;
};

} // namespace handleguard::audit
