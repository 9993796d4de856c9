#pragma once
// Where the host reports what happened (verdicts, outcomes, overrides, policy loads, ...).
// audit::AuditStore implements it (SQLite, group commit, Merkle tree, signed checkpoints).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace handleguard::audit {

struct Event {
  std::string type;      // e.g. "verdict", "outcome", "override", "policy_load", "work_as"
  nlohmann::json fields; // account, action, verdict, rules, reason, staff, ... (an object)
};

class EventSink {
public:
  virtual ~EventSink() = default;
  // Records `event` and returns once it is durable (committed together with every event
  // waiting at that moment); returns false when it could not be made durable (the caller then
  // holds the post and tells the user).
  [[nodiscard]] virtual bool record(const Event &event) = 0;
  // record(), for an event the caller no longer needs: a sink that keeps events (batching)
  // takes it without copying its fields.
  [[nodiscard]] virtual bool record_owned(Event event) { return record(event); }
  // Queues `event` to be committed with the next record() or flush(), without waiting: for
  // events that release nothing (identify, heartbeat).
  virtual void enqueue(const Event &event) { (void)record(event); }
  // enqueue(), for an event the caller no longer needs.
  virtual void enqueue_owned(Event event) { enqueue(event); }
  // Commits everything queued; false when that failed.
  [[nodiscard]] virtual bool flush() { return true; }
  // Records every one of `events`, in order, and returns once all are durable (a store commits
  // them together); false when any could not be made durable.
  [[nodiscard]] virtual bool record_all(const std::vector<Event> &events) {
    bool ok = true;
    for (const auto &event : events) ok = record(event) && ok;
    return ok;
  }
  // record_all(), for events the caller no longer needs (a store keeps them without copies).
  [[nodiscard]] virtual bool record_all_owned(std::vector<Event> events) { return record_all(events); }
  // False when every event is thrown away (NullEventSink): callers may skip building them.
  [[nodiscard]] virtual bool keeps_events() const { return true; }
};

class NullEventSink final : public EventSink {
public:
  [[nodiscard]] bool record(const Event & /*event*/) override { return true; }
  void enqueue(const Event & /*event*/) override {}
  [[nodiscard]] bool flush() override { return true; }
  [[nodiscard]] bool keeps_events() const override { return false; }
};

// Stands in when the audit store cannot be opened: nothing is durable, so the guard holds every
// post that would otherwise be released (fail closed).
class UnavailableEventSink final : public EventSink {
public:
  [[nodiscard]] bool record(const Event & /*event*/) override { return false; }
  void enqueue(const Event & /*event*/) override {}
  [[nodiscard]] bool flush() override { return false; }
};

} // namespace handleguard::audit
