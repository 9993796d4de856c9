#pragma once
// The reply to a `check`, kept typed from the verdict until it is written: building, writing
// and freeing a JSON tree for it cost the host more than judging the post (docs/performance.md,
// "The check path"). Its text is byte for byte what the tree of to_json() gives
// (tests/host/protocol/check_reply_test.cpp).
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/engine.hpp"
#include "rules/verdict.hpp"

namespace handleguard::protocol {

struct CheckReply {
  nlohmann::json id; // the request's: null, a string or an integer
  rules::Verdict verdict;
  // Owns the account and staff member the verdict points to: a policy reloaded before this
  // reply is written must not free them.
  std::shared_ptr<const rules::RuleEngine> engine;
  std::string check_id;
  std::string policy_warning; // empty when the policy loaded cleanly
};

// Turns `verdict` into a block because its event could not be made durable in the audit log:
// the hold replaces the verdict as a whole, so nothing in it still offers a way to release.
void hold_unrecorded(rules::Verdict &verdict);
// The violation of that hold, shared with replies written as JSON trees (check_thread).
[[nodiscard]] rules::Violation audit_unavailable_violation();

// The `rule` of each violation, in order.
[[nodiscard]] std::vector<std::string> rule_ids(const rules::Verdict &verdict);

// The verdict of one post as JSON: what `check` answers, and each post of a `check_thread`.
[[nodiscard]] nlohmann::json post_verdict_json(const CheckReply &reply);
// The whole reply (with `id`, `ok` and `type`) as a tree: for replies too long for one message,
// which are shortened as trees, and for tests.
[[nodiscard]] nlohmann::json to_json(const CheckReply &reply);
// Appends the text of to_json(reply) to `out`, without building the tree.
void append_json(std::string &out, const CheckReply &reply);

} // namespace handleguard::protocol
