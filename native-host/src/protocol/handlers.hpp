#pragma once
// The message types the host answers. Each handler lives in handlers/<area>_handlers.cpp and
// is listed once in handlers.cpp; docs/protocol.md describes each.
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "protocol/host_context.hpp"
#include "protocol/reply.hpp"
#include "protocol/request.hpp"

namespace handleguard::protocol {

using Handler = Reply (*)(HostContext &context, const Request &request);

[[nodiscard]] const std::unordered_map<std::string_view, Handler> &handlers();

// Handlers, by area.
Reply handle_hello(HostContext &context, const Request &request);
Reply handle_identify(HostContext &context, const Request &request);
Reply handle_check(HostContext &context, const Request &request);
Reply handle_check_thread(HostContext &context, const Request &request);
Reply handle_work_as_get(HostContext &context, const Request &request);
Reply handle_work_as_set(HostContext &context, const Request &request);
Reply handle_override(HostContext &context, const Request &request);
Reply handle_outcome(HostContext &context, const Request &request);
Reply handle_last_verdicts(HostContext &context, const Request &request);
Reply handle_doctor(HostContext &context, const Request &request);

// Judges `draft`, records the verdict event, logs it under a new check id; returns the reply.
[[nodiscard]] CheckReply judge_and_log(HostContext &context, const Request &request, const rules::Draft &draft);

// Shared by handlers that report the policy's state.
[[nodiscard]] nlohmann::json policy_status_json(const policy::PolicyStatus &status);

} // namespace handleguard::protocol
