#pragma once
// Judges the time a post goes out against a schedule rule, in the account's time zone.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "policy/rule_bodies.hpp"

namespace handleguard::rules {

// Returns why `at` is outside the rule's windows or on a blackout date, or nullopt when fine.
// A window whose `to` is not after its `from` runs past midnight into the next day; its `days`
// name the day it opens. Wall-clock times are the zone's own, so DST shifts move the windows
// with the local clock.
[[nodiscard]] std::optional<std::string> judge_schedule(const policy::ScheduleRule &rule, std::string_view zone,
                                                        std::chrono::system_clock::time_point at);

} // namespace handleguard::rules
