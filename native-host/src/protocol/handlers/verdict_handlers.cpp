// `identify`, `check` and `check_thread`: who is logged in, and may this post (or thread) go out.
#include <algorithm>

#include "protocol/audit_events.hpp"
#include "protocol/handlers.hpp"
#include "protocol/request_fields.hpp"
#include "rules/verdict.hpp"
#include "util/local_time.hpp"
#include "util/message_excerpt.hpp"

namespace handleguard::protocol {

using nlohmann::json;

namespace {
constexpr std::size_t max_text_bytes = 256U * 1024U; // far above X's 25,000-character posts
constexpr std::size_t max_thread_posts = 50;

rules::Verdict no_policy_verdict(const policy::PolicyStatus &status, const rules::Draft &draft, const std::string &os_user,
                                 rules::TimePoint at) {
  const std::string why = status.error.empty() ? "no policy is loaded" : status.error;
  rules::Verdict verdict;
  rules::Violation violation;
  violation.rule_id = "policy_unavailable";
  violation.kind = "guard";
  violation.message = "The guard has no valid policy, so every post is held: " + why + ". Ask your admin to install a valid policy.";
  verdict.violations.push_back(std::move(violation));
  verdict.action = draft.action;
  verdict.at = at;
  verdict.os_user = os_user;
  rules::settle(verdict);
  return verdict;
}

// The draft fields shared by `check` and `check_thread`; the text comes separately.
rules::Draft draft_from(const Request &request) {
  rules::Draft draft;
  draft.handle = request.string_field("handle", false);
  draft.user_id = request.string_field("user_id", false);
  draft.action = request.string_field("action", false);
  if (draft.action.empty()) draft.action = "post";
  if (!policy::parse_action(draft.action)) {
    throw RequestError{error_code::bad_request, "unknown action \"" + util::message_excerpt(draft.action) + "\""};
  }
  const std::string scheduled = request.string_field("scheduled_at", false, 64);
  if (!scheduled.empty()) {
    if (draft.action != "schedule") throw RequestError{error_code::bad_request, "\"scheduled_at\" belongs to action \"schedule\""};
    draft.scheduled_at = util::parse_iso8601(scheduled);
    if (!draft.scheduled_at) {
      throw RequestError{error_code::bad_request, "\"scheduled_at\" must be an ISO 8601 time with an offset, e.g. 2026-12-01T09:30:00+01:00"};
    }
  }
  // A "schedule" without "scheduled_at" is judged at the host's time (docs/protocol.md asks for it).
  // Never from the request: the host acts for the OS user it runs as (the extension is not trusted).
  if (!request.is_null("staff")) throw RequestError{error_code::bad_request, "\"staff\" is not accepted: the host knows who runs it"};
  return draft;
}
} // namespace

CheckReply judge_and_log(HostContext &context, const Request &request, const rules::Draft &draft) {
  const auto status = context.policy_source.status();
  CheckReply reply;
  reply.id = request.value("id");
  reply.engine = context.policy_source.engine();
  reply.check_id = rules::new_check_id();
  const auto now = std::chrono::system_clock::now();
  if (reply.engine) {
    reply.verdict = context.guard.judge(*reply.engine, draft, now); // local lockdowns included
  } else {
    reply.verdict = no_policy_verdict(status, draft, context.guard.os_user(), draft.scheduled_at.value_or(now));
    lockdown::apply_local_lockdown(context.guard.lockdowns().current(), draft.handle, reply.verdict);
  }
  rules::Verdict &verdict = reply.verdict;
  // Fail closed: a verdict that would let the post go stands only once its event is durable.
  if (!record_check_event(context, request, draft.text, reply, status.serial) && verdict.decision != rules::Decision::block) {
    hold_unrecorded(verdict);
  }
  if (!status.error.empty()) reply.policy_warning = status.error;
  else if (!status.warning.empty()) reply.policy_warning = status.warning;

  rules::LoggedVerdict entry;
  entry.check_id = reply.check_id;
  entry.action = draft.action;
  entry.at = draft.scheduled_at.value_or(now);
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
  entry.rules = rule_ids(verdict);
  entry.staff = verdict.staff != nullptr ? json(verdict.staff->id) : json(nullptr);
  context.verdicts.add(std::move(entry));
  return reply;
}

Reply handle_identify(HostContext &context, const Request &request) {
  const std::string handle = request.string_field("handle", false);
  const std::string user_id = request.string_field("user_id", false);
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

Reply handle_check(HostContext &context, const Request &request) {
  rules::Draft draft = draft_from(request);
  draft.text = request.string_field("text", true, max_text_bytes);
  return judge_and_log(context, request, draft);
}

Reply handle_check_thread(HostContext &context, const Request &request) {
  const rules::Draft base = draft_from(request);
  const json &posts = field(request.tree(), "posts");
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
  // A banned phrase split between posts is read across them (rules/across_posts.hpp).
  const auto thread = std::make_shared<const rules::ThreadPosts>(texts);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    rules::Draft draft = base;
    draft.text = texts[i];
    draft.thread = {thread, i};
    const CheckReply verdict = judge_and_log(context, request, draft);
    worst = std::max(worst, static_cast<int>(verdict.verdict.decision)); // allow < warn < block
    verdicts.push_back(post_verdict_json(verdict));
  }
  return json{{"verdict", rules::to_string(static_cast<rules::Decision>(worst))}, {"posts", std::move(verdicts)}};
}

} // namespace handleguard::protocol
