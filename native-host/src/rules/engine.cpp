#include "rules/engine.hpp"

#include <algorithm>

namespace handleguard::rules {

using policy::Severity;

RuleEngine::RuleEngine(policy::Policy policy) : policy_(std::move(policy)) {
  compiled_.reserve(policy_.accounts.size());
  for (const auto &account : policy_.accounts) {
    auto &rules = compiled_.emplace_back();
    for (const auto &rule : account.rules) {
      CompiledRule compiled{&rule, nullptr};
      if (const auto *banned = std::get_if<policy::BannedTermsRule>(&rule.body)) {
        std::vector<text::TermPattern> patterns;
        for (const auto &term : banned->terms) patterns.push_back({term.text, term.substring});
        compiled.terms = std::make_unique<text::TermMatcher>(std::move(patterns));
      }
      rules.push_back(std::move(compiled));
    }
  }
}

Identity RuleEngine::identify(std::string_view handle, std::string_view user_id) const {
  const auto normalized = policy::normalize_handle(handle);
  if (user_id.empty() || !policy::is_valid_user_id(user_id)) {
    return {IdentityStatus::missing, nullptr,
            "the logged-in account could not be read (no valid twid cookie): log in to x.com again"};
  }
  if (!handle.empty() && !normalized) {
    return {IdentityStatus::missing, nullptr, "the page shows an invalid handle"};
  }
  const policy::Account *by_id = policy_.find_by_user_id(user_id);
  const policy::Account *by_handle = normalized ? policy_.find_by_handle(*normalized) : nullptr;
  if (by_id != nullptr && (by_handle == nullptr || by_handle == by_id) && (!normalized || *normalized == by_id->handle)) {
    return {IdentityStatus::managed, by_id, {}};
  }
  if (by_id != nullptr) {
    return {IdentityStatus::mismatch, by_id,
            "user id " + std::string(user_id) + " belongs to @" + by_id->handle + " in the policy, but the page shows @" +
                *normalized + ": the account was renamed or is being impersonated"};
  }
  if (by_handle != nullptr) {
    return {IdentityStatus::mismatch, by_handle,
            "@" + by_handle->handle + " has user id " + by_handle->user_id + " in the policy, but the logged-in account is " +
                std::string(user_id) + ": the handle now belongs to someone else, or the policy is out of date"};
  }
  return {IdentityStatus::unknown, nullptr,
          (normalized ? "@" + *normalized : "user id " + std::string(user_id)) + " is not an account of this policy"};
}

Verdict RuleEngine::check(const CheckRequest &request) const {
  Verdict verdict;
  verdict.identity = identify(request.handle, request.user_id);
  const auto &identity = verdict.identity;

  if (identity.status != IdentityStatus::managed) {
    Severity severity = Severity::block;
    if (identity.status == IdentityStatus::unknown) {
      if (policy_.unknown_account == policy::UnknownAccountMode::allow) {
        verdict.decision = Decision::allow;
        return verdict;
      }
      if (policy_.unknown_account == policy::UnknownAccountMode::warn) severity = Severity::warn;
    }
    const std::string rule_id = identity.status == IdentityStatus::unknown ? "unknown_account"
                                : identity.status == IdentityStatus::mismatch ? "account_mismatch"
                                                                              : "account_unreadable";
    verdict.violations.push_back({rule_id, "account", severity, identity.reason, std::nullopt});
  } else {
    const auto index = static_cast<std::size_t>(identity.account - policy_.accounts.data());
    for (const auto &compiled : compiled_[index]) {
      if (!compiled.terms) continue;
      for (const auto &match : compiled.terms->find(request.text)) {
        const auto &term = compiled.terms->patterns()[match.pattern_index].text;
        std::string message = "\"" + term + "\" is banned on @" + identity.account->handle;
        if (!compiled.rule->message.empty()) message += ": " + compiled.rule->message;
        verdict.violations.push_back(
            {compiled.rule->id, std::string(compiled.rule->kind()), compiled.rule->severity, message, Span{match.begin, match.end}});
      }
    }
  }

  const bool any_block = std::ranges::any_of(verdict.violations, [](const Violation &v) { return v.severity == Severity::block; });
  verdict.decision = any_block ? Decision::block : verdict.violations.empty() ? Decision::allow : Decision::warn;
  return verdict;
}

} // namespace handleguard::rules
