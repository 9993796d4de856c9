#include "rules/schedule_check.hpp"

#include <array>
#include <cstdio>

#include "util/local_time.hpp"

namespace handleguard::rules {

namespace {
constexpr std::array<std::string_view, 7> day_names = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

bool opens_on(const policy::TimeWindow &window, int weekday) {
  return (window.days & (1U << static_cast<unsigned>(weekday))) != 0;
}

bool inside(const policy::TimeWindow &window, int weekday, int minute) {
  if (window.from_minute < window.to_minute) {
    return opens_on(window, weekday) && minute >= window.from_minute && minute < window.to_minute;
  }
  // Runs past midnight: the evening part belongs to the opening day, the morning part to the day after.
  const int previous_day = (weekday + 6) % 7;
  return (opens_on(window, weekday) && minute >= window.from_minute) || (opens_on(window, previous_day) && minute < window.to_minute);
}

std::string clock(int minute) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
  return buffer;
}

std::string describe(const policy::TimeWindow &window) {
  std::string days;
  for (int day = 0; day < 7; ++day) {
    if (opens_on(window, day)) days += (days.empty() ? "" : ",") + std::string(day_names[static_cast<std::size_t>(day)]);
  }
  return days + " " + clock(window.from_minute) + "-" + clock(window.to_minute);
}
} // namespace

std::optional<std::string> judge_schedule(const policy::ScheduleRule &rule, std::string_view zone,
                                          std::chrono::system_clock::time_point at) {
  const auto local = util::local_time(zone, at);
  if (!local) return "the time zone " + std::string(zone) + " is unknown to this system";
  char date[48];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", local->year, local->month, local->day);
  const std::string now = std::string(day_names[static_cast<std::size_t>(local->weekday)]) + " " + date + " " +
                          clock(local->minute_of_day) + " " + std::string(zone);
  for (const auto &blackout : rule.blackout_dates) {
    if (blackout == policy::LocalDate{local->year, local->month, local->day}) {
      return std::string(date) + " is a blackout date (" + now + ")";
    }
  }
  if (rule.windows.empty()) return std::nullopt;
  std::string windows;
  for (const auto &window : rule.windows) {
    if (inside(window, local->weekday, local->minute_of_day)) return std::nullopt;
    windows += (windows.empty() ? "" : "; ") + describe(window);
  }
  return "outside the posting hours (" + windows + ") at " + now;
}

} // namespace handleguard::rules
