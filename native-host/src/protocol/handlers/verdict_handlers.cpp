// `identify`, `check` and `check_thread`: who is logged in, and may this post (or thread) go out.
#include <algorithm>

#include "protocol/audit_events.hpp"
#include "protocol/handlers.hpp"
#include "protocol/request_fields.hpp"
#include "rules/verdict.hpp"
#include "util/local_time.hpp"

namespace handleguard::protocol {

using nlohmann::json;

namespace {
constexpr std::size_t max_text_bytes = 256U * 1024U; // far above X's 25,000-character posts
constexpr std::size_t max_thread_posts = 50;

json no_policy_verdict(const policy::PolicyStatus &status) {
  const std::string why = status.error.empty() ? "no policy is loaded" : status.error;
  return {{"verdict", "block"},
          {"violations", json::array({{{"rule", "policy_unavailable"},
                                       {"kind", "guard"},
                                       {"severity", "block"},
                                       {"message", "The guard has no valid policy, so every post is held: " + why +
                                                       ". Ask your admin to install a valid policy."},
                                       {"span", nullptr},
                                       {"override", {{"mode", "none"}, {"reason_required", false}}}}})},
          {"identity", {{"status", "missing"}, {"managed", false}, {"account", nullptr}}},
          {"confirmation", {{"required", false}, {"handle", nullptr}}},
          {"override", {{"mode", "none"}, {"reason_required", false}}},
          {"guidelines", nullptr}};
}

// The draft fields shared by `check` and `check_thread`; the text comes separately.
rules::Draft draft_from(const json &request) {
  rules::Draft draft;
  draft.handle = string_field(request, "handle", false);
  draft.user_id = string_field(request, "user_id", false);
  draft.action = string_field(request, "action", false);
  if (draft.action.empty()) draft.action = "post";
  if (!policy::parse_action(draft.action)) {
    throw RequestError{error_code::bad_request, "unknown action \"" + draft.action.substr(0, 64) + "\""};
  }
  const std::string scheduled = string_field(request, "scheduled_at", false, 64);
  if (!scheduled.empty()) {
    if (draft.action != "schedule") throw RequestError{error_code::bad_request, "\"scheduled_at\" belongs to action \"schedule\""};
    draft.scheduled_at = util::parse_iso8601(scheduled);
    if (!draft.scheduled_at) {
      throw RequestError{error_code::bad_request, "\"scheduled_at\" must be an ISO 8601 time with an offset, e.g. 2026-12-01T09:30:00+01:00"};
    }
  }
  // A "schedule" without "scheduled_at" is judged at the host's time (docs/protocol.md asks for it).
  // Never from the request: the host acts for the OS user it runs as (the extension is not trusted).
  if (!field(request, "staff").is_null()) throw RequestError{error_code::bad_request, "\"staff\" is not accepted: the host knows who runs it"};
  return draft;
}
} // namespace

json judge_and_log(HostContext &context, const json &request, const rules::Draft &draft) {
  const auto status = context.policy_source.status();
  const auto engine = context.policy_source.engine();
  rules::LoggedVerdict entry;
  entry.check_id = rules::new_check_id();
  entry.action = draft.action;
  entry.at = draft.scheduled_at.value_or(std::chrono::system_clock::now());
  json reply;
  if (!engine) {
    reply = no_policy_verdict(status);
  } else {
    const rules::Verdict verdict = context.guard.judge(*engine, draft, std::chrono::system_clock::now());
    reply = rules::to_json(verdict);
    entry.decision = verdict.decision;
    entry.offer = verdict.override_;
    entry.confirmation_required = verdict.confirmation_required;
    if (verdict.identity.status == rules::IdentityStatus::managed) entry.handle = verdict.identity.account->handle;
    entry.authorized = verdict.decision == rules::Decision::allow && !verdict.confirmation_required;
    for (const auto &violation : verdict.violations) {
      const auto &hash = violation.override_.passphrase_hash;
      if (violation.override_.mode == policy::OverrideMode::supervisor &&
          std::ranges::find(entry.passphrase_hashes, hash) == entry.passphrase_hashes.end()) {
        entry.passphrase_hashes.push_back(hash);
      }
    }
  }
  reply["check_id"] = entry.check_id;
  // The audit path applies local lockdowns, records the verdict and turns it into a block when
  // the event cannot be made durable (fail closed).
  reply = record_verdict_event(context, request, draft.text, std::move(reply), status.serial);
  if (reply.value("verdict", "block") == "block" && entry.decision != rules::Decision::block) {
    entry.decision = rules::Decision::block;
    entry.offer = {};
    entry.authorized = false;
  }
  reply["check_id"] = entry.check_id;
  if (!status.error.empty()) reply["policy_warning"] = status.error;
  else if (!status.warning.empty()) reply["policy_warning"] = status.warning;
  entry.rules = rule_ids(reply);
  entry.staff = staff_id(reply);
  context.verdicts.add(std::move(entry));
  return reply;
}

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
  rules::Draft draft = draft_from(request);
  draft.text = string_field(request, "text", true, max_text_bytes);
  return judge_and_log(context, request, draft);
}

json handle_check_thread(HostContext &context, const json &request) {
  const rules::Draft base = draft_from(request);
  const json &posts = field(request, "posts");
  if (!posts.is_array() || posts.empty()) throw RequestError{error_code::bad_request, "\"posts\" must be a non-empty array"};
  if (posts.size() > max_thread_posts) {
    throw RequestError{error_code::too_large, "a thread of " + std::to_string(posts.size()) + " posts; the limit is " +
                                                  std::to_string(max_thread_posts)};
  }
  std::vector<std::string> texts;
  for (const auto &post : posts) {
    if (!post.is_object()) throw RequestError{error_code::bad_request, "each post must be {\"text\": ...}"};
    texts.push_back(string_field(post, "text", true, max_text_bytes));
  }
  json verdicts = json::array();
  int worst = 0;
  for (auto &text : texts) {
    rules::Draft draft = base;
    draft.text = std::move(text);
    json verdict = judge_and_log(context, request, draft);
    const std::string decision = verdict.at("verdict").get<std::string>();
    worst = std::max(worst, decision == "block" ? 2 : decision == "warn" ? 1 : 0);
    verdicts.push_back(std::move(verdict));
  }
  return {{"verdict", worst == 2 ? "block" : worst == 1 ? "warn" : "allow"}, {"posts", std::move(verdicts)}};
}

} // namespace handleguard::protocol
