#pragma once
// Judges posts against a loaded policy. Built once per policy load, used for every request; the
// CLI and the host both go through check(), so they always agree. An account's matchers are
// compiled on its first check (a host answers for one account at a time, and a policy may hold
// hundreds), and accounts with the same terms share one compiled matcher.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "policy/model.hpp"
#include "rules/across_posts.hpp"
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
  ThreadPlace thread;                       // a thread's posts around this one: phrases are read across them
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
    std::shared_ptr<const text::TermMatcher> terms;  // banned_terms; required: any_of
    std::shared_ptr<const text::TermMatcher> all_of; // required: all_of
    std::optional<text::Pattern> pattern;            // pattern
    std::vector<std::string> folded;                 // hashtags: forbidden, then required (case-folded)
  };
  struct AccountRules {
    std::once_flag compiled;
    std::vector<CompiledRule> rules;
  };
  void check_account_rules(const CheckRequest &request, policy::Action action, const policy::Account &account,
                           const policy::Staff *staff, RateHistorySource *rates, Verdict &verdict) const;
  // Returns the compiled rules of the account at `index`, compiling them on first use.
  [[nodiscard]] const std::vector<CompiledRule> &compiled_rules(std::size_t index) const;
  [[nodiscard]] std::shared_ptr<const text::TermMatcher> shared_matcher(const std::vector<policy::BannedTerm> &terms,
                                                                        const std::vector<std::string> &allow) const;

  policy::Policy policy_;
  // Accounts by user id and by (normalized) handle: identify() runs on every check, and a scan
  // of hundreds of accounts cost more than the rest of identifying. The first account wins, as
  // in policy::Policy::find_by_*().
  std::unordered_map<std::string_view, const policy::Account *> by_user_id_;
  std::unordered_map<std::string_view, const policy::Account *> by_handle_;
  std::unique_ptr<AccountRules[]> compiled_; // per account, same order as policy_.accounts
  // Matchers by their exact terms and allow list, so accounts sharing a lexicon share its automaton.
  mutable std::mutex matchers_mutex_;
  mutable std::map<std::string, std::shared_ptr<const text::TermMatcher>, std::less<>> matchers_;
};

// Case-folds `text` (Unicode simple folding), for comparing hashtags and terms.
[[nodiscard]] std::string fold_case(std::string_view text);

} // namespace handleguard::rules
