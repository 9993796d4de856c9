#pragma once
// The policy as the rest of the host sees it: accounts, their identity and their rules.
// The JSON format is described in docs/policy.md; policy/parse.hpp turns it into this model.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace handleguard::policy {

enum class Severity { warn, block };
enum class AccountKind { brand, personal };
enum class UnknownAccountMode { block, warn, allow };

[[nodiscard]] std::string_view to_string(Severity severity);
[[nodiscard]] std::string_view to_string(AccountKind kind);

struct BannedTerm {
  std::string text;
  bool substring = false; // match inside words too ("scam" in "scammer"), not only whole words
};

struct BannedTermsRule {
  std::vector<BannedTerm> terms;
};

using RuleBody = std::variant<BannedTermsRule>;

struct Rule {
  std::string id;
  Severity severity = Severity::block;
  std::string message; // shown to the user when the rule is broken
  RuleBody body;

  [[nodiscard]] std::string_view kind() const;
};

struct Account {
  std::string handle;  // lower case, without '@'
  std::string user_id; // decimal string: X ids do not fit a double
  std::string display_name;
  std::string client;
  AccountKind kind = AccountKind::brand;
  std::vector<Rule> rules;
};

struct Policy {
  int schema = 1;
  std::int64_t serial = 0;
  std::string organization;
  UnknownAccountMode unknown_account = UnknownAccountMode::block;
  std::vector<Account> accounts;

  [[nodiscard]] const Account *find_by_handle(std::string_view handle) const;
  [[nodiscard]] const Account *find_by_user_id(std::string_view user_id) const;
};

// Lower-cases `handle` and drops one leading '@'; returns nullopt unless 1-15 of [A-Za-z0-9_].
[[nodiscard]] std::optional<std::string> normalize_handle(std::string_view handle);
[[nodiscard]] bool is_valid_user_id(std::string_view user_id);

} // namespace handleguard::policy
