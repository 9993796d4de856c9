#pragma once
// The events the dispatcher and handlers write to the audit log (docs/audit.md). A reply that
// would release a post is sent only once its event is durable; when the log cannot take it,
// the post is held instead (fail closed).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/check_reply.hpp"
#include "protocol/host_context.hpp"
#include "protocol/request.hpp"

namespace handleguard::protocol {

// Records the verdict event of a `check` on post `text` (its local lockdowns already applied);
// false when the event could not be made durable (the caller then holds the post). Nothing is
// built when the sink keeps no events (the benchmarks' --audit=off).
[[nodiscard]] bool record_check_event(HostContext &context, const Request &request, const std::string &text,
                                      const CheckReply &reply, std::int64_t policy_serial);
// The `rule` of each violation in a verdict reply, in order.
[[nodiscard]] std::vector<std::string> rule_ids(const nlohmann::json &reply);
// The staff id of the OS user the host runs as; null when none.
[[nodiscard]] nlohmann::json staff_id(const HostContext &context);
// Returns `reply` (a verdict as a JSON tree: each post of a check_thread) turned into a block
// because its verdict event could not be made durable.
[[nodiscard]] nlohmann::json hold_unrecorded_verdict(nlohmann::json reply);
// Queues the result of an `identify` (committed with the next durable event or heartbeat).
void note_identify_event(HostContext &context, const Request &request, const nlohmann::json &reply);
// What a policy event reports: another event is due when any of it changes.
struct PolicySeen {
  bool loaded = false;
  std::int64_t serial = 0;
  std::string signer;
  std::string error;
  friend bool operator==(const PolicySeen &, const PolicySeen &) = default;
};
// Queues a policy_load event (the first) or a policy_change when the policy in force or its
// error changed since `last_seen`.
void note_policy_state(HostContext &context, std::optional<PolicySeen> &last_seen);

} // namespace handleguard::protocol
