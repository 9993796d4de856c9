// `override`, `outcome` and `last_verdicts`: confirming or overriding a held post, what became
// of it (a released post counts toward rate limits; a cancelled, edited or failed one is given
// back), and the recent verdicts for the popup (read back from the audit log).
#include "audit/recent_verdicts.hpp"
#include "config/paths.hpp"
#include "policy/passphrase.hpp"
#include "protocol/audit_events.hpp"
#include "protocol/handlers.hpp"
#include "protocol/request_fields.hpp"
#include "util/local_time.hpp"

namespace handleguard::protocol {

using nlohmann::json;

namespace {
constexpr std::size_t max_reason_bytes = 2000;
constexpr std::size_t max_detail_bytes = 2000; // the extension keeps 500 UTF-16 units: at most 1500 bytes

rules::LoggedVerdict &logged(HostContext &context, const json &request) {
  const std::string check_id = string_field(request, "check_id", true, 64);
  rules::LoggedVerdict *entry = context.verdicts.find(check_id);
  if (entry == nullptr) {
    throw RequestError{error_code::bad_request, "no verdict with check_id \"" + check_id + "\" in this host: check the post again"};
  }
  return *entry;
}

json refusal(std::string_view missing, const std::string &message) {
  return {{"granted", false}, {"missing", missing}, {"message", message}};
}

// The fields every event about a logged verdict carries (docs/audit.md).
json verdict_fields(const HostContext &context, const rules::LoggedVerdict &entry) {
  return {{"check_id", entry.check_id},
          {"account", entry.handle.empty() ? json(nullptr) : json(entry.handle)},
          {"action", entry.action},
          {"verdict", rules::to_string(entry.decision)},
          {"rules", entry.rules},
          {"staff", entry.staff},
          {"os_user", context.guard.os_user()}};
}
} // namespace

Reply handle_override(HostContext &context, const Request &message) {
  const json &request = message.tree();
  rules::LoggedVerdict &entry = logged(context, request);
  const std::string reason = string_field(request, "reason", false, max_reason_bytes);
  const std::string typed = string_field(request, "typed_handle", false, 64);
  const std::string passphrase = string_field(request, "passphrase", false, 1024);
  if (entry.confirmation_required && policy::normalize_handle(typed) != entry.handle) {
    return refusal("typed_handle", "type the account's handle @" + entry.handle + " to confirm it is the right account");
  }
  std::string event_type = "confirmation";
  switch (entry.decision) {
  case rules::Decision::allow: break;
  case rules::Decision::warn:
  case rules::Decision::block:
    if (entry.offer.mode == policy::OverrideMode::none) {
      return refusal("none", "this post cannot be overridden: change it so it meets the rules");
    }
    if (entry.offer.reason_required && reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      return refusal("reason", "give a reason: it is recorded with the post");
    }
    if (entry.offer.mode == policy::OverrideMode::supervisor) {
      if (passphrase.empty()) return refusal("passphrase", "a supervisor's passphrase is needed to release this post");
      for (const auto &hash : entry.passphrase_hashes) {
        if (!policy::verify_passphrase(hash, passphrase)) {
          (void)context.events.record({"override_refused", verdict_fields(context, entry)});
          return refusal("passphrase", "the supervisor passphrase is wrong");
        }
      }
    }
    event_type = entry.decision == rules::Decision::block ? "override" : "confirmation";
    break;
  }
  json fields = verdict_fields(context, entry);
  fields["reason"] = reason;
  fields["supervisor"] = entry.offer.mode == policy::OverrideMode::supervisor;
  const bool recorded = context.events.record({event_type, std::move(fields)});
  if (!recorded) return refusal("audit", "the audit log cannot record the override, so the post stays held");
  entry.authorized = true;
  return json{{"granted", true}, {"check_id", entry.check_id}};
}

Reply handle_outcome(HostContext &context, const Request &message) {
  const json &request = message.tree();
  rules::LoggedVerdict &entry = logged(context, request);
  const std::string outcome = string_field(request, "outcome", true, 32);
  if (outcome != "released" && outcome != "posted" && outcome != "cancelled" && outcome != "edited" && outcome != "failed") {
    throw RequestError{error_code::bad_request, "\"outcome\" must be released, posted, cancelled, edited or failed"};
  }
  // Why, in the words of whoever knows (X's error message for `failed`); kept in the audit log.
  const std::string detail = string_field(request, "detail", false, max_detail_bytes);
  json fields = verdict_fields(context, entry);
  fields["outcome"] = outcome;
  if (!detail.empty()) fields["detail"] = detail;
  json reply = {{"check_id", entry.check_id}, {"outcome", outcome}, {"counted", false}};
  if ((outcome == "released" || outcome == "posted") && !entry.authorized) {
    reply["refused"] = "this post was not allowed, confirmed or overridden: it must stay held";
    fields["refused"] = reply["refused"];
    (void)context.events.record({"outcome_refused", std::move(fields)});
    return reply;
  }
  const auto action = policy::parse_action(entry.action).value_or(policy::Action::post);
  const auto engine = context.policy_source.engine();
  const policy::Account *account = engine && !entry.handle.empty() ? engine->policy().find_by_handle(entry.handle) : nullptr;
  if (account != nullptr) {
    auto ledger = context.guard.ledger();
    if (!ledger) throw RequestError{error_code::internal, "the post counters cannot be opened: " + ledger.error()};
    if (outcome == "released" || outcome == "posted") {
      // A post reported posted without a release first still counts (once: claims are idempotent).
      const auto limits = outcome == "released" ? engine->rate_rules(*account, action) : std::vector<const policy::Rule *>{};
      auto claimed = (*ledger)->claim(entry.check_id, entry.handle, action, entry.at, limits);
      if (!claimed) throw RequestError{error_code::internal, "the post counters cannot be written: " + claimed.error()};
      if (*claimed) {
        reply["refused"] = **claimed;
        fields["refused"] = **claimed;
        (void)context.events.record({"outcome_refused", std::move(fields)});
        return reply;
      }
      reply["counted"] = true;
    } else {
      auto given_back = (*ledger)->give_back(entry.check_id);
      if (!given_back) throw RequestError{error_code::internal, "the post counters cannot be written: " + given_back.error()};
      reply["given_back"] = *given_back;
    }
  }
  entry.outcome = outcome;
  fields["counted"] = reply.at("counted");
  (void)context.events.record({"outcome", std::move(fields)}); // the verdict it follows is already durable
  return reply;
}

Reply handle_last_verdicts(HostContext & /*context*/, const Request &message) {
  const json &request = message.tree();
  std::size_t limit = 20;
  if (const json &given = field(request, "limit"); !given.is_null()) {
    if (!given.is_number_integer() || given.get<std::int64_t>() < 1 || given.get<std::int64_t>() > 200) {
      throw RequestError{error_code::bad_request, "\"limit\" must be an integer from 1 to 200"};
    }
    limit = given.get<std::size_t>();
  }
  // From the audit log, not this process's memory: the popup then shows every window's verdicts,
  // and they survive a restart of the browser (and of this host).
  auto verdicts = audit::recent_verdicts(config::resolve_paths().audit_db(), limit);
  if (!verdicts) throw RequestError{error_code::internal, "the audit log cannot be read: " + verdicts.error()};
  return json{{"verdicts", std::move(*verdicts)}};
}

} // namespace handleguard::protocol
