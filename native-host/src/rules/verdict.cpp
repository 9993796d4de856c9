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

// The verdict is built on every check: objects are filled with emplace(), not from
// initializer lists, which build (and free) a temporary two-element array for every member.
namespace {
template <typename Offer> // OverrideOffer (the verdict's) or policy::Override (a rule's)
json override_json(const Offer &offer) {
  json out = json::object();
  out.emplace("mode", policy::to_string(offer.mode));
  out.emplace("reason_required", offer.reason_required);
  return out;
}

json string_or_null(const std::string &text) { return text.empty() ? json(nullptr) : json(text); }
} // namespace

json account_summary(const policy::Account &account) {
  json out = json::object();
  out.emplace("handle", account.handle);
  out.emplace("user_id", account.user_id);
  out.emplace("display_name", account.display_name);
  out.emplace("client", account.client);
  out.emplace("kind", policy::to_string(account.kind));
  out.emplace("colour", string_or_null(account.colour));
  out.emplace("timezone", account.timezone);
  out.emplace("guidelines", account.guidelines);
  return out;
}

json to_json(const Identity &identity) {
  json out = json::object();
  out.emplace("status", to_string(identity.status));
  out.emplace("managed", identity.status == IdentityStatus::managed);
  out.emplace("account", identity.account != nullptr ? account_summary(*identity.account) : json(nullptr));
  if (!identity.reason.empty()) out.emplace("reason", identity.reason);
  return out;
}

json to_json(const Violation &violation) {
  json item = json::object();
  item.emplace("rule", violation.rule_id);
  item.emplace("kind", violation.kind);
  item.emplace("severity", policy::to_string(violation.severity));
  item.emplace("message", violation.message);
  item.emplace("span", violation.span ? json::array({violation.span->begin, violation.span->end}) : json(nullptr));
  item.emplace("override", override_json(violation.override_));
  return item;
}

json to_json(const Verdict &verdict) {
  json violations = json::array();
  for (const auto &violation : verdict.violations) violations.push_back(to_json(violation));
  const auto *account = verdict.identity.status == IdentityStatus::managed ? verdict.identity.account : nullptr;
  json staff = nullptr;
  if (verdict.staff != nullptr) {
    staff = json::object();
    staff.emplace("id", verdict.staff->id);
    staff.emplace("name", verdict.staff->name);
    staff.emplace("initials", verdict.staff->initials);
  }
  json confirmation = json::object();
  confirmation.emplace("required", verdict.confirmation_required);
  confirmation.emplace("handle", verdict.confirmation_required && account != nullptr ? json(account->handle) : json(nullptr));
  json out = json::object();
  out.emplace("verdict", to_string(verdict.decision));
  out.emplace("violations", std::move(violations));
  out.emplace("identity", to_json(verdict.identity));
  out.emplace("action", verdict.action);
  out.emplace("at", util::format_iso8601_utc(verdict.at));
  out.emplace("staff", std::move(staff));
  out.emplace("os_user", verdict.os_user);
  out.emplace("confirmation", std::move(confirmation));
  out.emplace("override", override_json(verdict.override_));
  out.emplace("guidelines", account != nullptr ? string_or_null(account->guidelines) : json(nullptr));
  return out;
}

} // namespace handleguard::rules
