#pragma once
// The kinds of rule a policy can hold, one struct each (docs/policy.md, "Rule kinds").
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace handleguard::policy {

struct BannedTerm {
  std::string text;
  bool substring = false; // match inside words too ("scam" in "scammer"), not only whole words
};

// Terms inline and from lexicon files; a lexicon's terms are read (and its hash checked) at load.
struct BannedTermsRule {
  std::vector<BannedTerm> terms;
  std::vector<std::string> allow; // words inside which no term is reported (lexicons' `!` lines)
};

// An RE2 expression the text must not match.
struct PatternRule {
  std::string pattern;
  bool case_insensitive = true;
};

// Terms the text must carry: at least one of `any_of`, and every one of `all_of`.
struct RequiredRule {
  std::vector<BannedTerm> any_of;
  std::vector<BannedTerm> all_of;
};

struct HashtagsRule {
  std::vector<std::string> forbidden; // lower case, without '#'
  std::vector<std::string> required;
  std::optional<int> max;
};

struct MentionsRule {
  std::vector<std::string> forbidden; // normalised handles
};

struct LinksRule {
  std::vector<std::string> allowed_domains; // empty = any domain not denied
  std::vector<std::string> denied_domains;
  bool deny_shorteners = true;
  bool deny_lookalikes = true;
};

struct LengthRule {
  int max = 280; // weighted, as X counts
};

struct TimeWindow {
  unsigned days = 0x7FU; // bit 0 = Monday ... bit 6 = Sunday: the day the window opens
  int from_minute = 0;   // minutes after local midnight, inclusive
  int to_minute = 0;     // exclusive; <= from_minute means the window runs past midnight
};

struct LocalDate {
  int year = 0, month = 0, day = 0;
  bool operator==(const LocalDate &) const = default;
};

struct ScheduleRule {
  std::vector<TimeWindow> windows; // empty = any time not blacked out
  std::vector<LocalDate> blackout_dates;
};

struct RateRule {
  std::optional<int> per_hour;
  std::optional<int> per_day;
  std::optional<int> min_gap_minutes;
};

// Only these staff may act (empty = the account's own `staff` list).
struct StaffRule {
  std::vector<std::string> staff;
};

struct SignatureRule {
  std::string prefix = "^"; // the post ends with prefix + the poster's initials
};

struct LockdownRule {
  std::string reason;
};

using RuleBody = std::variant<BannedTermsRule, PatternRule, RequiredRule, HashtagsRule, MentionsRule, LinksRule,
                              LengthRule, ScheduleRule, RateRule, StaffRule, SignatureRule, LockdownRule>;

} // namespace handleguard::policy
