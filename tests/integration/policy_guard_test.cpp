// The CLI and the host give the same verdicts on the same drafts (every rule kind, scheduled
// posts, content calendars); overrides, outcomes and validation through the real binaries.
// Several host processes at once: policy_processes_test.cpp.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pwd.h>
#include <unistd.h>

#include "../host/test_support.hpp"
#include "audit_process_support.hpp"
#include "policy/lexicon_file.hpp"

using nlohmann::json;

namespace {

using Host = handleguard::testing::AuditedHost;

handleguard::testing::CliRun run_cli(const std::filesystem::path &home, const std::vector<std::string> &args) {
  return handleguard::testing::run_cli(args, home);
}

std::string os_user() {
  const passwd *entry = ::getpwuid(::geteuid());
  return entry != nullptr ? entry->pw_name : "nobody";
}

void write_policy(const std::filesystem::path &home, const json &policy) {
  std::filesystem::create_directories(home / "config");
  std::ofstream(home / "config" / "policy.json") << policy.dump(2);
}

json full_policy() {
  return {{"schema", 1},
          {"serial", 1},
          {"staff", {{{"id", "me"}, {"name", "Test Runner"}, {"initials", "TR"}, {"os_users", {os_user()}}}}},
          {"accounts",
           {{{"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"client", "Acme"}, {"kind", "brand"},
             {"timezone", "Europe/Berlin"}, {"guidelines", "Friendly, no prices."},
             {"rules",
              {{{"id", "no-refund"}, {"kind", "banned_terms"}, {"severity", "block"}, {"terms", {"refund"}}},
               {{"id", "card"}, {"kind", "pattern"}, {"severity", "block"}, {"pattern", R"(\d{4} \d{4})"}},
               {{"id", "disclose"}, {"kind", "required"}, {"severity", "warn"}, {"any_of", {"#ad"}}, {"actions", {"quote"}}},
               {{"id", "tags"}, {"kind", "hashtags"}, {"severity", "warn"}, {"max", 2}, {"forbidden", {"crypto"}}},
               {{"id", "rivals"}, {"kind", "mentions"}, {"severity", "block"}, {"forbidden", {"rivalcars"}}},
               {{"id", "links"}, {"kind", "links"}, {"severity", "block"}, {"allowed_domains", {"acme.com"}}},
               {{"id", "short"}, {"kind", "length"}, {"severity", "warn"}, {"max", 60}},
               {{"id", "sign"}, {"kind", "signature"}, {"severity", "warn"}, {"actions", {"reply"}}},
               {{"id", "xmas"}, {"kind", "schedule"}, {"severity", "block"}, {"blackout_dates", {"2026-12-25"}}}}}},
            {{"handle", "frozen"}, {"user_id", "99"}, {"client", "Frozen"}, {"kind", "brand"},
             {"rules", {{{"id", "crisis"}, {"kind", "lockdown"}, {"severity", "block"}, {"reason", "legal review"}}}}}}}};
}

struct Draft {
  std::string handle, user_id, text, action;
};

TEST(PolicyGuard, CliAndHostGiveTheSameVerdictsOnTheSameDrafts) {
  handleguard::testing::TempDir home;
  write_policy(home.path(), full_policy());
  const std::vector<Draft> drafts = {
      {"acmecars", "1500000000000000001", "New model out today", "post"},
      {"acmecars", "1500000000000000001", "Ask for a refund", "post"},
      {"acmecars", "1500000000000000001", "card 1234 5678", "dm"},
      {"acmecars", "1500000000000000001", "Look at this", "quote"},
      {"acmecars", "1500000000000000001", "#a #b #c #crypto", "post"},
      {"acmecars", "1500000000000000001", "hi @RivalCars", "reply"},
      {"acmecars", "1500000000000000001", "see https://evil.example.org/x", "post"},
      {"acmecars", "1500000000000000001", "see https://bit.ly/x and https://shop.acme.com", "post"},
      {"acmecars", "1500000000000000001", std::string(70, 'a'), "post"},
      {"acmecars", "1500000000000000001", "thanks!", "reply"},
      {"acmecars", "1500000000000000001", "thanks! ^TR", "reply"},
      {"acmecars", "1500000000000000001", "", "like"},
      {"frozen", "99", "anything", "like"},
      {"acmecars", "42", "renamed?", "post"},
      {"stranger", "7", "who am I", "post"},
  };
  Host host(home.path());
  int index = 0;
  for (const auto &draft : drafts) {
    const json from_host = host.ask({{"id", index++}, {"type", "check"}, {"handle", draft.handle}, {"user_id", draft.user_id},
                                     {"text", draft.text}, {"action", draft.action}});
    ASSERT_EQ(from_host["ok"], true) << from_host.dump();
    const auto cli = run_cli(home.path(), {"check", "--account", draft.handle, "--user-id", draft.user_id, "--text", draft.text,
                                           "--action", draft.action, "--json"});
    const json from_cli = json::parse(cli.out);
    EXPECT_EQ(from_cli["verdict"], from_host["verdict"]) << draft.text;
    EXPECT_EQ(from_cli["violations"], from_host["violations"]) << draft.text;
    EXPECT_EQ(from_cli["override"], from_host["override"]) << draft.text;
    EXPECT_EQ(from_cli["staff"], from_host["staff"]);
    const std::string verdict = from_host["verdict"];
    EXPECT_EQ(cli.status, verdict == "allow" ? 0 : verdict == "warn" ? 1 : 2) << draft.text;
  }
  // The table really exercised every outcome.
  EXPECT_EQ(run_cli(home.path(), {"check", "--account", "acmecars", "--text", "fine"}).status, 0);
  EXPECT_EQ(run_cli(home.path(), {"check", "--account", "frozen", "--text", "x"}).status, 2);
  EXPECT_EQ(run_cli(home.path(), {"check", "--account", "acmecars", "--text", "#a #b #c"}).status, 1);
}

// The rule kinds that depend on the workstation's shared state (rate counters, work-as) or on who
// is acting (staff) and the confirmation step: the CLI reads the same state as the host.
TEST(PolicyGuard, CliAndHostAgreeOnRateStaffConfirmationAndWorkAs) {
  handleguard::testing::TempDir home;
  json policy = full_policy();
  policy["confirm_handle"] = "brand";
  policy["staff"].push_back({{"id", "other"}, {"name", "Someone Else"}, {"initials", "SE"}, {"os_users", {"someone-else"}}});
  policy["accounts"][0]["rules"] = json::array({{{"id", "two"}, {"kind", "rate"}, {"severity", "block"}, {"per_hour", 2}}});
  policy["accounts"].push_back({{"handle", "private"}, {"user_id", "77"}, {"client", "Private"}, {"kind", "personal"},
                                {"staff", {"other"}}});
  write_policy(home.path(), policy);
  Host host(home.path());
  const auto same = [&](const std::string &handle, const std::string &user_id, const std::string &text) {
    const json from_host = host.ask({{"type", "check"}, {"handle", handle}, {"user_id", user_id}, {"text", text}});
    const auto cli = run_cli(home.path(), {"check", "--account", handle, "--user-id", user_id, "--text", text, "--json"});
    const json from_cli = json::parse(cli.out);
    EXPECT_EQ(from_cli["verdict"], from_host["verdict"]) << handle << ": " << text;
    EXPECT_EQ(from_cli["violations"], from_host["violations"]) << handle << ": " << text;
    EXPECT_EQ(from_cli["confirmation"], from_host["confirmation"]) << handle << ": " << text;
    return from_host;
  };
  // Confirmation step on a brand account: both ask for the handle.
  const json first = same("acmecars", "1500000000000000001", "one");
  EXPECT_EQ(first["confirmation"]["required"], true);
  // Staff: the personal account lists only someone else.
  EXPECT_EQ(same("private", "77", "hi")["violations"][0]["rule"], "staff");
  // Rate: two posts released through the host; the CLI sees the same counters.
  for (int i = 0; i < 2; ++i) {
    const json verdict = host.ask({{"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"text", "post"}});
    ASSERT_EQ(host.ask({{"type", "override"}, {"check_id", verdict["check_id"]}, {"typed_handle", "acmecars"}})["granted"], true);
    ASSERT_EQ(host.ask({{"type", "outcome"}, {"check_id", verdict["check_id"]}, {"outcome", "released"}})["counted"], true);
  }
  EXPECT_EQ(same("acmecars", "1500000000000000001", "third")["violations"][0]["rule"], "two");
  // Work-as: declared in the host, the CLI blocks the other account too.
  ASSERT_EQ(host.ask({{"type", "work_as_set"}, {"handle", "frozen"}})["ok"], true);
  const json wrong = same("acmecars", "1500000000000000001", "x");
  EXPECT_EQ(wrong["verdict"], "block");
  const json &violations = wrong["violations"];
  EXPECT_TRUE(std::any_of(violations.begin(), violations.end(), [](const json &v) { return v.value("rule", "") == "wrong_account"; })) << wrong.dump();
}

TEST(PolicyGuard, ScheduledPostIsJudgedAtItsGoOutTimeByBoth) {
  handleguard::testing::TempDir home;
  write_policy(home.path(), full_policy());
  Host host(home.path());
  const json reply = host.ask({{"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"text", "Merry"},
                               {"action", "schedule"}, {"scheduled_at", "2026-12-25T09:00:00+01:00"}});
  EXPECT_EQ(reply["verdict"], "block");
  EXPECT_EQ(reply["violations"][0]["rule"], "xmas");
  const auto cli = run_cli(home.path(), {"check", "--account", "acmecars", "--text", "Merry", "--action", "schedule", "--at",
                                         "2026-12-25T09:00:00+01:00", "--json"});
  EXPECT_EQ(cli.status, 2);
  EXPECT_EQ(json::parse(cli.out)["violations"], reply["violations"]);
}

TEST(PolicyGuard, CancelledPostIsGivenBackAndUnauthorizedReleaseRefused) {
  handleguard::testing::TempDir home;
  json policy = full_policy();
  policy["accounts"][0]["rules"] = json::array({{{"id", "one"}, {"kind", "rate"}, {"severity", "block"}, {"per_hour", 1}},
                                               {{"id", "w"}, {"kind", "banned_terms"}, {"severity", "warn"}, {"terms", {"cheap"}},
                                                {"override", {{"mode", "confirm"}, {"reason_required", true}}}}});
  write_policy(home.path(), policy);
  Host host(home.path());
  const json first = host.ask({{"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"text", "hi"}});
  EXPECT_EQ(host.ask({{"type", "outcome"}, {"check_id", first["check_id"]}, {"outcome", "released"}})["counted"], true);
  EXPECT_EQ(host.ask({{"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"text", "hi"}})["verdict"], "block");
  EXPECT_EQ(host.ask({{"type", "outcome"}, {"check_id", first["check_id"]}, {"outcome", "failed"}})["given_back"], true);

  const json warned = host.ask({{"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"text", "cheap"}});
  ASSERT_EQ(warned["verdict"], "warn");
  EXPECT_EQ(warned["override"]["reason_required"], true);
  EXPECT_TRUE(host.ask({{"type", "outcome"}, {"check_id", warned["check_id"]}, {"outcome", "released"}}).contains("refused"));
  EXPECT_EQ(host.ask({{"type", "override"}, {"check_id", warned["check_id"]}})["missing"], "reason");
  EXPECT_EQ(host.ask({{"type", "override"}, {"check_id", warned["check_id"]}, {"reason", "client approved"}})["granted"], true);
  EXPECT_EQ(host.ask({{"type", "outcome"}, {"check_id", warned["check_id"]}, {"outcome", "released"}})["counted"], true);
  const json last = host.ask({{"type", "last_verdicts"}, {"limit", 2}});
  ASSERT_EQ(last["verdicts"].size(), 2U);
  EXPECT_EQ(last["verdicts"][0]["check_id"], warned["check_id"]);
  EXPECT_EQ(last["verdicts"][0]["outcome"]["outcome"], "released");
}

TEST(PolicyGuard, ContentCalendarGivesOneVerdictPerRowAndASummary) {
  handleguard::testing::TempDir home;
  write_policy(home.path(), full_policy());
  std::ofstream(home.path() / "calendar.csv") << "account,text,time\r\n"
                                                  "acmecars,\"Hello, world\",2026-06-03T10:00:00Z\r\n"
                                                  "acmecars,\"Get a \"\"refund\"\"\",2026-06-03T11:00:00Z\r\n"
                                                  "acmecars,Merry,2026-12-25T10:00:00+01:00\r\n"
                                                  "frozen,\"multi\nline\",\r\n";
  const auto result = run_cli(home.path(), {"check", "--calendar", (home.path() / "calendar.csv").string(), "--json"});
  EXPECT_EQ(result.status, 2);
  const json out = json::parse(result.out);
  ASSERT_EQ(out["rows"].size(), 4U);
  EXPECT_EQ(out["rows"][0]["verdict"], "allow");
  EXPECT_EQ(out["rows"][1]["violations"][0]["rule"], "no-refund");
  EXPECT_EQ(out["rows"][2]["violations"][0]["rule"], "xmas");
  EXPECT_EQ(out["rows"][3]["line"], 5);
  EXPECT_EQ(out["summary"], json({{"rows", 4}, {"allow", 1}, {"warn", 0}, {"block", 3}}));
}

TEST(PolicyGuard, ContentCalendarRefusesARowItWouldJudgeOnlyInPart) {
  handleguard::testing::TempDir home;
  write_policy(home.path(), full_policy());
  // The unquoted comma splits the third row's text; its refund would go unseen.
  std::ofstream(home.path() / "split.csv") << "account,text\nacmecars,Hello\nacmecars,Great prices, ask for a refund\n";
  const auto split = run_cli(home.path(), {"check", "--calendar", (home.path() / "split.csv").string()});
  EXPECT_EQ(split.status, 65) << split.out;
  EXPECT_NE(split.err.find("split.csv: line 3, column 3: 3 cells, but the header has 2 cells"), std::string::npos) << split.err;
  EXPECT_TRUE(split.out.empty()) << split.out; // no verdict for a calendar read in part

  // A time that is not one stops the command too, naming its cell as a spreadsheet shows it,
  // before any row is judged: with --record the rows above it would otherwise be recorded.
  std::ofstream(home.path() / "late.csv") << "account,text,When,time\nacmecars,Hello,today,\nacmecars,Bye,today,next week\n";
  const auto late = run_cli(home.path(), {"check", "--calendar", (home.path() / "late.csv").string(), "--record"});
  EXPECT_EQ(late.status, 65) << late.out;
  EXPECT_TRUE(late.out.empty()) << late.out;
  EXPECT_NE(late.err.find("late.csv: line 3, column 4 (\"time\"): \"next week\" is not an ISO 8601 time"), std::string::npos) << late.err;

  // A handle the policy lacks is judged as the unknown account it is; columns of the team's own
  // are named on stderr, not read.
  std::ofstream(home.path() / "team.csv") << "Account,Text,Owner\nstranger,Hello,Sam\n";
  const auto team = run_cli(home.path(), {"check", "--calendar", (home.path() / "team.csv").string(), "--json"});
  EXPECT_EQ(team.status, 2) << team.out << team.err;
  const json rows = json::parse(team.out)["rows"];
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0]["violations"][0]["rule"], "unknown_account") << rows;
  EXPECT_NE(team.err.find("columns not read: \"Owner\""), std::string::npos) << team.err;
}

TEST(PolicyGuard, RuleGivingAKeyTwiceIsRefusedAndNothingWritten) {
  handleguard::testing::TempDir home;
  write_policy(home.path(), full_policy());
  const auto before = handleguard::testing::read_file(home.path() / "config" / "policy.json");
  // JSON would keep the second severity: a block rule silently added as a warning.
  const auto added = run_cli(home.path(), {"rule", "add", "acmecars", "--json",
                                           R"({"id":"no-speed","kind":"banned_terms","severity":"block","terms":["speed"],"severity":"warn"})"});
  EXPECT_EQ(added.status, 65) << added.out << added.err;
  EXPECT_NE(added.err.find("the rule: the key /severity appears twice"), std::string::npos) << added.err;
  EXPECT_EQ(handleguard::testing::read_file(home.path() / "config" / "policy.json"), before);
}

TEST(PolicyGuard, RuleWithALexiconBesideThePolicyIsAddedFromAnyFolder) {
  handleguard::testing::TempDir home;
  write_policy(home.path(), full_policy());
  const std::string lexicon = "tailgate\nroad rage\n";
  std::ofstream(home.path() / "config" / "brand-words.txt") << lexicon;
  // Relative to the policy's folder, as the policy file reads it: not to the command's own folder.
  const auto added = run_cli(home.path(), {"rule", "add", "acmecars", "--json",
                                           R"({"id":"brand-words","kind":"banned_terms","severity":"block","lexicons":[{"path":"brand-words.txt","sha256":")" +
                                               handleguard::policy::sha256_hex(lexicon) + R"("}]})"});
  ASSERT_EQ(added.status, 0) << added.out << added.err;
  const auto checked = run_cli(home.path(), {"check", "--account", "acmecars", "--text", "no road rage here"});
  EXPECT_EQ(checked.status, 2) << checked.out << checked.err;
  EXPECT_NE(checked.out.find("road rage"), std::string::npos) << checked.out;
}

TEST(PolicyGuard, CheckQuotesASpanOnOneShortHarmlessLine) {
  handleguard::testing::TempDir home;
  write_policy(home.path(), full_policy());
  // The length rule's span is the whole overflow, with an escape sequence the post carried.
  const auto checked = run_cli(home.path(), {"check", "--account", "acmecars", "--text",
                                             "refund " + std::string(60, 'y') + "\x1b[2J" + std::string(5'000, 'x')});
  EXPECT_EQ(checked.status, 2) << checked.out << checked.err;
  EXPECT_EQ(checked.out.find('\x1b'), std::string::npos) << "an escape sequence reached the terminal";
  std::size_t longest_line = 0;
  for (std::size_t begin = 0, end = 0; begin < checked.out.size(); begin = end + 1) {
    end = std::min(checked.out.find('\n', begin), checked.out.size());
    longest_line = std::max(longest_line, end - begin);
  }
  EXPECT_LT(longest_line, 300U) << checked.out;
  EXPECT_NE(checked.out.find("xxx…\""), std::string::npos) << checked.out;
}

TEST(PolicyGuard, ValidateExitsOneWithOneLinePerProblem) {
  handleguard::testing::TempDir home;
  std::filesystem::create_directories(home.path() / "config");
  std::ofstream(home.path() / "config" / "policy.json") << "{\"schema\": 1, \"accounts\": [], \"x\": 1, \"x\": 2}";
  const auto result = run_cli(home.path(), {"policy", "validate", "--json"});
  EXPECT_EQ(result.status, 1);
  const json out = json::parse(result.out);
  EXPECT_EQ(out["valid"], false);
  ASSERT_EQ(out["errors"].size(), 2U); // the duplicate, and the unknown field
  EXPECT_EQ(out["errors"][0]["pointer"], "/x");
  EXPECT_EQ(out["errors"][0]["column"], 39);
}

} // namespace
