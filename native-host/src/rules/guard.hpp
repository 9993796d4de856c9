#pragma once
// The one path from a draft to a verdict, shared by the host and `handleguard check`: it adds
// what the engine needs from the workstation (who is acting, the work-as declaration, the rate
// counts) and this workstation's lockdowns, so both give the same verdict for the same draft.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "config/paths.hpp"
#include "lockdown/local_lockdowns.hpp"
#include "rules/engine.hpp"
#include "rules/rate_ledger.hpp"
#include "rules/work_as_store.hpp"

namespace handleguard::rules {

struct Draft {
  std::string handle;
  std::string user_id;
  std::string text;
  std::string action = "post";
  std::optional<TimePoint> scheduled_at; // a scheduled post is judged at the time it goes out
  std::optional<std::string> staff_id;   // dry runs only: the host always acts as its OS user
  ThreadPlace thread;                    // in a thread, its posts and this one's place
};

class Guard {
public:
  Guard(config::Paths paths, std::string os_user);

  [[nodiscard]] Verdict judge(const RuleEngine &engine, const Draft &draft, TimePoint now);

  [[nodiscard]] WorkAsStore &work_as() { return work_as_; }
  // This workstation's lockdown list, read again only when it changed.
  [[nodiscard]] lockdown::LockdownList &lockdowns() { return lockdowns_; }
  [[nodiscard]] const std::string &os_user() const { return os_user_; }
  // Resolved once, when the host starts (a per-check resolve_paths() cost two stats).
  [[nodiscard]] const config::Paths &paths() const { return paths_; }
  // Opens the shared counters on first use.
  [[nodiscard]] std::expected<RateLedger *, std::string> ledger();

private:
  config::Paths paths_;
  std::string os_user_;
  WorkAsStore work_as_;
  lockdown::LockdownList lockdowns_;
  std::unique_ptr<RateLedger> ledger_;
};

} // namespace handleguard::rules
