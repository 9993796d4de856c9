#pragma once
// Lets the verdicts of pipelined requests share one audit commit. A browser may send several
// requests without waiting; committing each verdict alone would cost a disk sync per post. The
// host loop answers the requests already waiting as one batch: their verdict events are held
// here and committed together, and only then do their replies go out. When that commit fails,
// every reply that would have let a post go is turned into a block first (fail closed), as a
// single request's would be.
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/event_sink.hpp"
#include "protocol/reply.hpp"
#include "rules/verdict_log.hpp"

namespace handleguard::protocol {

class BatchingSink final : public audit::EventSink {
public:
  explicit BatchingSink(audit::EventSink &store) : store_(store) {}

  // A `verdict` event waits for settle() and reports success for now: its reply waits too.
  // Any other event is recorded at once, with everything waiting before it, in order.
  [[nodiscard]] bool record(const audit::Event &event) override { return record_owned(event); }
  [[nodiscard]] bool record_owned(audit::Event event) override;
  // Queued events (identify, policy loads) keep their place among the waiting verdicts.
  void enqueue(const audit::Event &event) override { waiting_.push_back(event); }
  void enqueue_owned(audit::Event event) override { waiting_.push_back(std::move(event)); }
  [[nodiscard]] bool record_all(const std::vector<audit::Event> &events) override;
  // Settles the batch, then commits everything the store still queues.
  [[nodiscard]] bool flush() override;
  [[nodiscard]] bool keeps_events() const override { return store_.keeps_events(); }

  // Ends a batch: commits the waiting verdicts (and what was queued among them); false when
  // any verdict of the batch could not be made durable. Queued events alone are handed to the
  // store's queue without a commit, as before batching.
  [[nodiscard]] bool settle();

private:
  [[nodiscard]] bool commit_waiting();      // at the end of a batch
  [[nodiscard]] bool commit_with_waiting(); // for an event that must be durable now

  audit::EventSink &store_;
  std::vector<audit::Event> waiting_;
  bool lost_ = false; // a commit that carried waiting verdicts failed
  bool verdicts_waiting_ = false;
};

// Turns `reply` (of `check` or `check_thread`) into a block because its verdict could not be
// recorded, and holds its logged verdicts the same way, so no later release can use them.
void hold_unrecorded_replies(Reply &reply, rules::VerdictLog &verdicts);

} // namespace handleguard::protocol
