#include "util/local_time.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

namespace handleguard::util {

namespace {
std::unique_ptr<icu::TimeZone> find_zone(std::string_view zone) {
  if (zone.empty()) return nullptr;
  std::unique_ptr<icu::TimeZone> found(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(icu::StringPiece(zone.data(), static_cast<int32_t>(zone.size())))));
  icu::UnicodeString id;
  found->getID(id);
  // ICU answers an unknown name with "Etc/Unknown" rather than failing.
  if (id == UNICODE_STRING_SIMPLE("Etc/Unknown")) return nullptr;
  return found;
}

bool digits(std::string_view text, std::size_t at, std::size_t count, int &out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

std::int64_t days_from_civil(int year, int month, int day) {
  // Howard Hinnant's algorithm: days since 1970-01-01 of a proleptic Gregorian date.
  const int y = month <= 2 ? year - 1 : year;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}
} // namespace

bool is_known_time_zone(std::string_view zone) { return find_zone(zone) != nullptr; }

std::optional<LocalTime> local_time(std::string_view zone, std::chrono::system_clock::time_point at) {
  auto time_zone = find_zone(zone);
  if (!time_zone) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  icu::GregorianCalendar calendar(time_zone.release(), status); // adopts the zone
  if (U_FAILURE(status)) return std::nullopt;
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
  calendar.setTime(static_cast<UDate>(millis), status);
  LocalTime out;
  out.year = calendar.get(UCAL_YEAR, status);
  out.month = calendar.get(UCAL_MONTH, status) + 1;
  out.day = calendar.get(UCAL_DATE, status);
  out.weekday = (calendar.get(UCAL_DAY_OF_WEEK, status) + 5) % 7; // ICU: Sunday = 1
  out.minute_of_day = calendar.get(UCAL_HOUR_OF_DAY, status) * 60 + calendar.get(UCAL_MINUTE, status);
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

bool is_valid_date(int year, int month, int day) {
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int limit = month == 2 && leap ? 29 : days_in_month[month - 1];
  return day <= limit;
}

std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(text, 0, 4, year) || text.size() < 16 || text[4] != '-' || !digits(text, 5, 2, month) || text[7] != '-' ||
      !digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, hour) ||
      text[13] != ':' || !digits(text, 14, 2, minute)) {
    return std::nullopt;
  }
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!digits(text, at + 1, 2, second)) return std::nullopt;
    at += 3;
    if (at < text.size() && text[at] == '.') { // fractions of a second: ignored
      ++at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    }
  }
  if (!is_valid_date(year, month, day) || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  // system_clock counts nanoseconds in 64 bits, up to 2262 only: a later time would overflow
  // (undefined behaviour), and none is a post's.
  if (year < min_year || year > max_year) return std::nullopt;
  int offset_minutes = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int offset_hours = 0, offset_mins = 0;
    if (!digits(text, at + 1, 2, offset_hours)) return std::nullopt;
    std::size_t next = at + 3;
    if (next < text.size() && text[next] == ':') ++next;
    if (!digits(text, next, 2, offset_mins) || offset_hours > 23 || offset_mins > 59) return std::nullopt;
    offset_minutes = (offset_hours * 60 + offset_mins) * (text[at] == '-' ? -1 : 1);
    at = next + 2;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  const std::int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                               static_cast<std::int64_t>(offset_minutes) * 60;
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

std::string format_iso8601_utc(std::chrono::system_clock::time_point at) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  // Inverse of days_from_civil.
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year >= 0 && year <= 9999) { // every real date: digits written directly (snprintf cost a check ~3,000 instructions)
    std::string out = "0000-00-00T00:00:00Z";
    const auto put = [&out](std::size_t position, std::int64_t value, int width) {
      for (int i = width - 1; i >= 0; --i, value /= 10) out[position + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, year, 4);
    put(5, month, 2);
    put(8, day, 2);
    put(11, rest / 3600, 2);
    put(14, rest / 60 % 60, 2);
    put(17, rest % 60, 2);
    return out;
  }
  // Sized for any int64 year, not only the ±292 years a nanosecond system_clock can hold: g++
  // cannot prove the narrower range, and its Debug build (sanitize preset) stops on
  // -Wformat-truncation otherwise.
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  return buffer;
}

} // namespace handleguard::util
