// Schedule windows in the account's time zone: across midnight, DST changes, blackout dates.
#include <gtest/gtest.h>

#include "rules/schedule_check.hpp"
#include "util/local_time.hpp"

namespace handleguard::rules {
namespace {

std::chrono::system_clock::time_point at(const char *iso) { return util::parse_iso8601(iso).value(); }

policy::TimeWindow window(unsigned days, int from, int to) { return {days, from, to}; }

TEST(ScheduleCheck, NightWindowRunsPastMidnightIntoTheNextDay) {
  // Friday 22:00 -> Saturday 02:00, in New York.
  const policy::ScheduleRule rule{{window(1U << 4U, 22 * 60, 2 * 60)}, {}};
  EXPECT_FALSE(judge_schedule(rule, "America/New_York", at("2026-06-05T23:30:00-04:00")).has_value()); // Fri 23:30
  EXPECT_FALSE(judge_schedule(rule, "America/New_York", at("2026-06-06T01:59:00-04:00")).has_value()); // Sat 01:59
  EXPECT_TRUE(judge_schedule(rule, "America/New_York", at("2026-06-06T02:00:00-04:00")).has_value());  // Sat 02:00
  EXPECT_TRUE(judge_schedule(rule, "America/New_York", at("2026-06-06T23:30:00-04:00")).has_value());  // Sat 23:30: opens Fridays only
  EXPECT_TRUE(judge_schedule(rule, "America/New_York", at("2026-06-05T01:00:00-04:00")).has_value());  // Fri 01:00: Thursday's night
}

TEST(ScheduleCheck, WindowsFollowTheLocalClockAcrossDaylightSavingChanges) {
  const policy::ScheduleRule rule{{window(0x7FU, 9 * 60, 17 * 60)}, {}};
  // Berlin moves from UTC+1 to UTC+2 on 2026-03-29: 08:30 UTC is 09:30 local after, 09:30 before.
  EXPECT_FALSE(judge_schedule(rule, "Europe/Berlin", at("2026-03-29T07:30:00Z")).has_value()); // 09:30 CEST
  EXPECT_TRUE(judge_schedule(rule, "Europe/Berlin", at("2026-03-28T07:30:00Z")).has_value());  // 08:30 CET
  // Back to UTC+1 on 2026-10-25: 16:30 UTC is 17:30 local, outside; 15:30 UTC is 16:30, inside.
  EXPECT_TRUE(judge_schedule(rule, "Europe/Berlin", at("2026-10-25T16:30:00Z")).has_value());
  EXPECT_FALSE(judge_schedule(rule, "Europe/Berlin", at("2026-10-25T15:30:00Z")).has_value());
}

TEST(ScheduleCheck, BlackoutDateIsTheAccountsLocalDate) {
  const policy::ScheduleRule rule{{}, {{2026, 12, 25}}};
  // 23:30 UTC on the 24th is already the 25th in Sydney, still the 24th in Los Angeles.
  EXPECT_TRUE(judge_schedule(rule, "Australia/Sydney", at("2026-12-24T23:30:00Z")).has_value());
  EXPECT_FALSE(judge_schedule(rule, "America/Los_Angeles", at("2026-12-24T23:30:00Z")).has_value());
}

TEST(ScheduleCheck, MessageNamesTheWindowAndTheLocalTime) {
  const policy::ScheduleRule rule{{window(0x1FU, 9 * 60, 17 * 60)}, {}};
  const auto why = judge_schedule(rule, "Europe/London", at("2026-06-06T10:00:00Z")); // Saturday 11:00 BST
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("Mon,Tue,Wed,Thu,Fri 09:00-17:00"), std::string::npos) << *why;
  EXPECT_NE(why->find("Sat 2026-06-06 11:00 Europe/London"), std::string::npos) << *why;
}

TEST(LocalTime, Iso8601NeedsAnOffsetAndARealDate) {
  EXPECT_TRUE(util::parse_iso8601("2026-02-28T10:00:00+01:00").has_value());
  EXPECT_FALSE(util::parse_iso8601("2026-02-29T10:00:00Z").has_value());
  EXPECT_FALSE(util::parse_iso8601("2026-02-28T10:00:00").has_value());
  EXPECT_EQ(util::format_iso8601_utc(util::parse_iso8601("2026-03-29T01:30+01:00").value()), "2026-03-29T00:30:00Z");
  // Nanoseconds since 1970 in 64 bits end in 2262: a later time is refused, not overflowed
  // (found by fuzz_content_calendar; the host reads scheduled_at the same way).
  EXPECT_FALSE(util::parse_iso8601("8523-06-03T10:00:00Z").has_value());
  EXPECT_FALSE(util::parse_iso8601("2201-01-01T00:00:00Z").has_value());
  EXPECT_FALSE(util::parse_iso8601("1677-01-01T00:00:00Z").has_value());
  EXPECT_EQ(util::format_iso8601_utc(util::parse_iso8601("2200-12-31T23:59:59Z").value()), "2200-12-31T23:59:59Z");
  EXPECT_EQ(util::format_iso8601_utc(util::parse_iso8601("1970-01-01T00:00:00+00:00").value()), "1970-01-01T00:00:00Z");
}

} // namespace
} // namespace handleguard::rules
