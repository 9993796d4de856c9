#pragma once
// `check --record`: verdicts recorded in the audit log as the host records its verdicts
// (docs/audit.md), and the posts that may go out counted toward rate limits, a group at a time.
// A calendar's rows once took a disk sync each, twice (log and counters); a group takes one of
// each. A group is kept short (in rows and in time), since the counters stay locked against the
// hosts of this user while it is open.
#include <chrono>
#include <string>
#include <vector>

#include "audit/event_sink.hpp"
#include "audit_recording.hpp"
#include "rules/guard.hpp"

namespace handleguard::cli {

class VerdictRecorder {
public:
  // Opens the audit log (CliError 73 when it cannot be).
  VerdictRecorder(const Context &context, rules::Guard &guard);
  ~VerdictRecorder(); // a group not committed is counted nowhere
  VerdictRecorder(const VerdictRecorder &) = delete;
  VerdictRecorder &operator=(const VerdictRecorder &) = delete;

  // Adds the verdict on `draft` to the group. A post that may go out is counted at once, inside
  // the group's transaction, so that the rate rules of the next draft see it.
  void add(const rules::RuleEngine &engine, const rules::Verdict &verdict, const rules::Draft &draft);
  // Whether the group is as large or as old as a group may be.
  [[nodiscard]] bool group_due() const;
  // Makes the group durable: its verdicts in one audit commit, then its counts in one commit of
  // the counters (the verdict durable before the post counts, as in the host). When the audit
  // commit fails, nothing of the group is recorded or counted; throws CliError (73), the message
  // starting with `what` (e.g. "lines 2-1001").
  void commit(const std::string &what);

private:
  CliAuditLog audit_log_;
  rules::Guard &guard_;
  std::vector<audit::Event> events_;
  std::chrono::steady_clock::time_point started_;
  bool counting_ = false; // the counters' transaction of this group is open
};

} // namespace handleguard::cli
