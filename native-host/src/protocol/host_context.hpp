#pragma once
// Everything a request handler may use. One per host process; handlers get it by reference.
// Add members here as the host grows (audit sink, work-as store, rate counters, ...).
#include "audit/event_sink.hpp"
#include "install/caller_check.hpp"
#include "policy/policy_source.hpp"
#include "rules/guard.hpp"
#include "rules/verdict_log.hpp"

namespace handleguard::protocol {

struct HostContext {
  policy::PolicySource &policy_source;
  audit::EventSink &events;
  rules::Guard &guard;          // staff from the OS user, work-as, rate counters
  rules::VerdictLog &verdicts;  // this process's recent verdicts, by check id
  const install::Caller *caller = nullptr; // the extension that started the host (null: unknown, e.g. unit tests)
};

} // namespace handleguard::protocol
