#pragma once
// The policy as the rest of the host sees it: organisation, staff, accounts and their rules.
// The JSON format is described in docs/policy.md (schema: docs/policy.schema.json);
// policy/parse.hpp turns it into this model.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_config.hpp"
#include "policy/rule_bodies.hpp"

namespace handleguard::policy {

enum class Severity { warn, block };
enum class AccountKind { brand, personal };
enum class UnknownAccountMode { block, warn, allow };
// When the user must type the account's handle before a post leaves.
enum class ConfirmHandle { never, brand, always };

[[nodiscard]] std::string_view to_string(Severity severity);
[[nodiscard]] std::string_view to_string(AccountKind kind);
[[nodiscard]] std::string_view to_string(UnknownAccountMode mode);
[[nodiscard]] std::string_view to_string(ConfirmHandle mode);

// What a user may do about a broken rule.
enum class OverrideMode {
  none,      // nothing: the post is held
  confirm,   // the user confirms explicitly (the default for warn rules)
  supervisor // a supervisor's passphrase, with a reason
};
[[nodiscard]] std::string_view to_string(OverrideMode mode);

struct Override {
  OverrideMode mode = OverrideMode::none;
  bool reason_required = false;
  std::string passphrase_hash; // Argon2id (libsodium crypto_pwhash_str) for supervisor overrides
};

// The X actions a rule can apply to; a bit set keeps a rule's list cheap to test.
enum class Action : unsigned { post = 1U, reply = 2U, quote = 4U, dm = 8U, schedule = 16U, repost = 32U, like = 64U, follow = 128U };
inline constexpr unsigned all_actions = 255U;
// Actions that carry text a rule about words, links or length can judge.
inline constexpr unsigned text_actions = 1U | 2U | 4U | 8U | 16U;
[[nodiscard]] std::optional<Action> parse_action(std::string_view name);
[[nodiscard]] std::string_view to_string(Action action);
[[nodiscard]] const std::vector<std::string_view> &action_names();

struct Rule {
  std::string id;
  Severity severity = Severity::block;
  std::string message; // shown to the user when the rule is broken
  Override override_;
  unsigned actions = text_actions; // bit set of Action
  RuleBody body;

  [[nodiscard]] std::string_view kind() const;
  [[nodiscard]] bool applies_to(Action action) const { return (actions & static_cast<unsigned>(action)) != 0; }
};

struct Staff {
  std::string id;
  std::string name;
  std::string initials;              // signs brand posts: "^AD"
  std::vector<std::string> os_users; // login names that identify this person on a workstation
};

struct Account {
  std::string handle;  // lower case, without '@'
  std::string user_id; // decimal string: X ids do not fit a double
  std::string display_name;
  std::string client;
  AccountKind kind = AccountKind::brand;
  std::string colour;            // "#rrggbb": the banner colour staff learn to recognise
  std::string timezone = "UTC";  // IANA zone the schedule rules are read in
  std::string guidelines;        // shown to staff with every verdict
  std::vector<std::string> staff; // staff ids allowed to post; empty = any staff member
  std::optional<bool> confirm_handle; // overrides the policy's confirm_handle for this account
  std::vector<Rule> rules;
};

// How the audit trail keeps a post's text: a keyed hash ("was it this text?"), or in full.
enum class PostTextMode { hash, full };

// The policy's `audit` section: covered by the policy's signature, so staff cannot silence the
// alerts or the collector an admin set (docs/audit.md).
struct AuditSettings {
  PostTextMode post_text = PostTextMode::hash;
  std::optional<audit::SyslogTarget> syslog;
  std::vector<audit::ResponseCommand> commands;
};

struct Policy {
  int schema = 1;
  std::int64_t serial = 0;
  std::string organization;
  UnknownAccountMode unknown_account = UnknownAccountMode::block;
  bool require_work_as = false;
  ConfirmHandle confirm_handle = ConfirmHandle::never;
  std::vector<Staff> staff;
  std::vector<Account> accounts;
  AuditSettings audit;

  [[nodiscard]] const Account *find_by_handle(std::string_view handle) const;
  [[nodiscard]] const Account *find_by_user_id(std::string_view user_id) const;
  [[nodiscard]] const Staff *find_staff(std::string_view id) const;
  [[nodiscard]] const Staff *find_staff_by_os_user(std::string_view os_user) const;
  [[nodiscard]] bool confirmation_required(const Account &account) const;
};

// Lower-cases `handle` and drops one leading '@'; returns nullopt unless 1-15 of [A-Za-z0-9_].
[[nodiscard]] std::optional<std::string> normalize_handle(std::string_view handle);
[[nodiscard]] bool is_valid_user_id(std::string_view user_id);

} // namespace handleguard::policy
