// The shared rate counters: claims one by one, and claims grouped into one transaction as
// `check --calendar --record` makes them.
#include "rules/rate_ledger.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"

namespace handleguard::rules {
namespace {

policy::Rule two_per_hour() {
  policy::Rule rule;
  rule.id = "two-an-hour";
  rule.body = policy::RateRule{2, std::nullopt, std::nullopt};
  return rule;
}

int last_hour(RateLedger &ledger, TimePoint at) {
  return ledger.history("acme", static_cast<unsigned>(policy::Action::post), at).last_hour;
}

TEST(RateLedger, ClaimsOfABatchSeeEachOtherAndCountOnlyWhenCommitted) {
  testing::TempDir state;
  auto ledger = RateLedger::open(state.path() / "counters.sqlite");
  ASSERT_TRUE(ledger.has_value()) << ledger.error();
  const auto rule = two_per_hour();
  const std::vector<const policy::Rule *> limits = {&rule};
  const auto at = std::chrono::system_clock::now();
  // True when counted, false when refused; a failure fails the test.
  const auto claim = [&](const std::string &id) {
    const auto claimed = (*ledger)->claim(id, "acme", policy::Action::post, at, limits);
    EXPECT_TRUE(claimed.has_value()) << claimed.error();
    return claimed.has_value() && !claimed->has_value();
  };

  ASSERT_TRUE((*ledger)->begin_batch().has_value());
  EXPECT_TRUE(claim("a"));
  EXPECT_TRUE(claim("b"));
  EXPECT_FALSE(claim("c")) << "the batch's own claims count against the limit";
  (*ledger)->abandon_batch();
  EXPECT_EQ(last_hour(**ledger, at), 0) << "an abandoned batch counts nothing";

  ASSERT_TRUE((*ledger)->begin_batch().has_value());
  EXPECT_TRUE(claim("a"));
  EXPECT_TRUE(claim("c"));
  ASSERT_TRUE((*ledger)->commit_batch().has_value());
  EXPECT_EQ(last_hour(**ledger, at), 2);
  auto reopened = RateLedger::open(state.path() / "counters.sqlite");
  ASSERT_TRUE(reopened.has_value());
  EXPECT_EQ(last_hour(**reopened, at), 2) << "committed for every process";
  EXPECT_FALSE(claim("d")) << "outside a batch, as before";
}

} // namespace
} // namespace handleguard::rules
