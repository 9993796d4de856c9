// The audit trail end to end with the real host and CLI: nothing acknowledged is lost when
// hosts are SIGKILLed mid-stream, every verdict is recorded before it is sent, a log that cannot
// be written holds posts, and `handleguard log verify` catches an edited log.
#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sqlite3.h>
#include <thread>

#include "../host/test_support.hpp"
#include "audit_process_support.hpp"

namespace handleguard::testing {
namespace {

using nlohmann::json;

json check_request(const std::string &id, const std::string &text) {
  return {{"id", id}, {"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"text", text},
          {"action", "post"}};
}

TEST(AuditTrail, FourHostsAppendingWhileOneIsKilledLoseNoAcknowledgedVerdict) {
  TempDir home;
  write_text(home.path() / "config" / "policy.json", audited_policy);
  constexpr int processes = 4;
  constexpr int checks_per_process = 500;
  std::mutex mutex;
  std::set<std::string> acknowledged;
  int kills = 0;
  std::vector<std::thread> drivers;
  for (int p = 0; p < processes; ++p) {
    drivers.emplace_back([&, p] {
      std::mt19937 random(static_cast<unsigned>(p) * 7919U + 17U);
      auto host = std::make_unique<AuditedHost>(home.path());
      int next_kill = p == 0 ? std::uniform_int_distribution(20, 120)(random) : -1;
      for (int i = 0; i < checks_per_process; ++i) {
        const std::string id = "p" + std::to_string(p) + "-" + std::to_string(i);
        host->send(check_request(id, i % 3 == 0 ? "time to drive" : "hello world " + std::to_string(i)));
        if (i == next_kill) {
          // Kill at a random point: before, during or after the group commit of this request.
          std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution(0, 4000)(random)));
          host->kill();
          (void)host->close_and_wait();
          host = std::make_unique<AuditedHost>(home.path());
          next_kill += std::uniform_int_distribution(20, 120)(random);
          const std::lock_guard lock(mutex);
          ++kills;
          continue; // not acknowledged: it may or may not be in the log
        }
        const json reply = host->receive();
        ASSERT_TRUE(reply.is_object()) << id;
        ASSERT_EQ(reply.value("id", ""), id);
        ASSERT_TRUE(reply.contains("verdict")) << reply.dump();
        const std::lock_guard lock(mutex);
        acknowledged.insert(id);
      }
      EXPECT_EQ(host->close_and_wait(), 0);
    });
  }
  for (auto &driver : drivers) driver.join();
  ASSERT_GE(kills, 3);

  std::set<std::string> recorded;
  std::size_t starts = 0;
  for (const auto &event : exported_events(home.path())) {
    ASSERT_TRUE(event.is_object());
    if (event.value("type", "") == "verdict") recorded.insert(event.value("request_id", ""));
    if (event.value("type", "") == "host_start") ++starts;
  }
  std::size_t missing = 0;
  for (const auto &id : acknowledged) {
    if (!recorded.contains(id)) {
      ++missing;
      ADD_FAILURE() << "acknowledged verdict " << id << " is not in the log";
      if (missing > 5) break;
    }
  }
  EXPECT_EQ(starts, static_cast<std::size_t>(processes + kills));
  EXPECT_GE(acknowledged.size(), static_cast<std::size_t>(processes * checks_per_process - kills));
  const CliRun verified = run_cli({"log", "verify"}, home.path());
  EXPECT_EQ(verified.status, 0) << verified.err;
}

TEST(AuditTrail, EveryVerdictIdentifyAndPolicyLoadIsRecordedWithWhoAndWhat) {
  TempDir home;
  write_text(home.path() / "config" / "policy.json", audited_policy);
  AuditedHost host(home.path());
  (void)host.ask({{"id", "i1"}, {"type", "identify"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}});
  const json verdict = host.ask(check_request("c1", "time to drive"));
  EXPECT_EQ(verdict.value("verdict", ""), "block");
  EXPECT_EQ(host.close_and_wait(), 0);

  std::map<std::string, json> by_type;
  for (const auto &event : exported_events(home.path())) by_type[event.value("type", "")] = event;
  ASSERT_TRUE(by_type.contains("host_start"));
  ASSERT_TRUE(by_type.contains("host_stop"));
  ASSERT_TRUE(by_type.contains("policy_load"));
  EXPECT_EQ(by_type["policy_load"].value("policy_serial", 0), 3);
  ASSERT_TRUE(by_type.contains("identify"));
  EXPECT_EQ(by_type["identify"].value("identity", ""), "managed");
  const json &recorded = by_type["verdict"];
  EXPECT_EQ(recorded.value("request_id", ""), "c1");
  EXPECT_EQ(recorded.value("account", ""), "acmecars");
  EXPECT_EQ(recorded.value("verdict", ""), "block");
  EXPECT_EQ(recorded.value("rules", json::array()), json::array({"no-drive"}));
  EXPECT_FALSE(recorded.value("workstation", "").empty());
  EXPECT_FALSE(recorded.value("os_user", "").empty());
  EXPECT_FALSE(recorded.value("time", "").empty());
  EXPECT_FALSE(recorded.contains("text")); // kept as a keyed hash only
  EXPECT_TRUE(recorded.contains("text_hash"));

  const CliRun shown = run_cli({"log", "show", "--account", "@AcmeCars"}, home.path());
  EXPECT_EQ(shown.status, 0);
  EXPECT_NE(shown.out.find("verdict=block"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("no-drive"), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("host_start"), std::string::npos) << shown.out;
}

TEST(AuditTrail, LogShowForOneAccountPassesOverEventsThatNameNone) {
  TempDir home;
  write_text(home.path() / "config" / "policy.json", audited_policy);
  ASSERT_EQ(run_cli({"work-as", "acmecars", "--for", "1h"}, home.path()).status, 0);
  ASSERT_EQ(run_cli({"work-as", "--clear"}, home.path()).status, 0); // recorded with "account": null
  AuditedHost host(home.path());
  EXPECT_EQ(host.ask(check_request("c1", "time to drive")).value("verdict", ""), "block");
  EXPECT_EQ(host.close_and_wait(), 0);

  const CliRun shown = run_cli({"log", "show", "--account", "acmecars"}, home.path());
  EXPECT_EQ(shown.status, 0) << shown.err;
  EXPECT_NE(shown.out.find("verdict=block"), std::string::npos) << shown.out;
  const CliRun everything = run_cli({"log", "show"}, home.path());
  EXPECT_EQ(everything.status, 0) << everything.err;
  EXPECT_NE(everything.out.find("work_as"), std::string::npos) << everything.out;
}

TEST(AuditTrail, LogShowPrintsNoTerminalControlFromARecordedReason) {
  TempDir home;
  write_text(home.path() / "config" / "policy.json", audited_policy);
  // Cursor up and erase line: printed raw, it would hide the lines above it from the reader.
  ASSERT_EQ(run_cli({"lockdown", "acmecars", "--reason", "crisis\x1b[1A\x1b[2K\nsecond line"}, home.path()).status, 0);
  const CliRun shown = run_cli({"log", "show"}, home.path());
  EXPECT_EQ(shown.status, 0) << shown.err;
  EXPECT_EQ(shown.out.find('\x1b'), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("reason=crisis\\u{1B}[1A\\u{1B}[2K\\u{A}second line"), std::string::npos) << shown.out;
  // --json keeps it whole, JSON-escaped.
  const CliRun as_json = run_cli({"log", "show", "--json"}, home.path());
  EXPECT_NE(as_json.out.find(R"(crisis\u001b[1A\u001b[2K\nsecond line)"), std::string::npos) << as_json.out;
}

TEST(AuditTrail, AnUnwritableLogHoldsEveryPostThatWouldHaveGone) {
  TempDir home;
  write_text(home.path() / "config" / "policy.json", audited_policy);
  std::filesystem::create_directories(home.path() / "state" / "audit.sqlite"); // a folder where the database belongs
  AuditedHost host(home.path());
  const json verdict = host.ask(check_request("c1", "a perfectly fine post"));
  EXPECT_EQ(verdict.value("verdict", ""), "block");
  ASSERT_TRUE(verdict.contains("violations"));
  EXPECT_EQ(verdict["violations"][0].value("rule", ""), "audit_unavailable");
  EXPECT_EQ(host.close_and_wait(), 0);
}

TEST(AuditTrail, PipelinedChecksShareCommitsAndAreAllRecordedInOrder) {
  TempDir home;
  write_text(home.path() / "config" / "policy.json", audited_policy);
  constexpr int count = 600;
  AuditedHost host(home.path());
  std::thread writer([&] { // without waiting for replies, as a busy extension may
    for (int i = 0; i < count; ++i) host.send(check_request("p" + std::to_string(i), i % 2 ? "time to drive" : "hello"));
  });
  int in_order = 0;
  for (int i = 0; i < count; ++i) {
    const json reply = host.receive();
    if (!reply.is_object() || reply.value("id", "") != "p" + std::to_string(i) ||
        reply.value("verdict", "") != (i % 2 ? "block" : "allow")) {
      ADD_FAILURE() << "reply " << i << ": " << reply.dump();
      break;
    }
    ++in_order;
  }
  writer.join();
  EXPECT_EQ(in_order, count);
  EXPECT_EQ(host.close_and_wait(), 0);

  std::vector<std::string> recorded;
  for (const auto &event : exported_events(home.path())) {
    if (event.value("type", "") == "verdict") recorded.push_back(event.value("request_id", ""));
  }
  ASSERT_EQ(recorded.size(), static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) EXPECT_EQ(recorded[static_cast<std::size_t>(i)], "p" + std::to_string(i));
  // Requests that were waiting together were committed together: fewer commits than verdicts.
  sqlite3 *db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((home.path() / "state" / "audit.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt *statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM checkpoints", -1, &statement, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_LT(sqlite3_column_int(statement, 0), count);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  EXPECT_EQ(run_cli({"log", "verify"}, home.path()).status, 0);
}

TEST(AuditTrail, LogVerifyFailsOnAnEditedEntryAndProvesInclusion) {
  TempDir home;
  write_text(home.path() / "config" / "policy.json", audited_policy);
  {
    AuditedHost host(home.path());
    for (int i = 0; i < 5; ++i) (void)host.ask(check_request("c" + std::to_string(i), "hello"));
    EXPECT_EQ(host.close_and_wait(), 0);
  }
  ASSERT_EQ(run_cli({"log", "verify"}, home.path()).status, 0);
  const CliRun proof = run_cli({"log", "prove", "--index", "2"}, home.path());
  ASSERT_EQ(proof.status, 0) << proof.err;
  const json parsed = json::parse(proof.out, nullptr, false);
  EXPECT_EQ(parsed.value("index", -1), 2);
  EXPECT_FALSE(parsed.value("inclusion_proof", json::array()).empty());
  const CliRun checkpoint = run_cli({"log", "checkpoint"}, home.path());
  ASSERT_EQ(checkpoint.status, 0);
  write_text(home.path() / "elsewhere.txt", checkpoint.out);

  sqlite3 *db = nullptr;
  ASSERT_EQ(sqlite3_open((home.path() / "state" / "audit.sqlite").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE entries SET body = replace(body, '\"verdict\":\"allow\"', '\"verdict\":\"bloc\"') "
                             "WHERE seq = (SELECT min(seq) FROM entries WHERE body LIKE '%\"type\":\"verdict\"%')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_changes(db), 1);
  sqlite3_close(db);
  const CliRun refused = run_cli({"log", "verify"}, home.path());
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("FAILED"), std::string::npos) << refused.err;
  EXPECT_EQ(run_cli({"log", "verify", "--checkpoints", (home.path() / "elsewhere.txt").string()}, home.path()).status, 1);
}

TEST(AuditTrail, ResponseCommandsGetTheEventOnStdinAndFailuresAreRecordedWithoutDelayingTheVerdict) {
  TempDir home;
  write_text(home.path() / "config" / "policy.json", audited_policy);
  const auto script = home.path() / "alert-lead.sh";
  write_text(script, "#!/bin/sh\ncat > \"$1\"\n");
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  const auto alerted = home.path() / "alerted.json";
  write_text(home.path() / "config" / "audit.json",
             json({{"commands",
                    {{{"on", {"block"}}, {"argv", {script.string(), alerted.string()}}},
                     {{"on", {"block"}}, {"argv", {"/bin/sleep", "30"}}, {"timeout_seconds", 0.5}},
                     {{"on", {"override"}}, {"argv", {"/bin/false"}}},
                     {{"on", {"block"}}, {"argv", {"/bin/false"}}}}}})
                 .dump());
  AuditedHost host(home.path());
  const auto started = std::chrono::steady_clock::now();
  const json verdict = host.ask(check_request("blocked-1", "time to drive"));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(verdict.value("verdict", ""), "block");
  EXPECT_LT(elapsed, std::chrono::seconds(10)); // the 30 s command did not hold the verdict
  EXPECT_EQ(host.close_and_wait(), 0);

  std::ifstream in(alerted);
  const json event = json::parse(std::string(std::istreambuf_iterator<char>(in), {}), nullptr, false);
  EXPECT_EQ(event.value("request_id", ""), "blocked-1");
  EXPECT_EQ(event.value("verdict", ""), "block");
  std::vector<std::string> failures;
  for (const auto &stored : exported_events(home.path())) {
    if (stored.value("type", "") == "response_failed") failures.push_back(stored.value("command", "") + ": " + stored.value("error", ""));
  }
  ASSERT_EQ(failures.size(), 2U);
  std::sort(failures.begin(), failures.end());
  EXPECT_EQ(failures[0], "/bin/false: exited with status 1");
  EXPECT_NE(failures[1].find("/bin/sleep: timed out"), std::string::npos) << failures[1];
}

TEST(AuditTrail, LockdownFreezesAnAccountAtOnceAndIsRecorded) {
  TempDir home;
  write_text(home.path() / "config" / "policy.json", audited_policy);
  AuditedHost host(home.path());
  EXPECT_EQ(host.ask(check_request("before", "hello")).value("verdict", ""), "allow");
  const CliRun locked = run_cli({"lockdown", "@AcmeCars", "--reason", "client crisis"}, home.path());
  ASSERT_EQ(locked.status, 0) << locked.err;
  const json during = host.ask(check_request("during", "hello"));
  EXPECT_EQ(during.value("verdict", ""), "block");
  ASSERT_TRUE(during.contains("violations"));
  EXPECT_EQ(during["violations"][0].value("rule", ""), "local_lockdown");
  EXPECT_NE(during["violations"][0].value("message", "").find("client crisis"), std::string::npos);
  // `handleguard check` judges as the host does: the lock holds there too.
  const CliRun dry_run = run_cli({"check", "--account", "acmecars", "--text", "hello"}, home.path());
  EXPECT_EQ(dry_run.status, 2) << dry_run.out << dry_run.err;
  EXPECT_NE(dry_run.out.find("[local_lockdown]"), std::string::npos) << dry_run.out;
  ASSERT_EQ(run_cli({"lockdown", "acmecars", "--lift"}, home.path()).status, 0);
  EXPECT_EQ(host.ask(check_request("after", "hello")).value("verdict", ""), "allow");
  EXPECT_EQ(host.close_and_wait(), 0);
  std::vector<std::string> actions;
  for (const auto &event : exported_events(home.path())) {
    if (event.value("type", "") == "lockdown") actions.push_back(event.value("action", "") + " " + event.value("reason", ""));
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"lock client crisis", "lift "}));
  EXPECT_EQ(run_cli({"log", "verify"}, home.path()).status, 0);
}

} // namespace
} // namespace handleguard::testing
