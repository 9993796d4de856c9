#pragma once
// How many posts an account has released lately: the rate rule's input. rules/rate_ledger.hpp
// keeps it in SQLite, shared by every host process of the OS user.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace handleguard::rules {

using TimePoint = std::chrono::system_clock::time_point;

struct RateHistory {
  // Counted on both sides of `at`: a post checked earlier may be released after a later one
  // (another window, a scheduled post), and the limit must hold for every stretch of time.
  int last_hour = 0; // released posts less than 1 h from `at`
  int last_day = 0;  // released posts less than 24 h from `at`
  std::optional<std::chrono::milliseconds> nearest_gap; // to the released post nearest `at`
  std::string error;               // why the counts could not be read (the rate rule then blocks)
};

class RateHistorySource {
public:
  virtual ~RateHistorySource() = default;
  // Counts the posts of `handle` whose action is in the bit set `actions` (policy::Action).
  [[nodiscard]] virtual RateHistory history(std::string_view handle, unsigned actions, TimePoint at) = 0;
};

} // namespace handleguard::rules
