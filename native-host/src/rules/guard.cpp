#include "rules/guard.hpp"

namespace handleguard::rules {

namespace {
// Opens the counters when a rate rule first asks (most posts meet none, and opening a database
// costs a start-up); when they cannot be opened, every rate rule blocks with the reason.
class CountsOnDemand final : public RateHistorySource {
public:
  explicit CountsOnDemand(Guard &guard) : guard_(guard) {}
  RateHistory history(std::string_view handle, unsigned actions, TimePoint at) override {
    auto opened = guard_.ledger();
    if (opened) return (*opened)->history(handle, actions, at);
    RateHistory failed;
    failed.error = opened.error();
    return failed;
  }

private:
  Guard &guard_;
};
} // namespace

Guard::Guard(config::Paths paths, std::string os_user)
    : paths_(std::move(paths)), os_user_(std::move(os_user)), work_as_(paths_.work_as_file()), lockdowns_(paths_.lockdowns_file()) {}

std::expected<RateLedger *, std::string> Guard::ledger() {
  if (!ledger_) {
    auto opened = RateLedger::open(paths_.counters_db());
    if (!opened) return std::unexpected(opened.error());
    ledger_ = std::move(*opened);
  }
  return ledger_.get();
}

Verdict Guard::judge(const RuleEngine &engine, const Draft &draft, TimePoint now) {
  CheckRequest request{draft.handle, draft.user_id, draft.text, draft.action, os_user_, draft.staff_id,
                       draft.scheduled_at.value_or(now), std::nullopt, draft.thread};
  std::string work_as_error;
  if (auto declared = work_as_.current(now)) {
    if (*declared) request.work_as = (*declared)->handle;
  } else {
    work_as_error = declared.error();
  }
  CountsOnDemand rates(*this);
  Verdict verdict = engine.check(request, &rates);
  if (!work_as_error.empty()) {
    verdict.violations.push_back({"work_as_unreadable", "work_as", policy::Severity::block,
                                  "the work-as declaration cannot be read: " + work_as_error, std::nullopt, {}});
    settle(verdict);
  }
  // A lock set on this workstation holds the post whatever the policy says (the host and
  // `handleguard check` alike).
  lockdown::apply_local_lockdown(lockdowns_.current(), draft.handle, verdict);
  return verdict;
}

} // namespace handleguard::rules
