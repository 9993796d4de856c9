#include "rules/engine.hpp"

#include <gtest/gtest.h>

#include "policy/parse.hpp"

namespace handleguard::rules {
namespace {

RuleEngine engine_for(std::string_view policy_json) {
  auto policy = policy::parse_policy(policy_json);
  EXPECT_TRUE(policy.has_value()) << (policy ? "" : policy::describe(policy.error(), "test"));
  return RuleEngine(std::move(*policy));
}

constexpr std::string_view two_accounts = R"({
  "schema": 1, "serial": 3,
  "accounts": [
    {"handle": "AcmeCars", "user_id": "1500000000000000001", "client": "Acme Cars", "kind": "brand",
     "rules": [{"id": "no-insults", "kind": "banned_terms", "severity": "block",
                "message": "Never insult drivers.", "terms": ["drive", {"term": "idiot", "match": "substring"}]},
               {"id": "careful", "kind": "banned_terms", "severity": "warn", "terms": ["cheap"]}]},
    {"handle": "jo_staff", "user_id": "42", "client": "Agency", "kind": "personal"}
  ]})";

TEST(RuleEngine, CleanTextFromManagedAccountIsAllowed) {
  const auto engine = engine_for(two_accounts);
  const auto verdict = engine.check({"@acmecars", "1500000000000000001", "New model out today", "post"});
  EXPECT_EQ(verdict.decision, Decision::allow);
  EXPECT_TRUE(verdict.violations.empty());
  ASSERT_NE(verdict.identity.account, nullptr);
  EXPECT_EQ(verdict.identity.account->client, "Acme Cars");
}

TEST(RuleEngine, BannedWholeWordBlocksWithUtf16Span) {
  const auto engine = engine_for(two_accounts);
  // "🚗" is two UTF-16 units, so the span of "DRIVE" starts at 2 + 18.
  const auto verdict = engine.check({"acmecars", "1500000000000000001", "🚗 nobody here can DRIVE", "post"});
  ASSERT_EQ(verdict.decision, Decision::block);
  ASSERT_EQ(verdict.violations.size(), 1U);
  EXPECT_EQ(verdict.violations[0].rule_id, "no-insults");
  ASSERT_TRUE(verdict.violations[0].span.has_value());
  EXPECT_EQ(verdict.violations[0].span->begin, 19U);
  EXPECT_EQ(verdict.violations[0].span->end, 24U);
}

TEST(RuleEngine, WholeWordTermDoesNotMatchInsideWords) {
  const auto engine = engine_for(two_accounts);
  EXPECT_EQ(engine.check({"acmecars", "1500000000000000001", "our drivers love it", "post"}).decision, Decision::allow);
  EXPECT_EQ(engine.check({"acmecars", "1500000000000000001", "what idiotic weather", "post"}).decision, Decision::block);
}

TEST(RuleEngine, WarnTermAloneWarns) {
  const auto engine = engine_for(two_accounts);
  EXPECT_EQ(engine.check({"acmecars", "1500000000000000001", "Cheap thrills", "post"}).decision, Decision::warn);
}

TEST(RuleEngine, AccountNotInPolicyIsBlocked) {
  const auto engine = engine_for(two_accounts);
  const auto verdict = engine.check({"someone", "777", "hello", "post"});
  EXPECT_EQ(verdict.decision, Decision::block);
  EXPECT_EQ(verdict.identity.status, IdentityStatus::unknown);
  ASSERT_EQ(verdict.violations.size(), 1U);
  EXPECT_EQ(verdict.violations[0].rule_id, "unknown_account");
}

TEST(RuleEngine, HandleWithAnotherUsersIdIsAMismatch) {
  const auto engine = engine_for(two_accounts);
  EXPECT_EQ(engine.identify("acmecars", "999").status, IdentityStatus::mismatch);
  EXPECT_EQ(engine.identify("jo_staff", "1500000000000000001").status, IdentityStatus::mismatch);
  EXPECT_EQ(engine.check({"acmecars", "999", "hi", "post"}).decision, Decision::block);
}

TEST(RuleEngine, UserIdAloneIdentifiesWhenThePageShowsNoHandle) {
  const auto engine = engine_for(two_accounts);
  const auto identity = engine.identify("", "42");
  EXPECT_EQ(identity.status, IdentityStatus::managed);
  ASSERT_NE(identity.account, nullptr);
  EXPECT_EQ(identity.account->handle, "jo_staff");
}

TEST(RuleEngine, NoUserIdMeansUnknownAccountAndBlock) {
  const auto engine = engine_for(two_accounts);
  const auto verdict = engine.check({"acmecars", "", "hi", "post"});
  EXPECT_EQ(verdict.identity.status, IdentityStatus::missing);
  EXPECT_EQ(verdict.decision, Decision::block);
}

} // namespace
} // namespace handleguard::rules
