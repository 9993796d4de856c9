#pragma once
// Wall-clock time in a named IANA time zone (through ICU, whose zone data is current on Debian;
// libstdc++ 12 has no std::chrono::tzdb yet).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace handleguard::util {

struct LocalTime {
  int year = 0, month = 0, day = 0; // month 1-12
  int weekday = 0;                  // 0 = Monday ... 6 = Sunday
  int minute_of_day = 0;            // 0-1439
};

[[nodiscard]] bool is_known_time_zone(std::string_view zone);

// Returns nullopt when `zone` is unknown.
[[nodiscard]] std::optional<LocalTime> local_time(std::string_view zone, std::chrono::system_clock::time_point at);

// Parses an ISO 8601 / RFC 3339 time with an offset or 'Z' ("2026-03-29T01:30:00+01:00",
// "2026-03-29T00:30Z"); seconds optional. A time without an offset is refused: it would be
// ambiguous; so is one outside the years min_year to max_year.
inline constexpr int min_year = 1970;
inline constexpr int max_year = 2200;
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text);
[[nodiscard]] std::string format_iso8601_utc(std::chrono::system_clock::time_point at);

// Returns true for a real calendar date.
[[nodiscard]] bool is_valid_date(int year, int month, int day);

} // namespace handleguard::util
