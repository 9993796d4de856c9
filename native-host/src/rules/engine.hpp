#pragma once
// Judges posts against a loaded policy. Built once per policy load (matchers compiled then),
// used for every request; the CLI and the host both go through it, so they always agree.
#include <memory>
#include <string>
#include <vector>

#include "policy/model.hpp"
#include "rules/verdict.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::rules {

struct CheckRequest {
  std::string handle;  // as the page shows it; may be empty when the layout shows none
  std::string user_id; // from the twid cookie; empty when unknown
  std::string text;    // UTF-8
  std::string action = "post";
};

class RuleEngine {
public:
  explicit RuleEngine(policy::Policy policy);

  [[nodiscard]] const policy::Policy &policy() const { return policy_; }
  [[nodiscard]] Identity identify(std::string_view handle, std::string_view user_id) const;
  [[nodiscard]] Verdict check(const CheckRequest &request) const;

private:
  struct CompiledRule {
    const policy::Rule *rule;
    std::unique_ptr<text::TermMatcher> terms; // for banned_terms
  };
  policy::Policy policy_;
  std::vector<std::vector<CompiledRule>> compiled_; // per account, same order as policy_.accounts
};

} // namespace handleguard::rules
