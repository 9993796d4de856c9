// Every rule kind x severity x action: a breaking draft gets the rule's severity exactly for the
// actions the rule covers, a compliant draft is allowed. Drives the real engine, real SQLite
// counters and the real text engine.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../test_support.hpp"
#include "policy/parse.hpp"
#include "rules/engine.hpp"
#include "rules/rate_ledger.hpp"
#include "util/local_time.hpp"

namespace handleguard::rules {
namespace {

using nlohmann::json;

struct KindCase {
  std::string name;
  json rule;                 // without id and severity
  std::string breaking;      // text that breaks the rule
  std::string compliant;     // text that keeps it
  bool all_actions = false;  // default actions: every action (lockdown, staff) or only text actions
  std::string at = "2026-06-03T10:00:00Z"; // a Wednesday, 12:00 in Berlin
  int released_before = 0;   // posts already counted in the last minutes (rate)
};

const std::vector<KindCase> &kind_cases() {
  static const std::vector<KindCase> cases = {
      {"banned_terms", {{"kind", "banned_terms"}, {"terms", {"refund"}}}, "Get a REFUND now", "Get a gift now"},
      {"pattern", {{"kind", "pattern"}, {"pattern", R"(\b\d{4} \d{4} \d{4} \d{4}\b)"}}, "card 1234 5678 9012 3456", "card ending 3456"},
      {"required_any", {{"kind", "required"}, {"any_of", {"#ad", "#sponsored"}}}, "Love this car", "Love this car #ad"},
      {"required_all", {{"kind", "required"}, {"all_of", {"#ad", "@acmecars"}}}, "Love it #ad", "Love it #ad @acmecars"},
      {"hashtags_forbidden", {{"kind", "hashtags"}, {"forbidden", {"crypto"}}}, "Buy #Crypto", "Buy #cars"},
      {"hashtags_required", {{"kind", "hashtags"}, {"required", {"acme"}}}, "New model", "New model #acme"},
      {"hashtags_max", {{"kind", "hashtags"}, {"max", 2}}, "#a1 #b2 #c3", "#a1 #b2"},
      {"mentions", {{"kind", "mentions"}, {"forbidden", {"@rivalcars"}}}, "Unlike @RivalCars we ship", "We ship"},
      {"links_denied", {{"kind", "links"}, {"denied_domains", {"rival.com"}}}, "see https://shop.rival.com/x", "see https://acme.com/x"},
      {"links_allowed", {{"kind", "links"}, {"allowed_domains", {"acme.com"}}}, "see https://example.org", "see https://www.acme.com/new"},
      {"links_shortener", {{"kind", "links"}}, "see https://bit.ly/3xyz", "see https://acme.com"},
      {"links_lookalike", {{"kind", "links"}, {"allowed_domains", {"paypal.com"}}}, "pay at https://paypa1.com", "pay at https://paypal.com"},
      {"length", {{"kind", "length"}, {"max", 10}}, "eleven char", "ten chars!"},
      {"schedule_window", {{"kind", "schedule"}, {"windows", {{{"days", {"mon", "tue"}}, {"from", "09:00"}, {"to", "17:00"}}}}},
       "hello", "", false},
      {"schedule_blackout", {{"kind", "schedule"}, {"blackout_dates", {"2026-06-03"}}}, "hello", "", false},
      {"rate", {{"kind", "rate"}, {"per_hour", 2}}, "hello", "", false, "2026-06-03T10:00:00Z", 2},
      {"staff", {{"kind", "staff"}, {"staff", {"bo"}}}, "hello", "", true},
      {"signature", {{"kind", "signature"}}, "hello", "hello ^AD"},
      {"lockdown", {{"kind", "lockdown"}, {"reason", "crisis: no posting until legal clears it"}}, "hello", "", true},
  };
  return cases;
}

json policy_with(const json &rule) {
  return {{"schema", 1},
          {"serial", 1},
          {"staff", {{{"id", "ad"}, {"name", "Ada Dunn"}, {"initials", "AD"}, {"os_users", {"ada"}}},
                     {{"id", "bo"}, {"name", "Bo Ek"}, {"initials", "BE"}, {"os_users", {"bo"}}}}},
          {"accounts", {{{"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"client", "Acme"}, {"kind", "brand"},
                         {"timezone", "Europe/Berlin"}, {"rules", {rule}}}}}};
}

RuleEngine engine_for(const json &policy) {
  auto parsed = policy::parse_policy(policy.dump());
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : policy::describe(parsed.error(), "policy"));
  return RuleEngine(std::move(*parsed));
}

struct Case {
  KindCase kind;
  std::string severity;
  std::string action;
};

class RuleKinds : public ::testing::TestWithParam<Case> {};

TEST_P(RuleKinds, BreakingDraftGetsTheRuleSeverityOnlyForCoveredActions) {
  const auto &[kind, severity, action] = GetParam();
  json rule = kind.rule;
  rule["id"] = "r";
  rule["severity"] = severity;
  const auto engine = engine_for(policy_with(rule));
  testing::TempDir state;
  auto ledger = RateLedger::open(state.path() / "counters.sqlite");
  ASSERT_TRUE(ledger.has_value());
  const auto at = util::parse_iso8601(kind.at).value();
  const auto *account = engine.policy().find_by_handle("acmecars");
  for (int i = 0; i < kind.released_before; ++i) {
    ASSERT_TRUE((*ledger)->claim("earlier-" + std::to_string(i), "acmecars", policy::Action::post, at - std::chrono::minutes(10 + i),
                                 {}).has_value());
  }
  (void)account;

  CheckRequest request{"acmecars", "1500000000000000001", kind.breaking, action, "ada", std::nullopt, at, std::nullopt};
  const Verdict verdict = engine.check(request, ledger->get());
  const bool covered = kind.all_actions || (policy::text_actions & static_cast<unsigned>(*policy::parse_action(action))) != 0;
  // Rate rules count only the actions they cover; earlier releases were posts.
  const bool rate_counts = kind.name != "rate" || action == "post" || action == "reply" || action == "quote" || action == "dm" ||
                           action == "schedule";
  if (covered && rate_counts) {
    ASSERT_FALSE(verdict.violations.empty()) << kind.name << " " << action;
    EXPECT_EQ(verdict.violations.front().rule_id, "r");
    EXPECT_EQ(to_string(verdict.decision), severity) << kind.name << " " << action << ": " << verdict.violations.front().message;
  } else {
    EXPECT_EQ(verdict.decision, Decision::allow) << kind.name << " " << action;
  }
  if (!kind.compliant.empty() || kind.name == "schedule_window") {
    CheckRequest fine = request;
    fine.text = kind.compliant;
    if (kind.name == "schedule_window") fine.at = util::parse_iso8601("2026-06-02T10:00:00Z").value(); // Tuesday noon in Berlin
    EXPECT_EQ(engine.check(fine, ledger->get()).decision, Decision::allow) << kind.name << " " << action << " compliant";
  }
}

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const auto &kind : kind_cases()) {
    for (const std::string severity : {"warn", "block"}) {
      for (const auto action : policy::action_names()) out.push_back({kind, severity, std::string(action)});
    }
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(EveryKindSeverityAndAction, RuleKinds, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case> &info) {
                           return info.param.kind.name + "_" + info.param.severity + "_" + info.param.action;
                         });

TEST(RuleKindsDetail, SpansAreUtf16OffsetsOfTheOffendingEntity) {
  const auto engine = engine_for(policy_with({{"id", "r"}, {"severity", "block"}, {"kind", "hashtags"}, {"forbidden", {"crypto"}}}));
  const Verdict verdict = engine.check({"acmecars", "1500000000000000001", "🚗 #crypto", "post", "ada", std::nullopt,
                                        std::chrono::system_clock::now(), std::nullopt});
  ASSERT_EQ(verdict.violations.size(), 1U);
  ASSERT_TRUE(verdict.violations[0].span.has_value());
  EXPECT_EQ(verdict.violations[0].span->begin, 3U);
  EXPECT_EQ(verdict.violations[0].span->end, 10U);
}

TEST(RuleKindsDetail, WarnRulesOfferConfirmationAndSupervisorRulesAPassphrase) {
  json rule = {{"id", "r"}, {"severity", "block"}, {"kind", "banned_terms"}, {"terms", {"refund"}},
               {"override", {{"mode", "supervisor"}, {"passphrase_hash", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA"}}}};
  const auto engine = engine_for(policy_with(rule));
  const Verdict verdict = engine.check({"acmecars", "1500000000000000001", "refund", "post", "ada", std::nullopt,
                                        std::chrono::system_clock::now(), std::nullopt});
  EXPECT_EQ(verdict.decision, Decision::block);
  EXPECT_EQ(verdict.override_.mode, policy::OverrideMode::supervisor);
  EXPECT_TRUE(verdict.override_.reason_required);
}

TEST(RuleKindsDetail, WorkAsOtherAccountBlocksAndRequiredDeclarationWaits) {
  json policy = policy_with({{"id", "r"}, {"severity", "warn"}, {"kind", "length"}});
  policy["require_work_as"] = true;
  policy["accounts"].push_back({{"handle", "other"}, {"user_id", "77"}, {"client", "Other"}, {"kind", "personal"}});
  const auto engine = engine_for(policy);
  const auto now = std::chrono::system_clock::now();
  const Verdict wrong = engine.check({"acmecars", "1500000000000000001", "hi", "like", "ada", std::nullopt, now, "other"});
  EXPECT_EQ(wrong.decision, Decision::block);
  EXPECT_EQ(wrong.violations.at(0).rule_id, "wrong_account");
  const Verdict none = engine.check({"acmecars", "1500000000000000001", "hi", "post", "ada", std::nullopt, now, std::nullopt});
  EXPECT_EQ(none.violations.at(0).rule_id, "work_as_required");
  const Verdict right = engine.check({"acmecars", "1500000000000000001", "hi", "post", "ada", std::nullopt, now, "acmecars"});
  EXPECT_EQ(right.decision, Decision::allow);
}

TEST(RuleKindsDetail, BrandAccountsNeedTheHandleTypedWhenThePolicySaysSo) {
  json policy = policy_with({{"id", "r"}, {"severity", "warn"}, {"kind", "length"}});
  policy["confirm_handle"] = "brand";
  const auto engine = engine_for(policy);
  const auto now = std::chrono::system_clock::now();
  EXPECT_TRUE(engine.check({"acmecars", "1500000000000000001", "hi", "post", "ada", std::nullopt, now, std::nullopt}).confirmation_required);
  EXPECT_FALSE(engine.check({"acmecars", "1500000000000000001", "hi", "like", "ada", std::nullopt, now, std::nullopt}).confirmation_required);
}

} // namespace
} // namespace handleguard::rules
