// Every event type of the audit trail (docs/audit.md) written by the real host and CLI, read back
// from the real SQLite file: a post's whole story (verdict, confirmation, override, outcome),
// work-as changes, policy loads and changes, start/stop/heartbeat, host errors, `check --record`;
// the popup's last verdicts from the log across windows and restarts; post text kept in full
// when the policy says so; response commands named by the (signed) policy.
#include <chrono>
#include <gtest/gtest.h>
#include <pwd.h>
#include <thread>
#include <unistd.h>

#include "../host/test_support.hpp"
#include "audit/audit_store.hpp"
#include "audit_process_support.hpp"
#include "policy/passphrase.hpp"

namespace handleguard::testing {
namespace {

using nlohmann::json;

std::string os_user() {
  const passwd *entry = ::getpwuid(::geteuid());
  return entry != nullptr ? entry->pw_name : "nobody";
}

const std::string supervisor_passphrase = "correct horse battery staple";

json story_policy(int serial, const json &audit = json::object()) {
  json policy = {
      {"schema", 1},
      {"serial", serial},
      {"staff", {{{"id", "me"}, {"name", "Test Runner"}, {"initials", "TR"}, {"os_users", {os_user()}}}}},
      {"accounts",
       {{{"handle", "acmecars"},
         {"user_id", "1500000000000000001"},
         {"client", "Acme Cars"},
         {"kind", "brand"},
         {"rules",
          {{{"id", "cheap"}, {"kind", "banned_terms"}, {"severity", "warn"}, {"terms", {"cheap"}},
            {"override", {{"mode", "confirm"}, {"reason_required", true}}}},
           {{"id", "refund"}, {"kind", "banned_terms"}, {"severity", "block"}, {"terms", {"refund"}},
            {"override",
             {{"mode", "supervisor"}, {"reason_required", true},
              {"passphrase_hash", policy::hash_passphrase(supervisor_passphrase).value()}}}}}}}}}};
  if (!audit.empty()) policy["audit"] = audit;
  return policy;
}

void write_policy(const std::filesystem::path &home, const json &policy) {
  write_text(home / "config" / "policy.json", policy.dump(2));
}

// Every event, parsed straight from the SQLite file the host and CLI write.
std::vector<json> stored_events(const std::filesystem::path &home) {
  auto store = audit::AuditStore::open_read_only(home / "state" / "audit.sqlite");
  EXPECT_TRUE(store.has_value()) << (store ? "" : store.error());
  if (!store) return {};
  auto entries = (*store)->entries();
  EXPECT_TRUE(entries.has_value());
  std::vector<json> events;
  for (const auto &entry : entries.value_or(std::vector<audit::StoredEntry>{})) events.push_back(json::parse(entry.body));
  return events;
}

std::vector<json> of_type(const std::vector<json> &events, const std::string &type) {
  std::vector<json> out;
  for (const auto &event : events) {
    if (event.value("type", "") == type) out.push_back(event);
  }
  return out;
}

// The one event of `type` about `check_id`.
json about(const std::vector<json> &events, const std::string &type, const json &check_id) {
  json found = nullptr;
  for (const auto &event : of_type(events, type)) {
    if (event.value("check_id", json(nullptr)) == check_id) {
      EXPECT_TRUE(found.is_null()) << "two " << type << " events for " << check_id;
      found = event;
    }
  }
  EXPECT_FALSE(found.is_null()) << "no " << type << " event for " << check_id;
  return found;
}

json check(const std::string &text) {
  return {{"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"text", text}, {"action", "post"}};
}

TEST(AuditEvents, HostRecordsEveryEventTypeOfAPostsStory) {
  TempDir home;
  write_policy(home.path(), story_policy(1));
  write_text(home.path() / "config" / "audit.json", R"({"heartbeat_seconds": 1})");
  AuditedHost host(home.path());

  ASSERT_EQ(host.ask({{"type", "identify"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}}).value("ok", false), true);

  // A warning confirmed with a reason, then released.
  const json warned = host.ask(check("cheap cars today"));
  ASSERT_EQ(warned.value("verdict", ""), "warn") << warned.dump();
  ASSERT_EQ(host.ask({{"type", "override"}, {"check_id", warned["check_id"]}, {"reason", "client approved the wording"}})
                .value("granted", false),
            true);
  ASSERT_EQ(host.ask({{"type", "outcome"}, {"check_id", warned["check_id"]}, {"outcome", "released"}}).value("counted", false), true);

  // A block: a wrong supervisor passphrase, then the right one; then posted.
  const json blocked = host.ask(check("ask for a refund"));
  ASSERT_EQ(blocked.value("verdict", ""), "block");
  EXPECT_EQ(host.ask({{"type", "override"}, {"check_id", blocked["check_id"]}, {"reason", "legal ok"}, {"passphrase", "guess"}})
                .value("granted", true),
            false);
  ASSERT_EQ(host.ask({{"type", "override"}, {"check_id", blocked["check_id"]}, {"reason", "legal ok"},
                      {"passphrase", supervisor_passphrase}})
                .value("granted", false),
            true);
  ASSERT_EQ(host.ask({{"type", "outcome"}, {"check_id", blocked["check_id"]}, {"outcome", "posted"}}).value("ok", false), true);

  // Edited after a warning; an allowed post cancelled; an unauthorized release refused.
  const json edited = host.ask(check("cheap again"));
  ASSERT_EQ(host.ask({{"type", "outcome"}, {"check_id", edited["check_id"]}, {"outcome", "edited"}}).value("ok", false), true);
  const json cancelled = host.ask(check("hello"));
  ASSERT_EQ(cancelled.value("verdict", ""), "allow");
  ASSERT_EQ(host.ask({{"type", "outcome"}, {"check_id", cancelled["check_id"]}, {"outcome", "cancelled"}}).value("ok", false), true);
  const json sneaky = host.ask(check("cheap, no confirmation"));
  EXPECT_TRUE(host.ask({{"type", "outcome"}, {"check_id", sneaky["check_id"]}, {"outcome", "released"}}).contains("refused"));

  // Work-as declared and cleared.
  ASSERT_EQ(host.ask({{"type", "work_as_set"}, {"handle", "acmecars"}, {"minutes", 60}}).value("ok", false), true);
  ASSERT_EQ(host.ask({{"type", "work_as_set"}, {"handle", nullptr}}).value("ok", false), true);

  // The admin publishes serial 2: the next request notices the change.
  std::this_thread::sleep_for(std::chrono::milliseconds(20)); // a new mtime even on coarse clocks
  write_policy(home.path(), story_policy(2));
  ASSERT_EQ(host.ask({{"type", "hello"}}).value("ok", false), true);

  std::this_thread::sleep_for(std::chrono::milliseconds(1600)); // at least one heartbeat
  // A frame announcing 2 GiB: the host records the error and ends.
  host.send_raw(std::string("\xff\xff\xff\x7f", 4));
  EXPECT_EQ(host.close_and_wait(), 1);

  const auto events = stored_events(home.path());
  ASSERT_FALSE(events.empty());
  for (const auto &event : events) {
    EXPECT_EQ(event.value("os_user", ""), os_user()) << event.dump();
    EXPECT_TRUE(event.contains("workstation") && event.contains("time") && event.contains("pid")) << event.dump();
  }
  EXPECT_EQ(of_type(events, "host_start").size(), 1U);
  ASSERT_EQ(of_type(events, "host_stop").size(), 1U);
  EXPECT_EQ(of_type(events, "host_stop")[0].value("status", 0), 1);
  ASSERT_EQ(of_type(events, "host_error").size(), 1U);
  EXPECT_FALSE(of_type(events, "host_error")[0].value("error", "").empty());
  EXPECT_GE(of_type(events, "heartbeat").size(), 1U);
  ASSERT_EQ(of_type(events, "identify").size(), 1U);
  EXPECT_EQ(of_type(events, "identify")[0].value("account", ""), "acmecars");
  ASSERT_EQ(of_type(events, "policy_load").size(), 1U);
  EXPECT_EQ(of_type(events, "policy_load")[0].value("policy_serial", 0), 1);
  ASSERT_EQ(of_type(events, "policy_change").size(), 1U);
  EXPECT_EQ(of_type(events, "policy_change")[0].value("policy_serial", 0), 2);

  // The verdicts: who, which account, what, which rules; text only as a keyed hash.
  const json warn_verdict = about(events, "verdict", warned["check_id"]);
  EXPECT_EQ(warn_verdict.value("staff", ""), "me");
  EXPECT_EQ(warn_verdict.value("account", ""), "acmecars");
  EXPECT_EQ(warn_verdict.value("action", ""), "post");
  EXPECT_EQ(warn_verdict.value("verdict", ""), "warn");
  EXPECT_EQ(warn_verdict.value("rules", json()), json({"cheap"}));
  EXPECT_EQ(warn_verdict.value("text_hash", "").size(), 64U);
  EXPECT_FALSE(warn_verdict.contains("text") || warn_verdict.contains("post_text")) << warn_verdict.dump();
  EXPECT_EQ(about(events, "verdict", blocked["check_id"]).value("rules", json()), json({"refund"}));

  const json confirmation = about(events, "confirmation", warned["check_id"]);
  EXPECT_EQ(confirmation.value("reason", ""), "client approved the wording");
  EXPECT_EQ(confirmation.value("staff", ""), "me");
  EXPECT_EQ(confirmation.value("verdict", ""), "warn");
  EXPECT_EQ(confirmation.value("supervisor", true), false);
  const json refused = about(events, "override_refused", blocked["check_id"]);
  EXPECT_EQ(refused.value("staff", ""), "me");
  const json override_event = about(events, "override", blocked["check_id"]);
  EXPECT_EQ(override_event.value("reason", ""), "legal ok");
  EXPECT_EQ(override_event.value("supervisor", false), true);
  EXPECT_EQ(override_event.value("staff", ""), "me");
  EXPECT_EQ(override_event.value("rules", json()), json({"refund"}));

  EXPECT_EQ(about(events, "outcome", warned["check_id"]).value("outcome", ""), "released");
  EXPECT_EQ(about(events, "outcome", warned["check_id"]).value("counted", false), true);
  EXPECT_EQ(about(events, "outcome", blocked["check_id"]).value("outcome", ""), "posted");
  EXPECT_EQ(about(events, "outcome", edited["check_id"]).value("outcome", ""), "edited");
  EXPECT_EQ(about(events, "outcome", cancelled["check_id"]).value("outcome", ""), "cancelled");
  EXPECT_EQ(about(events, "outcome_refused", sneaky["check_id"]).value("outcome", ""), "released");

  const auto work_as = of_type(events, "work_as");
  ASSERT_EQ(work_as.size(), 2U);
  EXPECT_EQ(work_as[0].value("account", ""), "acmecars");
  EXPECT_EQ(work_as[0].value("minutes", 0), 60);
  EXPECT_EQ(work_as[0].value("staff", ""), "me");
  EXPECT_TRUE(work_as[1].at("account").is_null());

  EXPECT_EQ(run_cli({"log", "verify"}, home.path()).status, 0);
}

TEST(AuditEvents, CliWorkAsAndCheckRecordAreAuditedAndThePopupReadsEveryWindowAfterARestart) {
  TempDir home;
  write_policy(home.path(), story_policy(1, {{"post_text", "full"}}));

  ASSERT_EQ(run_cli({"work-as", "acmecars", "--for", "2h"}, home.path()).status, 0);
  ASSERT_EQ(run_cli({"work-as", "--clear"}, home.path()).status, 0);
  // A dry run records nothing; --record writes the verdict before counting the post.
  EXPECT_EQ(run_cli({"check", "--account", "acmecars", "--text", "not recorded"}, home.path()).status, 0);
  EXPECT_EQ(run_cli({"check", "--account", "acmecars", "--text", "recorded from the CLI", "--record"}, home.path()).status, 0);

  auto events = stored_events(home.path());
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0].value("type", ""), "work_as");
  EXPECT_EQ(events[0].value("account", ""), "acmecars");
  EXPECT_EQ(events[0].value("minutes", 0), 120);
  EXPECT_EQ(events[0].value("source", ""), "cli");
  EXPECT_EQ(events[0].value("staff", ""), "me");
  EXPECT_TRUE(events[1].at("account").is_null());
  const json cli_verdict = events[2];
  EXPECT_EQ(cli_verdict.value("type", ""), "verdict");
  EXPECT_EQ(cli_verdict.value("source", ""), "cli");
  EXPECT_EQ(cli_verdict.value("verdict", ""), "allow");
  EXPECT_EQ(cli_verdict.value("staff", ""), "me");
  EXPECT_EQ(cli_verdict.value("post_text", ""), "recorded from the CLI"); // the policy keeps full text
  EXPECT_EQ(cli_verdict.value("text_hash", "").size(), 64U);

  // One browser window checks and releases a post, then the browser closes.
  json first_window_check;
  {
    AuditedHost window(home.path());
    first_window_check = window.ask(check("from the first window"));
    ASSERT_EQ(window.ask({{"type", "outcome"}, {"check_id", first_window_check["check_id"]}, {"outcome", "released"}})
                  .value("counted", false),
              true);
    EXPECT_EQ(window.close_and_wait(), 0);
  }
  EXPECT_EQ(about(stored_events(home.path()), "verdict", first_window_check["check_id"]).value("post_text", ""),
            "from the first window");

  // After the restart, another host process shows them, newest first, with what became of them.
  AuditedHost restarted(home.path());
  const json warned = restarted.ask(check("cheap"));
  ASSERT_EQ(restarted.ask({{"type", "override"}, {"check_id", warned["check_id"]}, {"reason", "fine by the client"}})
                .value("granted", false),
            true);
  const json last = restarted.ask({{"type", "last_verdicts"}, {"limit", 3}});
  ASSERT_EQ(last.value("ok", false), true) << last.dump();
  ASSERT_EQ(last.at("verdicts").size(), 3U) << last.dump();
  const json &newest = last.at("verdicts").at(0);
  EXPECT_EQ(newest.at("check_id"), warned.at("check_id"));
  EXPECT_EQ(newest.value("verdict", ""), "warn");
  EXPECT_EQ(newest.value("rules", json()), json({"cheap"}));
  EXPECT_EQ(newest.at("override").value("type", ""), "confirmation");
  EXPECT_EQ(newest.at("override").value("reason", ""), "fine by the client");
  EXPECT_TRUE(newest.at("outcome").is_null());
  const json &from_first_window = last.at("verdicts").at(1);
  EXPECT_EQ(from_first_window.at("check_id"), first_window_check.at("check_id"));
  EXPECT_EQ(from_first_window.at("outcome").value("outcome", ""), "released");
  EXPECT_NE(from_first_window.value("pid", 0), newest.value("pid", 0));
  EXPECT_EQ(last.at("verdicts").at(2).at("check_id"), cli_verdict.at("check_id"));
  EXPECT_EQ(restarted.close_and_wait(), 0);
  EXPECT_EQ(run_cli({"log", "verify"}, home.path()).status, 0);
}

// Waits up to 10 s for `file` to hold a line; returns its text.
std::string wait_for_line(const std::filesystem::path &file) {
  for (int i = 0; i < 200; ++i) {
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.find('\n') != std::string::npos) return text;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return {};
}

TEST(AuditEvents, ResponseCommandsNamedByThePolicyRunAndFollowItsChanges) {
  TempDir home;
  const auto alerts = home.path() / "alerts.jsonl";
  const json alert_on_block = {{"commands", {{{"on", {"block", "lockdown"}}, {"argv", {"/usr/bin/tee", "-a", alerts.string()}},
                                              {"timeout_seconds", 10}}}}};
  write_policy(home.path(), story_policy(1));
  AuditedHost host(home.path());
  ASSERT_EQ(host.ask(check("refund please")).value("verdict", ""), "block");

  // The admin adds an alert: the running host follows the new policy without a restart.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write_policy(home.path(), story_policy(2, alert_on_block));
  const json blocked = host.ask(check("refund now"));
  ASSERT_EQ(blocked.value("verdict", ""), "block");
  const std::string first = wait_for_line(alerts);
  ASSERT_FALSE(first.empty()) << "the policy's response command did not run";
  const json alerted = json::parse(first.substr(0, first.find('\n')));
  EXPECT_EQ(alerted.value("type", ""), "verdict");
  EXPECT_EQ(alerted.value("check_id", ""), blocked.value("check_id", "x"));
  EXPECT_EQ(host.close_and_wait(), 0);
  std::filesystem::remove(alerts);

  // The CLI's events use the policy's commands too.
  ASSERT_EQ(run_cli({"lockdown", "acmecars", "--reason", "client crisis"}, home.path()).status, 0);
  const std::string locked = wait_for_line(alerts);
  ASSERT_FALSE(locked.empty()) << "the lockdown did not reach the policy's response command";
  EXPECT_EQ(json::parse(locked.substr(0, locked.find('\n'))).value("reason", ""), "client crisis");
}

TEST(AuditEvents, AFailedPostKeepsXsReasonInTheLogAndTheLastVerdicts) {
  TempDir home;
  write_policy(home.path(), story_policy(1));
  AuditedHost host(home.path());
  const json allowed = host.ask(check("said twice"));
  ASSERT_EQ(allowed.value("verdict", ""), "allow") << allowed.dump();
  ASSERT_EQ(host.ask({{"type", "outcome"}, {"check_id", allowed["check_id"]}, {"outcome", "released"}}).value("counted", false), true);
  // X answered 200 with an `errors` list and no post: the extension reports it failed, with X's words.
  const json failed = host.ask({{"type", "outcome"}, {"check_id", allowed["check_id"]}, {"outcome", "failed"},
                                {"detail", "Status is a duplicate. (187)"}});
  ASSERT_EQ(failed.value("ok", false), true) << failed.dump();
  EXPECT_EQ(failed.value("given_back", false), true);
  const json too_long = host.ask({{"type", "outcome"}, {"check_id", allowed["check_id"]}, {"outcome", "failed"},
                                  {"detail", std::string(2001, 'x')}});
  EXPECT_EQ(too_long.at("error").value("code", ""), "too_large") << too_long.dump();

  const auto events = stored_events(home.path());
  const json outcome = of_type(events, "outcome").back();
  EXPECT_EQ(outcome.value("outcome", ""), "failed");
  EXPECT_EQ(outcome.value("detail", ""), "Status is a duplicate. (187)");
  EXPECT_FALSE(of_type(events, "outcome").front().contains("detail")) << "no detail given, none recorded";
  const json last = host.ask({{"type", "last_verdicts"}, {"limit", 1}});
  ASSERT_EQ(last.value("ok", false), true) << last.dump();
  const json &shown = last.at("verdicts").at(0).at("outcome");
  EXPECT_EQ(shown.value("outcome", ""), "failed");
  EXPECT_EQ(shown.value("detail", ""), "Status is a duplicate. (187)");
  EXPECT_EQ(host.close_and_wait(), 0);
}

} // namespace
} // namespace handleguard::testing
