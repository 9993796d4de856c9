// A check's reply is written as text straight from the verdict (protocol/check_reply.hpp); the
// browser and the CLI read the JSON shape that rules::to_json defines. These tests hold the two
// to the same bytes for every shape a verdict takes, hostile strings included.
#include <random>

#include <gtest/gtest.h>

#include "protocol/check_reply.hpp"
#include "protocol/reply_size.hpp"
#include "util/json_writer.hpp"

namespace handleguard::protocol {
namespace {

using nlohmann::json;

std::string written(const CheckReply &reply) {
  std::string text;
  append_json(text, reply);
  return text;
}

// What the reply was before it had a writer of its own: the tree, dumped as nlohmann does.
std::string from_tree(const CheckReply &reply) { return util::json_text(to_json(reply)); }

policy::Account account(std::string guidelines, std::string colour) {
  policy::Account out;
  out.handle = "acmecars";
  out.user_id = "1500000000000000001";
  out.display_name = "Acme Cars — «official»";
  out.client = "Acme \"Cars\" Ltd\n";
  out.kind = policy::AccountKind::brand;
  out.colour = std::move(colour);
  out.timezone = "Europe/Paris";
  out.guidelines = std::move(guidelines);
  return out;
}

rules::Violation violation(std::string rule, policy::Severity severity, std::optional<rules::Span> span,
                           policy::OverrideMode mode, bool reason_required) {
  rules::Violation out;
  out.rule_id = std::move(rule);
  out.kind = "banned_terms";
  out.severity = severity;
  out.message = "\"drive\" is banned for @acmecars\t(brand) \x01 é 🚗";
  out.span = span;
  out.override_.mode = mode;
  out.override_.reason_required = reason_required;
  out.override_.passphrase_hash = "$argon2id$never-in-a-reply";
  return out;
}

TEST(CheckReply, EveryShapeOfVerdictIsWrittenAsItsTreeWouldBe) {
  const policy::Account with_colour = account("Be kind.\nNo politics.", "#ff0000");
  const policy::Account plain = account("", "");
  policy::Staff staff{"ad", "Ada D\u00e9v", "^AD", {"ada"}};
  int shapes = 0;
  for (const json &id : {json(nullptr), json(7), json(-3), json(18446744073709551615ULL), json("req-\"1\"\u2028")}) {
    for (const auto status : {rules::IdentityStatus::managed, rules::IdentityStatus::unknown, rules::IdentityStatus::mismatch,
                              rules::IdentityStatus::missing}) {
      for (int variant = 0; variant < 4; ++variant) {
        CheckReply reply;
        reply.id = id;
        reply.check_id = "0123456789abcdef0123456789abcdef";
        rules::Verdict &verdict = reply.verdict;
        verdict.identity.status = status;
        if (status == rules::IdentityStatus::managed || status == rules::IdentityStatus::mismatch) {
          verdict.identity.account = variant % 2 == 0 ? &with_colour : &plain;
        }
        if (status != rules::IdentityStatus::managed) verdict.identity.reason = "@someone is not an account of this policy";
        verdict.staff = variant >= 2 ? &staff : nullptr;
        verdict.os_user = variant == 3 ? "d\u00e9v" : "ada";
        verdict.action = variant == 1 ? "reply" : "post";
        verdict.at = std::chrono::system_clock::time_point(std::chrono::seconds(1'795'000'000 + variant));
        verdict.confirmation_required = variant == 2;
        if (variant > 0) {
          verdict.violations.push_back(violation("no-drive", policy::Severity::warn, rules::Span{3, 8}, policy::OverrideMode::confirm, false));
        }
        if (variant > 1) {
          verdict.violations.push_back(violation("legal", policy::Severity::block, std::nullopt, policy::OverrideMode::supervisor, true));
        }
        rules::settle(verdict);
        if (variant == 3) reply.policy_warning = "policy expires in 2 days";
        EXPECT_EQ(written(reply), from_tree(reply)) << "identity " << rules::to_string(status) << ", variant " << variant;
        ++shapes;
      }
    }
  }
  EXPECT_EQ(shapes, 80);
}

TEST(CheckReply, RandomStringsAreEscapedAsTheTreeEscapesThem) {
  // Strings from the policy and the workstation reach the reply: control characters, quotes,
  // backslashes, non-ASCII and invalid UTF-8 (replaced, as nlohmann's dump does).
  std::mt19937 random(2026);
  const std::string alphabet[] = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "\x7f", "é", "€", "😀",
                                  "\xff", "\xc3", "\xe2\x82", "\u2028", "0"};
  const auto random_text = [&] {
    std::string text;
    const std::size_t length = random() % 12;
    for (std::size_t i = 0; i < length; ++i) text += alphabet[random() % std::size(alphabet)];
    return text;
  };
  for (int round = 0; round < 2000; ++round) {
    policy::Account acc = account(random_text(), random_text());
    acc.handle = random_text();
    acc.client = random_text();
    policy::Staff staff{random_text(), random_text(), random_text(), {}};
    CheckReply reply;
    reply.id = random_text();
    reply.check_id = random_text();
    reply.policy_warning = random_text();
    reply.verdict.identity = {rules::IdentityStatus::managed, &acc, random_text()};
    reply.verdict.staff = &staff;
    reply.verdict.os_user = random_text();
    reply.verdict.action = random_text();
    reply.verdict.confirmation_required = true;
    rules::Violation v = violation(random_text(), policy::Severity::block, rules::Span{random(), random()},
                                   policy::OverrideMode::none, false);
    v.kind = random_text();
    v.message = random_text();
    reply.verdict.violations.push_back(v);
    ASSERT_EQ(written(reply), from_tree(reply)) << "round " << round;
  }
}

TEST(CheckReply, AReplyOverTheBrowsersLimitIsShortenedAsAWhole) {
  CheckReply reply;
  reply.id = 9;
  reply.check_id = "c";
  for (int i = 0; i < 5000; ++i) {
    reply.verdict.violations.push_back(violation("r" + std::to_string(i), policy::Severity::block, std::nullopt,
                                                 policy::OverrideMode::none, false));
  }
  rules::settle(reply.verdict);
  const std::string text = serialize_reply(reply, 64U * 1024U);
  ASSERT_LE(text.size(), 64U * 1024U);
  const json parsed = json::parse(text);
  EXPECT_EQ(parsed.at("id"), 9);
  EXPECT_EQ(parsed.at("verdict"), "block");
  EXPECT_EQ(parsed.at("truncated").at("field"), "violations");
  EXPECT_EQ(parsed.at("truncated").at("total"), 5000);
  EXPECT_LT(parsed.at("violations").size(), 5000U);
}

} // namespace
} // namespace handleguard::protocol
