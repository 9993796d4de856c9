#include "protocol/check_reply.hpp"

#include <charconv>

#include "util/json_writer.hpp"
#include "util/local_time.hpp"

namespace handleguard::protocol {

using nlohmann::json;

rules::Violation audit_unavailable_violation() {
  rules::Violation violation;
  violation.rule_id = "audit_unavailable";
  violation.kind = "guard";
  violation.severity = policy::Severity::block;
  violation.message = "The guard could not record this post in its audit log (the disk may be full or the log "
                      "unwritable), so the post is held. Try again; if it persists, ask your admin to free disk "
                      "space or run `handleguard log verify`.";
  return violation;
}

void hold_unrecorded(rules::Verdict &verdict) {
  verdict.decision = rules::Decision::block;
  verdict.violations.assign(1, audit_unavailable_violation());
  verdict.override_ = {};
  verdict.confirmation_required = false;
}

std::vector<std::string> rule_ids(const rules::Verdict &verdict) {
  std::vector<std::string> ids;
  ids.reserve(verdict.violations.size());
  for (const auto &violation : verdict.violations) ids.push_back(violation.rule_id);
  return ids;
}

json post_verdict_json(const CheckReply &reply) {
  json out = rules::to_json(reply.verdict);
  out.emplace("check_id", reply.check_id);
  if (!reply.policy_warning.empty()) out.emplace("policy_warning", reply.policy_warning);
  return out;
}

json to_json(const CheckReply &reply) {
  json out = post_verdict_json(reply);
  out.emplace("id", reply.id);
  out.emplace("ok", true);
  out.emplace("type", "check");
  return out;
}

// The writer below gives what nlohmann's dump() gives for the tree above: members in the
// order of their keys (nlohmann keeps objects in a std::map), no spaces. Keys and punctuation
// go out as one literal each.
namespace {
void string_value(std::string &out, std::string_view text) { util::append_json_string(out, text); }

void string_or_null(std::string &out, const std::string &text) {
  if (text.empty()) out += "null";
  else string_value(out, text);
}

void boolean(std::string &out, bool value) { out += value ? "true" : "false"; }

void number(std::string &out, std::size_t value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

template <typename Offer> // rules::OverrideOffer or policy::Override
void override_offer(std::string &out, const Offer &offer) {
  out += "\"override\":{\"mode\":";
  string_value(out, policy::to_string(offer.mode));
  out += ",\"reason_required\":";
  boolean(out, offer.reason_required);
  out += '}';
}

void violation_object(std::string &out, const rules::Violation &violation) {
  out += "{\"kind\":";
  string_value(out, violation.kind);
  out += ",\"message\":";
  string_value(out, violation.message);
  out += ',';
  override_offer(out, violation.override_);
  out += ",\"rule\":";
  string_value(out, violation.rule_id);
  out += ",\"severity\":";
  string_value(out, policy::to_string(violation.severity));
  out += ",\"span\":";
  if (violation.span) {
    out += '[';
    number(out, violation.span->begin);
    out += ',';
    number(out, violation.span->end);
    out += ']';
  } else {
    out += "null";
  }
  out += '}';
}

void account_object(std::string &out, const policy::Account &account) {
  out += "{\"client\":";
  string_value(out, account.client);
  out += ",\"colour\":";
  string_or_null(out, account.colour);
  out += ",\"display_name\":";
  string_value(out, account.display_name);
  out += ",\"guidelines\":";
  string_value(out, account.guidelines);
  out += ",\"handle\":";
  string_value(out, account.handle);
  out += ",\"kind\":";
  string_value(out, policy::to_string(account.kind));
  out += ",\"timezone\":";
  string_value(out, account.timezone);
  out += ",\"user_id\":";
  string_value(out, account.user_id);
  out += '}';
}

void identity_object(std::string &out, const rules::Identity &identity) {
  out += "{\"account\":";
  if (identity.account != nullptr) account_object(out, *identity.account);
  else out += "null";
  out += ",\"managed\":";
  boolean(out, identity.status == rules::IdentityStatus::managed);
  out += ',';
  if (!identity.reason.empty()) {
    out += "\"reason\":";
    string_value(out, identity.reason);
    out += ',';
  }
  out += "\"status\":";
  string_value(out, rules::to_string(identity.status));
  out += '}';
}

void staff_object(std::string &out, const policy::Staff *staff) {
  if (staff == nullptr) {
    out += "null";
    return;
  }
  out += "{\"id\":";
  string_value(out, staff->id);
  out += ",\"initials\":";
  string_value(out, staff->initials);
  out += ",\"name\":";
  string_value(out, staff->name);
  out += '}';
}
} // namespace

void append_json(std::string &out, const CheckReply &reply) {
  const rules::Verdict &verdict = reply.verdict;
  const auto *account = verdict.identity.status == rules::IdentityStatus::managed ? verdict.identity.account : nullptr;
  out += "{\"action\":";
  string_value(out, verdict.action);
  out += ",\"at\":";
  string_value(out, util::format_iso8601_utc(verdict.at));
  out += ",\"check_id\":";
  string_value(out, reply.check_id);
  out += ",\"confirmation\":{\"handle\":";
  if (verdict.confirmation_required && account != nullptr) string_value(out, account->handle);
  else out += "null";
  out += ",\"required\":";
  boolean(out, verdict.confirmation_required);
  out += "},\"guidelines\":";
  if (account != nullptr) string_or_null(out, account->guidelines);
  else out += "null";
  out += ",\"id\":";
  util::append_json(out, reply.id);
  out += ",\"identity\":";
  identity_object(out, verdict.identity);
  out += ",\"ok\":true,\"os_user\":";
  string_value(out, verdict.os_user);
  out += ',';
  override_offer(out, verdict.override_);
  if (!reply.policy_warning.empty()) {
    out += ",\"policy_warning\":";
    string_value(out, reply.policy_warning);
  }
  out += ",\"staff\":";
  staff_object(out, verdict.staff);
  out += ",\"type\":\"check\",\"verdict\":";
  string_value(out, rules::to_string(verdict.decision));
  out += ",\"violations\":[";
  for (std::size_t i = 0; i < verdict.violations.size(); ++i) {
    if (i > 0) out += ',';
    violation_object(out, verdict.violations[i]);
  }
  out += "]}";
}

} // namespace handleguard::protocol
