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
  int last_hour = 0; // released posts in (at - 1 h, at]
  int last_day = 0;  // released posts in (at - 24 h, at]
  std::optional<TimePoint> latest; // the latest released post at or before `at`
  std::string error;               // why the counts could not be read (the rate rule then blocks)
};

class RateHistorySource {
public:
  virtual ~RateHistorySource() = default;
  // Counts the posts of `handle` whose action is in the bit set `actions` (policy::Action).
  [[nodiscard]] virtual RateHistory history(std::string_view handle, unsigned actions, TimePoint at) = 0;
};

} // namespace handleguard::rules
