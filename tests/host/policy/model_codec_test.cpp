// The policy cache's binary form: every rule kind and setting survives the trip, and bytes that
// are cut short or have extra bytes are refused rather than read as some other policy.
#include "policy/model_codec.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <variant>

#include "policy/parse.hpp"

namespace handleguard::policy {
namespace {

Policy example_policy() {
  auto policy = load_policy_file(std::filesystem::path(HANDLEGUARD_TEST_DATA_DIR) / ".." / ".." / "docs" / "examples" / "policy.json");
  EXPECT_TRUE(policy.has_value()) << (policy ? "" : policy.error());
  return policy ? std::move(*policy) : Policy{};
}

template <typename Body> const Body &body_of(const Account &account, std::string_view rule_id) {
  for (const auto &rule : account.rules) {
    if (rule.id == rule_id) return std::get<Body>(rule.body);
  }
  throw std::runtime_error("no rule " + std::string(rule_id));
}

TEST(ModelCodec, EveryRuleKindAndSettingOfTheExamplePolicySurvives) {
  const Policy original = example_policy();
  ASSERT_EQ(original.accounts.size(), 2U);
  const std::string encoded = encode_policy(original);
  const auto decoded = decode_policy(encoded);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(encode_policy(*decoded), encoded);

  EXPECT_EQ(decoded->serial, 12);
  EXPECT_EQ(decoded->organization, "Northwind Social");
  EXPECT_EQ(decoded->confirm_handle, ConfirmHandle::brand);
  ASSERT_EQ(decoded->staff.size(), 2U);
  EXPECT_EQ(decoded->staff[0].os_users, (std::vector<std::string>{"ada", "adunn"}));
  ASSERT_TRUE(decoded->audit.syslog.has_value());
  EXPECT_EQ(decoded->audit.syslog->address, "logs.northwind.example:6514");
  EXPECT_EQ(decoded->audit.syslog->transport, audit::SyslogTransport::tcp);
  ASSERT_EQ(decoded->audit.commands.size(), 1U);
  EXPECT_EQ(decoded->audit.commands[0].timeout, std::chrono::seconds(10));
  EXPECT_EQ(decoded->audit.commands[0].argv.back(), "social");

  const Account &acme = decoded->accounts[0];
  EXPECT_EQ(acme.handle, "acmecars");
  EXPECT_EQ(acme.user_id, "1500000000000000001");
  EXPECT_EQ(acme.colour, "#d62828");
  EXPECT_EQ(acme.timezone, "Europe/Berlin");
  EXPECT_EQ(acme.staff, (std::vector<std::string>{"ada", "bo"}));
  ASSERT_EQ(acme.rules.size(), original.accounts[0].rules.size());
  const auto &insults = body_of<BannedTermsRule>(acme, "insults");
  EXPECT_EQ(insults.terms.size(), body_of<BannedTermsRule>(original.accounts[0], "insults").terms.size());
  EXPECT_GT(insults.terms.size(), 2U); // the inline terms and the lexicon's
  EXPECT_EQ(body_of<PatternRule>(acme, "card-numbers").pattern, "\\b(?:\\d[ -]?){13,16}\\b");
  EXPECT_EQ(body_of<RequiredRule>(acme, "disclosure").any_of.size(), 2U);
  EXPECT_EQ(body_of<HashtagsRule>(acme, "tags").max, 2);
  EXPECT_EQ(body_of<MentionsRule>(acme, "rivals").forbidden, std::vector<std::string>{"rivalmotors"});
  EXPECT_EQ(body_of<LinksRule>(acme, "links").denied_domains, std::vector<std::string>{"rivalmotors.example"});
  EXPECT_EQ(body_of<LengthRule>(acme, "length").max, 280);
  const auto &hours = body_of<ScheduleRule>(acme, "office-hours");
  ASSERT_EQ(hours.windows.size(), 2U);
  EXPECT_EQ(hours.windows[1].from_minute, 10 * 60);
  EXPECT_EQ(hours.blackout_dates.back(), (LocalDate{2026, 12, 25}));
  EXPECT_EQ(body_of<RateRule>(acme, "pace").min_gap_minutes, 10);
  EXPECT_EQ(body_of<StaffRule>(acme, "no-likes-by-others").staff, std::vector<std::string>{"ada"});
  EXPECT_EQ(body_of<SignatureRule>(acme, "signed").prefix, "^");
  for (std::size_t r = 0; r < acme.rules.size(); ++r) {
    EXPECT_EQ(acme.rules[r].severity, original.accounts[0].rules[r].severity);
    EXPECT_EQ(acme.rules[r].actions, original.accounts[0].rules[r].actions);
    EXPECT_EQ(acme.rules[r].override_.mode, original.accounts[0].rules[r].override_.mode);
    EXPECT_EQ(acme.rules[r].override_.passphrase_hash, original.accounts[0].rules[r].override_.passphrase_hash);
  }
  EXPECT_EQ(body_of<LockdownRule>(decoded->accounts[1], "crisis").reason, "Frozen during the Acme recall; ask Bo.");
  EXPECT_EQ(decoded->accounts[1].kind, AccountKind::personal);
}

TEST(ModelCodec, BytesCutShortOrWithMoreAfterThemAreRefused) {
  const std::string encoded = encode_policy(example_policy());
  for (std::size_t size = 0; size < encoded.size(); size += 7) {
    EXPECT_FALSE(decode_policy(std::string_view(encoded).substr(0, size)).has_value()) << size;
  }
  EXPECT_FALSE(decode_policy(encoded + '\0').has_value());
}

} // namespace
} // namespace handleguard::policy
