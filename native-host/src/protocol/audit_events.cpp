#include "protocol/audit_events.hpp"

#include "config/paths.hpp"
#include "protocol/request_fields.hpp"

namespace handleguard::protocol {

using nlohmann::json;

std::vector<std::string> rule_ids(const json &reply) {
  std::vector<std::string> ids;
  if (const auto violations = reply.find("violations"); violations != reply.end() && violations->is_array()) {
    for (const auto &violation : *violations) {
      if (!violation.is_object()) continue;
      if (const auto rule = violation.find("rule"); rule != violation.end() && rule->is_string()) {
        ids.push_back(rule->get<std::string>());
      }
    }
  }
  return ids;
}

json staff_id(const HostContext &context) {
  const auto engine = context.policy_source.engine();
  const policy::Staff *staff = engine ? engine->policy().find_staff_by_os_user(context.guard.os_user()) : nullptr;
  return staff != nullptr ? json(staff->id) : json(nullptr);
}

bool record_check_event(HostContext &context, const Request &request, const std::string &text, const CheckReply &reply,
                        std::int64_t policy_serial) {
  if (!context.events.keeps_events()) return true;
  const rules::Verdict &verdict = reply.verdict;
  // Filled with emplace(): an initializer list builds a temporary array per member (per check).
  json fields = json::object();
  fields.emplace("request_id", reply.id);
  fields.emplace("check_id", reply.check_id);
  fields.emplace("account", request.string_or_null("handle"));
  fields.emplace("user_id", request.string_or_null("user_id"));
  fields.emplace("action", verdict.action); // the action judged
  fields.emplace("verdict", rules::to_string(verdict.decision));
  fields.emplace("rules", rule_ids(verdict));
  fields.emplace("policy_serial", policy_serial);
  fields.emplace("text", text); // the store keeps a keyed hash of it
  if (reply.engine && reply.engine->policy().audit.post_text == policy::PostTextMode::full) fields.emplace("post_text", text);
  fields.emplace("staff", verdict.staff != nullptr ? json(verdict.staff->id) : json(nullptr));
  return context.events.record_owned({"verdict", std::move(fields)});
}

json hold_unrecorded_verdict(json reply) {
  // The hold replaces the verdict as a whole: nothing in it may still offer a way to release.
  reply["verdict"] = "block";
  reply["violations"] = json::array({rules::to_json(audit_unavailable_violation())});
  reply["override"] = {{"mode", "none"}, {"reason_required", false}};
  if (const auto confirmation = reply.find("confirmation"); confirmation != reply.end() && confirmation->is_object()) {
    (*confirmation)["required"] = false;
  }
  return reply;
}

void note_identify_event(HostContext &context, const Request &request, const json &reply) {
  json status = nullptr;
  if (const auto identity = reply.find("identity"); identity != reply.end() && identity->is_object()) {
    status = identity->value("status", json(nullptr));
  }
  context.events.enqueue_owned({"identify",
                          {{"request_id", request.value("id")},
                           {"account", request.string_or_null("handle")},
                           {"user_id", request.string_or_null("user_id")},
                           {"identity", status}}});
}

void note_policy_state(HostContext &context, std::optional<PolicySeen> &last_seen) {
  const auto status = context.policy_source.status();
  PolicySeen now{status.loaded, status.serial, status.signer, status.error};
  if (now == last_seen) return;
  const bool first = !last_seen;
  last_seen = std::move(now);
  context.events.enqueue_owned({first ? "policy_load" : "policy_change",
                          {{"loaded", status.loaded},
                           {"policy_serial", status.serial},
                           {"signer", status.signer.empty() ? json(nullptr) : json(status.signer)},
                           {"path", status.path},
                           {"error", status.error.empty() ? json(nullptr) : json(status.error)}}});
}

} // namespace handleguard::protocol
