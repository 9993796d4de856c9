#include "rules/verdict.hpp"

#include <nlohmann/json.hpp>

namespace handleguard::rules {

using nlohmann::json;

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

json account_summary(const policy::Account &account) {
  return {{"handle", account.handle},
          {"user_id", account.user_id},
          {"display_name", account.display_name},
          {"client", account.client},
          {"kind", policy::to_string(account.kind)}};
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
    json item = {{"rule", violation.rule_id},
                 {"kind", violation.kind},
                 {"severity", policy::to_string(violation.severity)},
                 {"message", violation.message},
                 {"span", violation.span ? json::array({violation.span->begin, violation.span->end}) : json(nullptr)}};
    violations.push_back(std::move(item));
  }
  return {{"verdict", to_string(verdict.decision)}, {"violations", std::move(violations)}, {"identity", to_json(verdict.identity)}};
}

} // namespace handleguard::rules
