#pragma once
// Judges posts against a loaded policy. Built once per policy load (matchers compiled then),
// used for every request; the CLI and the host both go through check(), so they always agree.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/model.hpp"
#include "rules/rate_history.hpp"
#include "rules/verdict.hpp"
#include "text/pattern.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::rules {

struct CheckRequest {
  std::string handle;  // as the page shows it; may be empty when the layout shows none
  std::string user_id; // from the twid cookie; empty when unknown
  std::string text;    // UTF-8
  std::string action = "post";
  std::string os_user;                      // who runs the host: the staff member is looked up by it
  std::optional<std::string> staff_id;      // an admin's dry run names the staff member instead
  TimePoint at = std::chrono::system_clock::now(); // when the post goes out (a scheduled post: its time)
  std::optional<std::string> work_as;       // the handle declared with `work-as`, when one is in force
};

class RuleEngine {
public:
  explicit RuleEngine(policy::Policy policy);

  [[nodiscard]] const policy::Policy &policy() const { return policy_; }
  [[nodiscard]] Identity identify(std::string_view handle, std::string_view user_id) const;
  // `rates` may be null when the policy has no rate rule worth reading (then rate rules see no history).
  [[nodiscard]] Verdict check(const CheckRequest &request, RateHistorySource *rates = nullptr) const;
  // The rate rules that count `action` on `account` (for claiming a release atomically).
  [[nodiscard]] std::vector<const policy::Rule *> rate_rules(const policy::Account &account, policy::Action action) const;

private:
  struct CompiledRule {
    const policy::Rule *rule;
    std::unique_ptr<text::TermMatcher> terms;    // banned_terms; required: any_of
    std::unique_ptr<text::TermMatcher> all_of;   // required: all_of
    std::optional<text::Pattern> pattern;        // pattern
    std::vector<std::string> folded;             // hashtags: forbidden, then required (case-folded)
  };
  void check_account_rules(const CheckRequest &request, policy::Action action, const policy::Account &account,
                           const policy::Staff *staff, RateHistorySource *rates, Verdict &verdict) const;

  policy::Policy policy_;
  std::vector<std::vector<CompiledRule>> compiled_; // per account, same order as policy_.accounts
};

// Case-folds `text` (Unicode simple folding), for comparing hashtags and terms.
[[nodiscard]] std::string fold_case(std::string_view text);

} // namespace handleguard::rules
