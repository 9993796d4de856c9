// The policy gate through PolicySource, on real files: what the host does with signed,
// unsigned, tampered, rolled-back and expired policies.
#include "signing/policy_gate.hpp"

#include <fstream>
#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "policy/policy_source.hpp"

namespace handleguard::signing {
namespace {

using namespace std::chrono_literals;

std::string policy_text(int serial, const std::string &extra = "") {
  return R"({"schema":1,"serial":)" + std::to_string(serial) + extra +
         R"(,"accounts":[{"handle":"acme","user_id":"12","client":"Acme","kind":"brand"}]})";
}

class PolicyGateTest : public ::testing::Test {
protected:
  void SetUp() override {
    auto pair = generate_key_pair("", false).value();
    key_ = std::move(parse_secret_key(pair.secret_file, "").value());
  }
  [[nodiscard]] std::filesystem::path policy_path() const { return dir_.path() / "policy.json"; }
  void write(const std::filesystem::path &path, const std::string &text) const { std::ofstream(path) << text; }
  void write_signed(const std::string &text) const {
    write(policy_path(), text);
    write(signature_path(policy_path()), sign(as_bytes(text), key_, "test").value());
  }
  [[nodiscard]] std::shared_ptr<const PolicyGate> gate(bool required) const {
    TrustSettings trust{{key_.public_key()}, required, dir_.path() / "trust.json"};
    return std::make_shared<const PolicyGate>(trust, dir_.path() / "state" / "policy-serial.json");
  }

  handleguard::testing::TempDir dir_;
  SecretKey key_;
};

TEST_F(PolicyGateTest, SignedPolicyLoadsAndNamesItsSigner) {
  write_signed(policy_text(3));
  policy::PolicySource source(policy_path(), gate(true));
  EXPECT_TRUE(source.status().loaded) << source.status().error;
  EXPECT_EQ(source.status().signer, key_.public_key().id_text());
}

TEST_F(PolicyGateTest, UnsignedPolicyIsRefusedWhenSigningIsRequired) {
  write(policy_path(), policy_text(3));
  policy::PolicySource source(policy_path(), gate(true));
  EXPECT_FALSE(source.status().loaded);
  EXPECT_NE(source.status().error.find("not signed"), std::string::npos) << source.status().error;
}

TEST_F(PolicyGateTest, UnsignedPolicyLoadsWhenSigningIsNotRequired) {
  write(policy_path(), policy_text(3));
  policy::PolicySource source(policy_path(), gate(false));
  EXPECT_TRUE(source.status().loaded) << source.status().error;
}

TEST_F(PolicyGateTest, TamperedPolicyIsRefusedAndTheLastGoodStays) {
  write_signed(policy_text(3));
  policy::PolicySource source(policy_path(), gate(true));
  ASSERT_TRUE(source.status().loaded);
  write(policy_path(), policy_text(3, R"(,"unknown_account":"allow")"));
  source.refresh();
  EXPECT_TRUE(source.status().loaded);
  EXPECT_EQ(source.engine()->policy().unknown_account, policy::UnknownAccountMode::block);
  EXPECT_NE(source.status().error.find("does not match"), std::string::npos) << source.status().error;
}

TEST_F(PolicyGateTest, TamperedPolicyWithoutALastGoodBlocksEverything) {
  write_signed(policy_text(3));
  write(policy_path(), policy_text(4));
  policy::PolicySource source(policy_path(), gate(true));
  EXPECT_FALSE(source.status().loaded);
  EXPECT_EQ(source.engine(), nullptr);
}

TEST_F(PolicyGateTest, SignatureOfAnotherKeyIsRefusedEvenWhenNotRequired) {
  write_signed(policy_text(3));
  auto other_pair = generate_key_pair("", false).value();
  const auto other = parse_secret_key(other_pair.secret_file, "").value();
  write(signature_path(policy_path()), sign(as_bytes(policy_text(3)), other, "x").value());
  policy::PolicySource source(policy_path(), gate(false));
  EXPECT_FALSE(source.status().loaded);
  EXPECT_NE(source.status().error.find("not trusted"), std::string::npos) << source.status().error;
}

TEST_F(PolicyGateTest, OlderSerialIsRefusedAsRollbackAcrossRestarts) {
  write_signed(policy_text(5));
  { policy::PolicySource first(policy_path(), gate(true)); ASSERT_TRUE(first.status().loaded); }
  write_signed(policy_text(4)); // a genuine, properly signed, but older policy
  policy::PolicySource later(policy_path(), gate(true));
  EXPECT_FALSE(later.status().loaded);
  EXPECT_NE(later.status().error.find("rollback"), std::string::npos) << later.status().error;
  write_signed(policy_text(5));
  later.refresh();
  EXPECT_TRUE(later.status().loaded) << later.status().error;
}

TEST_F(PolicyGateTest, ExpiredPolicyIsRefused) {
  write_signed(policy_text(3, R"(,"expires":"2001-01-01")"));
  policy::PolicySource source(policy_path(), gate(true));
  EXPECT_FALSE(source.status().loaded);
  EXPECT_NE(source.status().error.find("expired on 2001-01-01T00:00:00Z"), std::string::npos) << source.status().error;
}

TEST_F(PolicyGateTest, PolicyCloseToExpiryWarnsThenBlocksAtItsTime) {
  const auto now = Clock::now();
  PolicyAcceptance accepted;
  accepted.expires = now + 48h;
  EXPECT_TRUE(PolicyGate::expiry_warning(accepted, now - 30 * 24h).empty());
  EXPECT_NE(PolicyGate::expiry_warning(accepted, now).find("expires on"), std::string::npos);
  EXPECT_FALSE(PolicyGate::has_expired(accepted, now + 47h));
  EXPECT_TRUE(PolicyGate::has_expired(accepted, now + 48h));

  const std::string soon = format_utc_time(std::chrono::floor<std::chrono::seconds>(now + 48h));
  write_signed(policy_text(3, R"(,"expires":")" + soon + "\""));
  policy::PolicySource source(policy_path(), gate(true));
  EXPECT_TRUE(source.status().loaded) << source.status().error;
  EXPECT_NE(source.status().warning.find(soon), std::string::npos);
}

TEST_F(PolicyGateTest, MalformedExpiryIsRefused) {
  write_signed(policy_text(3, R"(,"expires":"next tuesday")"));
  policy::PolicySource source(policy_path(), gate(false));
  EXPECT_FALSE(source.status().loaded);
  EXPECT_NE(source.status().error.find("/expires"), std::string::npos);
}

TEST_F(PolicyGateTest, MalformedTrustFileRefusesEveryPolicy) {
  write_signed(policy_text(3));
  auto trust = parse_trust(R"({"require_signed_policy":"yes"})", dir_.path() / "trust.json");
  ASSERT_FALSE(trust.has_value());
  policy::PolicySource source(policy_path(), std::make_shared<const PolicyGate>(trust, dir_.path() / "serial.json"));
  EXPECT_FALSE(source.status().loaded);
  EXPECT_NE(source.status().error.find("trust settings are invalid"), std::string::npos);
}

TEST(Trust, RequirementWithoutKeysIsAnError) {
  EXPECT_FALSE(parse_trust(R"({"require_signed_policy":true,"trusted_keys":[]})", "t").has_value());
  EXPECT_FALSE(parse_trust(R"({"trusted_keys":["not a key"]})", "t").has_value());
  EXPECT_FALSE(parse_trust(R"({"require_signed":true})", "t").has_value());
  EXPECT_TRUE(parse_trust(R"({})", "t").has_value());
}

TEST(UtcTime, ParsesDatesAndTimesAndRefusesTheRest) {
  EXPECT_EQ(format_utc_time(parse_utc_time("2027-02-03").value()), "2027-02-03T00:00:00Z");
  EXPECT_EQ(format_utc_time(parse_utc_time("2027-02-03T04:05:06Z").value()), "2027-02-03T04:05:06Z");
  for (const char *bad : {"2027-02-30", "2027-13-01", "2027-02-03T25:00:00Z", "2027-02-03T04:05:06+01", "", "x"}) {
    EXPECT_FALSE(parse_utc_time(bad).has_value()) << bad;
  }
}

} // namespace
} // namespace handleguard::signing
