#include "rules/verdict.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "util/local_time.hpp"

namespace handleguard::rules {

using nlohmann::json;
using policy::OverrideMode;
using policy::Severity;

std::string_view to_string(Decision decision) {
  switch (decision) {
  case Decision::allow: return "allow";
  case Decision::warn: return "warn";
  case Decision::block: return "block";
  }
  return "block";
}

std::string_view to_string(IdentityStatus status) {
  switch (status) {
  case IdentityStatus::managed: return "managed";
  case IdentityStatus::unknown: return "unknown";
  case IdentityStatus::mismatch: return "mismatch";
  case IdentityStatus::missing: return "missing";
  }
  return "missing";
}

void settle(Verdict &verdict) {
  const auto &violations = verdict.violations;
  const bool any_block = std::ranges::any_of(violations, [](const Violation &v) { return v.severity == Severity::block; });
  verdict.decision = any_block ? Decision::block : violations.empty() ? Decision::allow : Decision::warn;
  OverrideOffer offer;
  if (verdict.decision == Decision::warn) {
    offer.mode = OverrideMode::confirm;
    for (const auto &v : violations) {
      if (v.override_.mode == OverrideMode::none) offer.mode = OverrideMode::none;
      offer.reason_required = offer.reason_required || v.override_.reason_required;
    }
    // A warn rule marked "supervisor" raises the bar for the whole post.
    if (offer.mode != OverrideMode::none &&
        std::ranges::any_of(violations, [](const Violation &v) { return v.override_.mode == OverrideMode::supervisor; })) {
      offer.mode = OverrideMode::supervisor;
    }
  } else if (verdict.decision == Decision::block) {
    const bool all_supervised =
        std::ranges::all_of(violations, [](const Violation &v) {
          return v.severity == Severity::warn ? v.override_.mode != OverrideMode::none
                                              : v.override_.mode == OverrideMode::supervisor;
        });
    offer.mode = all_supervised ? OverrideMode::supervisor : OverrideMode::none;
    offer.reason_required = all_supervised;
  }
  if (offer.mode == OverrideMode::supervisor) offer.reason_required = true;
  verdict.override_ = offer;
}

json account_summary(const policy::Account &account) {
  return {{"handle", account.handle},
          {"user_id", account.user_id},
          {"display_name", account.display_name},
          {"client", account.client},
          {"kind", policy::to_string(account.kind)},
          {"colour", account.colour.empty() ? json(nullptr) : json(account.colour)},
          {"timezone", account.timezone},
          {"guidelines", account.guidelines}};
}

json to_json(const Identity &identity) {
  json out = {{"status", to_string(identity.status)},
              {"managed", identity.status == IdentityStatus::managed},
              {"account", identity.account != nullptr ? account_summary(*identity.account) : json(nullptr)}};
  if (!identity.reason.empty()) out["reason"] = identity.reason;
  return out;
}

json to_json(const Verdict &verdict) {
  json violations = json::array();
  for (const auto &violation : verdict.violations) {
    violations.push_back({{"rule", violation.rule_id},
                          {"kind", violation.kind},
                          {"severity", policy::to_string(violation.severity)},
                          {"message", violation.message},
                          {"span", violation.span ? json::array({violation.span->begin, violation.span->end}) : json(nullptr)},
                          {"override", {{"mode", policy::to_string(violation.override_.mode)},
                                        {"reason_required", violation.override_.reason_required}}}});
  }
  const auto *account = verdict.identity.status == IdentityStatus::managed ? verdict.identity.account : nullptr;
  json staff = nullptr;
  if (verdict.staff != nullptr) {
    staff = {{"id", verdict.staff->id}, {"name", verdict.staff->name}, {"initials", verdict.staff->initials}};
  }
  return {{"verdict", to_string(verdict.decision)},
          {"violations", std::move(violations)},
          {"identity", to_json(verdict.identity)},
          {"action", verdict.action},
          {"at", util::format_iso8601_utc(verdict.at)},
          {"staff", std::move(staff)},
          {"os_user", verdict.os_user},
          {"confirmation", {{"required", verdict.confirmation_required},
                            {"handle", verdict.confirmation_required && account != nullptr ? json(account->handle) : json(nullptr)}}},
          {"override", {{"mode", policy::to_string(verdict.override_.mode)},
                        {"reason_required", verdict.override_.reason_required}}},
          {"guidelines", account != nullptr && !account->guidelines.empty() ? json(account->guidelines) : json(nullptr)}};
}

} // namespace handleguard::rules
