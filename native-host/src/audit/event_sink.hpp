#pragma once
// Where the host reports what happened (verdicts, outcomes, overrides, policy loads, ...).
// The audit store implements it; until one is configured, events go nowhere.
#include <string>

#include <nlohmann/json.hpp>

namespace handleguard::audit {

struct Event {
  std::string type;      // e.g. "verdict", "outcome", "override", "policy_load", "work_as"
  nlohmann::json fields; // account, action, verdict, rule ids, reason, ...
};

class EventSink {
public:
  virtual ~EventSink() = default;
  // Records `event`; returns false when it could not be made durable (the caller then holds
  // the post and tells the user).
  [[nodiscard]] virtual bool record(const Event &event) = 0;
};

class NullEventSink final : public EventSink {
public:
  [[nodiscard]] bool record(const Event & /*event*/) override { return true; }
};

} // namespace handleguard::audit
