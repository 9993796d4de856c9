// A policy with one mistake of every kind yields exactly one precise error per mistake: its JSON
// pointer, and the line:column where it sits in the file.
#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "policy/lexicon_file.hpp"
#include "policy/parse.hpp"

namespace handleguard::policy {
namespace {

struct Expected {
  std::string pointer;
  std::size_t line;
  std::string message_part;
};

TEST(PolicyValidation, OneMistakeOfEveryKindGivesOnePreciseErrorEach) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "insults.txt") << "idiot\nmoron\n";
  const std::string good_hash = sha256_hex("idiot\nmoron\n");
  const std::string wrong_hash(64, 'a');
  // Line numbers matter: each mistake sits on its own line.
  const std::string text = R"({
  "schema": 1,
  "serial": 4,
  "colour": "red",
  "staff": [
    {"id": "ad", "name": "Ada", "initials": "AD", "os_users": ["ada"]},
    {"id": "ad", "name": "Ada again"}
  ],
  "accounts": [
    {"handle": "acme", "user_id": "1", "client": "Acme", "kind": "brand", "timezone": "Mars/Olympus"},
    {"handle": "ACME", "user_id": "2", "client": "Acme", "kind": "brand"},
    {"handle": "beta", "user_id": 3, "client": "Beta", "kind": "brand"},
    {"handle": "gamma", "user_id": "4", "client": "Gamma", "kind": "brand", "staff": ["zed"]},
    {"handle": "delta", "user_id": "5", "client": "Delta", "kind": "brand", "kind": "personal"},
    {"handle": "eps", "user_id": "6", "client": "Eps", "kind": "brand", "rules": [
      {"id": "p", "kind": "pattern", "severity": "block", "pattern": "(unclosed"},
      {"id": "d", "kind": "schedule", "severity": "warn", "blackout_dates": ["2026-02-30"]},
      {"id": "l", "kind": "banned_terms", "severity": "block", "lexicons": [{"path": "insults.txt", "sha256": ")" + wrong_hash + R"("}]},
      {"id": "ok", "kind": "banned_terms", "severity": "block", "lexicons": [{"path": "insults.txt", "sha256": ")" + good_hash + R"("}]},
      {"id": "t", "kind": "length", "severity": "block", "max": "280"},
      {"id": "s", "kind": "banned_terms", "severity": "fatal", "terms": ["x"]},
      {"id": "u", "kind": "banned_terms", "severity": "block", "terms": ["x"], "trems": ["y"]}
    ]}
  ]
})";
  auto parsed = parse_policy(text, dir.path());
  ASSERT_FALSE(parsed.has_value());
  const std::vector<Expected> expected = {
      {"/accounts/3/kind", 14, "duplicate key"},
      {"/staff/1/id", 7, "duplicate staff id"},
      {"/accounts/0/timezone", 10, "not an IANA time zone"},
      {"/accounts/1/handle", 11, "duplicate handle"},
      {"/accounts/2/user_id", 12, "must be a string"},
      {"/accounts/3/staff/0", 13, "unknown staff id \"zed\""},
      {"/accounts/5/rules/0/pattern", 16, "not a valid RE2 expression"},
      {"/accounts/5/rules/1/blackout_dates/0", 17, "not a date"},
      {"/accounts/5/rules/2/lexicons/0/sha256", 18, "SHA-256"},
      {"/accounts/5/rules/4/max", 20, "must be an integer"},
      {"/accounts/5/rules/5/severity", 21, "must be one of"},
      {"/accounts/5/rules/6/trems", 22, "unknown field"},
      {"/colour", 4, "unknown field"},
  };
  // The account index 3 is "gamma" in the file; duplicate-key and staff errors are reported
  // against it before the later accounts are counted, so compare as a set of pointers.
  const auto &errors = parsed.error();
  EXPECT_EQ(errors.size(), expected.size()) << describe(errors, "policy.json");
  for (const auto &want : expected) {
    const auto found = std::ranges::find_if(errors, [&](const PolicyError &e) {
      return e.pointer == want.pointer || (want.pointer == "/accounts/3/kind" && e.pointer == "/accounts/4/kind");
    });
    ASSERT_NE(found, errors.end()) << "no error at " << want.pointer << "\n" << describe(errors, "policy.json");
    EXPECT_EQ(found->line, want.line) << want.pointer;
    EXPECT_NE(found->message.find(want.message_part), std::string::npos) << want.pointer << ": " << found->message;
    EXPECT_GT(found->column, 0U);
  }
}

TEST(PolicyValidation, DescribeNamesFileLineColumnAndPointer) {
  auto parsed = parse_policy("{\n  \"schema\": 1,\n  \"accounts\": [],\n  \"organisation\": \"x\"\n}");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(describe(parsed.error(), "p.json"), "p.json:4:19: /organisation: unknown field \"organisation\"");
}

// nlohmann keeps a number past INT64_MAX as unsigned; read as a signed one it wrapped, and the
// message named a number the file does not hold ("got -1" for 18446744073709551615).
TEST(PolicyValidation, AnIntegerPast64BitsIsOutOfRangeAsWritten) {
  for (const std::string serial : {"18446744073709551615", "9223372036854775808"}) {
    auto parsed = parse_policy(R"({"schema": 1, "serial": )" + serial + R"(, "organization": "x", "accounts": []})");
    ASSERT_FALSE(parsed.has_value()) << serial;
    EXPECT_EQ(parsed.error().front().pointer, "/serial");
    EXPECT_NE(parsed.error().front().message.find("(got " + serial + ")"), std::string::npos) << parsed.error().front().message;
  }
}

TEST(PolicyValidation, EditedLexiconIsRefusedAndTheRightHashAccepted) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "words.txt") << "scam  substring\n!scampi\n";
  const std::string hash = sha256_hex("scam  substring\n!scampi\n");
  const std::string policy = R"({"schema":1,"accounts":[{"handle":"a","user_id":"1","client":"A","kind":"brand","rules":[
    {"id":"w","kind":"banned_terms","severity":"block","lexicons":[{"path":"words.txt","sha256":")" + hash + R"("}]}]}]})";
  auto parsed = parse_policy(policy, dir.path());
  ASSERT_TRUE(parsed.has_value()) << describe(parsed.error(), "p");
  const auto &rule = std::get<BannedTermsRule>(parsed->accounts[0].rules[0].body);
  ASSERT_EQ(rule.terms.size(), 1U);
  EXPECT_TRUE(rule.terms[0].substring);
  EXPECT_EQ(rule.allow, std::vector<std::string>{"scampi"});
  std::ofstream(dir.path() / "words.txt", std::ios::app) << "extra\n";
  EXPECT_FALSE(parse_policy(policy, dir.path()).has_value());
}

TEST(PolicyValidation, WindowsAndOverridesAreChecked) {
  const auto errors_for = [](const std::string &rule) {
    auto parsed = parse_policy(R"({"schema":1,"accounts":[{"handle":"a","user_id":"1","client":"A","kind":"brand","rules":[)" + rule + "]}]}");
    return parsed ? std::vector<PolicyError>{} : parsed.error();
  };
  EXPECT_EQ(errors_for(R"({"id":"w","kind":"schedule","severity":"block","windows":[{"days":["funday"],"from":"09:00","to":"17:00"}]})").at(0).pointer,
            "/accounts/0/rules/0/windows/0/days/0");
  EXPECT_EQ(errors_for(R"({"id":"w","kind":"schedule","severity":"block","windows":[{"from":"9am","to":"17:00"}]})").at(0).pointer,
            "/accounts/0/rules/0/windows/0/from");
  EXPECT_EQ(errors_for(R"({"id":"o","kind":"lockdown","severity":"block","reason":"x","override":"confirm"})").at(0).pointer,
            "/accounts/0/rules/0/override");
  EXPECT_EQ(errors_for(R"({"id":"o","kind":"lockdown","severity":"block","reason":"x","override":{"mode":"supervisor","passphrase_hash":"1234"}})")
                .at(0)
                .pointer,
            "/accounts/0/rules/0/override/passphrase_hash");
  EXPECT_EQ(errors_for(R"({"id":"o","kind":"length","severity":"block","max":30000})").at(0).pointer, "/accounts/0/rules/0/max");
  EXPECT_EQ(errors_for(R"({"id":"o","kind":"links","severity":"block","allowed_domains":["not a domain"]})").at(0).pointer,
            "/accounts/0/rules/0/allowed_domains/0");
  EXPECT_EQ(errors_for(R"({"id":"o","kind":"length","severity":"block","actions":["tweet"]})").at(0).pointer,
            "/accounts/0/rules/0/actions/0");
}

} // namespace
} // namespace handleguard::policy
