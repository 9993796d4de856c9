#pragma once
// The verdicts one host process gave lately, by check id: what a later override or outcome
// message refers to, and what the popup lists. In memory: a post is checked, confirmed and
// released over one native port, so one process sees its whole life.
#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/rate_history.hpp"
#include "rules/verdict.hpp"

namespace handleguard::rules {

struct LoggedVerdict {
  std::string check_id;
  // What later events about this verdict repeat (docs/audit.md); not the whole reply: copying
  // and freeing that tree on every check cost more than the rules engine.
  std::vector<std::string> rules; // the rules broken, as sent
  nlohmann::json staff;           // the staff member's id, or null
  std::string handle;     // the managed account, empty when none
  std::string action;
  TimePoint at{};
  Decision decision = Decision::block;
  OverrideOffer offer;
  bool confirmation_required = false;
  std::vector<std::string> passphrase_hashes; // of the supervisor rules broken, each must accept
  bool authorized = false;                    // may be released: allowed, confirmed or overridden
  std::string outcome;                        // released, posted, cancelled, failed; empty until told
};

class VerdictLog {
public:
  static constexpr std::size_t capacity = 200;

  LoggedVerdict &add(LoggedVerdict entry);
  [[nodiscard]] LoggedVerdict *find(std::string_view check_id);
  // The newest first.
  [[nodiscard]] std::vector<const LoggedVerdict *> latest(std::size_t limit) const;

private:
  std::deque<LoggedVerdict> entries_;
};

// A fresh random id (128 bits, hex) for a verdict.
[[nodiscard]] std::string new_check_id();

} // namespace handleguard::rules
