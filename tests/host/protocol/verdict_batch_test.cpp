// Batches of pipelined requests share one audit commit (protocol/verdict_batch.hpp): verdicts
// wait for the batch's end and are then durable in order with what was queued among them, and
// a batch whose commit fails holds every post it would have let go.
#include "protocol/verdict_batch.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "audit/audit_store.hpp"

namespace handleguard::protocol {
namespace {

using nlohmann::json;

std::vector<std::string> stored_types(const audit::AuditStore &store) {
  std::vector<std::string> types;
  auto entries = store.entries();
  EXPECT_TRUE(entries.has_value());
  for (const auto &entry : entries.value_or(std::vector<audit::StoredEntry>{})) {
    types.push_back(json::parse(entry.body).value("type", ""));
  }
  return types;
}

TEST(BatchingSink, VerdictsWaitForTheEndOfTheBatchThenAreDurableInOrder) {
  handleguard::testing::TempDir dir;
  auto store = audit::AuditStore::open({dir.path() / "config", dir.path() / "state"});
  ASSERT_TRUE(store.has_value()) << store.error();
  BatchingSink batch(**store);
  EXPECT_TRUE(batch.record({"verdict", {{"n", 1}}}));
  batch.enqueue({"identify", {{"n", 2}}});
  EXPECT_TRUE(batch.record({"verdict", {{"n", 3}}}));
  EXPECT_TRUE(stored_types(**store).empty()); // nothing committed before the batch ends
  EXPECT_TRUE(batch.settle());
  EXPECT_EQ(stored_types(**store), (std::vector<std::string>{"verdict", "identify", "verdict"}));
}

TEST(BatchingSink, AnEventThatMustBeDurableNowTakesTheWaitingVerdictsAlong) {
  handleguard::testing::TempDir dir;
  auto store = audit::AuditStore::open({dir.path() / "config", dir.path() / "state"});
  ASSERT_TRUE(store.has_value()) << store.error();
  BatchingSink batch(**store);
  EXPECT_TRUE(batch.record({"verdict", {{"n", 1}}}));
  EXPECT_TRUE(batch.record({"outcome", {{"n", 2}}}));
  EXPECT_EQ(stored_types(**store), (std::vector<std::string>{"verdict", "outcome"}));
  EXPECT_TRUE(batch.settle());
}

TEST(BatchingSink, ABatchWhoseCommitFailsReportsIt) {
  audit::UnavailableEventSink broken;
  BatchingSink batch(broken);
  EXPECT_TRUE(batch.record({"verdict", {}})); // its reply waits for settle()
  EXPECT_FALSE(batch.settle());
  // A failure seen by an event recorded mid-batch is still reported at the batch's end.
  EXPECT_TRUE(batch.record({"verdict", {}}));
  EXPECT_FALSE(batch.record({"outcome", {}}));
  EXPECT_FALSE(batch.settle());
  // A batch with nothing to make durable does not fail.
  batch.enqueue({"identify", {}});
  EXPECT_TRUE(batch.settle());
}

TEST(BatchingSink, UnrecordedRepliesAreHeldAndSoAreTheirLoggedVerdicts) {
  rules::VerdictLog verdicts;
  rules::LoggedVerdict entry;
  entry.check_id = "c1";
  entry.decision = rules::Decision::allow;
  entry.authorized = true;
  verdicts.add(entry);
  Reply reply = json{{"check_id", "c1"}, {"verdict", "allow"}, {"violations", json::array()}};
  hold_unrecorded_replies(reply, verdicts);
  const json held_tree = to_json(reply);
  EXPECT_EQ(held_tree.value("verdict", ""), "block");
  ASSERT_EQ(held_tree.at("violations").size(), 1U);
  EXPECT_EQ(held_tree.at("violations").at(0).value("rule", ""), "audit_unavailable");
  const auto *held = verdicts.find("c1");
  ASSERT_NE(held, nullptr);
  EXPECT_FALSE(held->authorized);
  EXPECT_EQ(held->decision, rules::Decision::block);
  EXPECT_EQ(held->rules, std::vector<std::string>{"audit_unavailable"});

  Reply thread = json{{"verdict", "warn"}, {"posts", json::array({{{"check_id", "c2"}, {"verdict", "warn"}}})}};
  hold_unrecorded_replies(thread, verdicts);
  const json held_thread = to_json(thread);
  EXPECT_EQ(held_thread.value("verdict", ""), "block");
  EXPECT_EQ(held_thread.at("posts").at(0).value("verdict", ""), "block");

  Reply error = json{{"ok", false}, {"error", {{"code", "bad_request"}}}};
  hold_unrecorded_replies(error, verdicts);
  EXPECT_FALSE(to_json(error).contains("verdict")); // not a verdict: left as it is
}

TEST(BatchingSink, AnUnrecordedCheckReplyIsHeldWithNoWayToRelease) {
  rules::VerdictLog verdicts;
  rules::LoggedVerdict entry;
  entry.check_id = "c3";
  entry.decision = rules::Decision::warn;
  entry.offer.mode = policy::OverrideMode::confirm;
  verdicts.add(entry);
  CheckReply check;
  check.check_id = "c3";
  check.verdict.decision = rules::Decision::warn;
  check.verdict.override_.mode = policy::OverrideMode::confirm;
  check.verdict.confirmation_required = true;
  check.verdict.violations.push_back({"no-drive", "banned_terms", policy::Severity::warn, "drive", rules::Span{3, 8}, {}});
  Reply reply = check;
  hold_unrecorded_replies(reply, verdicts);
  const json held = to_json(reply);
  EXPECT_EQ(held.value("verdict", ""), "block");
  ASSERT_EQ(held.at("violations").size(), 1U);
  EXPECT_EQ(held.at("violations").at(0).value("rule", ""), "audit_unavailable");
  EXPECT_EQ(held.at("override").value("mode", ""), "none");
  EXPECT_EQ(held.at("confirmation").value("required", true), false);
  const auto *logged = verdicts.find("c3");
  ASSERT_NE(logged, nullptr);
  EXPECT_EQ(logged->decision, rules::Decision::block);
  EXPECT_EQ(logged->offer.mode, policy::OverrideMode::none);
  EXPECT_EQ(logged->rules, std::vector<std::string>{"audit_unavailable"});
}

} // namespace
} // namespace handleguard::protocol
