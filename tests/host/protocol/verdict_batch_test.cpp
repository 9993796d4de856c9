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
  json reply = {{"check_id", "c1"}, {"verdict", "allow"}, {"violations", json::array()}};
  hold_unrecorded_replies(reply, verdicts);
  EXPECT_EQ(reply.value("verdict", ""), "block");
  ASSERT_EQ(reply.at("violations").size(), 1U);
  EXPECT_EQ(reply.at("violations").at(0).value("rule", ""), "audit_unavailable");
  const auto *held = verdicts.find("c1");
  ASSERT_NE(held, nullptr);
  EXPECT_FALSE(held->authorized);
  EXPECT_EQ(held->decision, rules::Decision::block);
  EXPECT_EQ(held->rules, std::vector<std::string>{"audit_unavailable"});

  json thread = {{"verdict", "warn"}, {"posts", json::array({{{"check_id", "c2"}, {"verdict", "warn"}}})}};
  hold_unrecorded_replies(thread, verdicts);
  EXPECT_EQ(thread.value("verdict", ""), "block");
  EXPECT_EQ(thread.at("posts").at(0).value("verdict", ""), "block");

  json error = {{"ok", false}, {"error", {{"code", "bad_request"}}}};
  hold_unrecorded_replies(error, verdicts);
  EXPECT_FALSE(error.contains("verdict")); // not a verdict: left as it is
}

} // namespace
} // namespace handleguard::protocol
