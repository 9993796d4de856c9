#pragma once
// Answers one native message. Every input, however malformed, gets exactly one JSON reply;
// nothing here throws past handle() or writes to stdout.
#include <string_view>

#include <nlohmann/json.hpp>

#include "protocol/audit_events.hpp"
#include "protocol/host_context.hpp"
#include "protocol/reply.hpp"
#include "protocol/request_fields.hpp"

namespace handleguard::protocol {

class Dispatcher {
public:
  explicit Dispatcher(HostContext &context) : context_(context) {}

  // Returns the reply to one message body (already unframed).
  [[nodiscard]] Reply handle(std::string_view message);

private:
  HostContext &context_;
  std::optional<PolicySeen> policy_seen_; // what the last policy event reported (see audit_events.hpp)
};

[[nodiscard]] nlohmann::json error_reply(const nlohmann::json &id, std::string_view code, const std::string &message);

} // namespace handleguard::protocol
