// `identify` and `check`: who is logged in, and may this post go out.
#include <algorithm>
#include <array>

#include "protocol/audit_events.hpp"
#include "protocol/handlers.hpp"
#include "protocol/request_fields.hpp"
#include "rules/verdict.hpp"

namespace handleguard::protocol {

using nlohmann::json;

namespace {
constexpr std::array known_actions = {"post", "reply", "quote", "dm", "schedule", "repost", "like", "follow"};
constexpr std::size_t max_text_bytes = 256U * 1024U; // far above X's 25,000-character posts

json no_policy_verdict(const policy::PolicyStatus &status) {
  const std::string why = status.error.empty() ? "no policy is loaded" : status.error;
  return {{"verdict", "block"},
          {"violations", json::array({{{"rule", "policy_unavailable"},
                                       {"kind", "guard"},
                                       {"severity", "block"},
                                       {"message", "The guard has no valid policy, so every post is held: " + why +
                                                       ". Ask your admin to install a valid policy."},
                                       {"span", nullptr}}})},
          {"identity", {{"status", "missing"}, {"managed", false}, {"account", nullptr}}}};
}
} // namespace

json handle_identify(HostContext &context, const json &request) {
  const std::string handle = string_field(request, "handle", false);
  const std::string user_id = string_field(request, "user_id", false);
  const auto engine = context.policy_source.engine();
  json reply;
  if (!engine) {
    reply = {{"identity", {{"status", "missing"}, {"managed", false}, {"account", nullptr}, {"reason", "no valid policy"}}},
             {"policy", policy_status_json(context.policy_source.status())}};
  } else {
    reply = {{"identity", rules::to_json(engine->identify(handle, user_id))}};
  }
  note_identify_event(context, request, reply);
  return reply;
}

json handle_check(HostContext &context, const json &request) {
  rules::CheckRequest check;
  check.handle = string_field(request, "handle", false);
  check.user_id = string_field(request, "user_id", false);
  check.text = string_field(request, "text", true, max_text_bytes);
  check.action = string_field(request, "action", false);
  if (check.action.empty()) check.action = "post";
  if (std::ranges::find(known_actions, check.action) == known_actions.end()) {
    throw RequestError{error_code::bad_request, "unknown action \"" + check.action.substr(0, 64) + "\""};
  }
  const auto status = context.policy_source.status();
  const auto engine = context.policy_source.engine();
  json reply = engine ? rules::to_json(engine->check(check)) : no_policy_verdict(status);
  if (!status.error.empty()) reply["policy_warning"] = status.error;
  else if (!status.warning.empty()) reply["policy_warning"] = status.warning;
  return record_verdict_event(context, request, std::move(reply));
}

} // namespace handleguard::protocol
