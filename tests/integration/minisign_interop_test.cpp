// Real minisign against handleguard, both ways: minisign verifies what `handleguard policy sign`
// writes (with our encrypted and unencrypted keys), and handleguard verifies what `minisign -S`
// writes; then the real host refuses what it must.
#include <boost/process.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../host/test_support.hpp"
#include "process_run.hpp"

namespace bp = boost::process;

namespace {

using handleguard::testing::ProcessRun;

// Runs `program` with `args`, `input` on its stdin, HANDLEGUARD_HOME=`home`.
ProcessRun run(const std::string &program, const std::vector<std::string> &args, const std::filesystem::path &home,
               const std::string &input = "") {
  return handleguard::testing::run_to_completion(program, args, handleguard::testing::environment_with_home(home),
                                                 input);
}

// Debian's minisign; another test of this binary may have changed PATH, so fall back to /usr/bin.
std::string minisign_path() {
  const auto found = bp::search_path("minisign");
  return found.empty() ? std::string("/usr/bin/minisign") : found.string();
}

ProcessRun minisign(const std::vector<std::string> &args, const std::filesystem::path &home, const std::string &input = "") {
  return run(minisign_path(), args, home, input);
}
ProcessRun handleguard(const std::vector<std::string> &args, const std::filesystem::path &home, const std::string &input = "") {
  return run(HANDLEGUARD_CLI_BINARY, args, home, input);
}

const std::string policy_json = R"({"schema":1,"serial":7,"accounts":[
  {"handle":"acmecars","user_id":"1500000000000000001","client":"Acme Cars","kind":"brand"}]})";

class MinisignInterop : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(minisign_path())) << "minisign is installed by installer/deps.sh";
    std::filesystem::create_directories(home_.path() / "config");
    std::ofstream(policy()) << policy_json;
  }
  [[nodiscard]] std::string policy() const { return (home_.path() / "config" / "policy.json").string(); }
  [[nodiscard]] std::string keys(const std::string &name) const {
    return (home_.path() / "config" / "keys" / name).string();
  }
  void tamper() const { std::ofstream(policy(), std::ios::app) << " "; }
  handleguard::testing::TempDir home_;
};

TEST_F(MinisignInterop, MinisignVerifiesOurSignatureWithAnUnencryptedKey) {
  ASSERT_EQ(handleguard({"key", "generate", "--unencrypted"}, home_.path()).status, 0);
  EXPECT_EQ(std::filesystem::status(keys("policy-signing.key")).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  ASSERT_EQ(handleguard({"policy", "sign"}, home_.path()).status, 0);
  const ProcessRun verified = minisign({"-V", "-p", keys("policy-signing.pub"), "-m", policy()}, home_.path());
  EXPECT_EQ(verified.status, 0) << verified.err;
  EXPECT_NE(verified.out.find("serial:7"), std::string::npos) << verified.out;
  tamper();
  EXPECT_EQ(minisign({"-V", "-p", keys("policy-signing.pub"), "-m", policy()}, home_.path()).status, 1);
}

TEST_F(MinisignInterop, EncryptedKeyWorksInBothToolsWithItsPassword) {
  ASSERT_EQ(handleguard({"key", "generate", "--fast-kdf"}, home_.path(), "s3cret pass\n").status, 0);
  EXPECT_NE(handleguard({"policy", "sign"}, home_.path(), "wrong pass\n").status, 0);
  ASSERT_EQ(handleguard({"policy", "sign"}, home_.path(), "s3cret pass\n").status, 0);
  EXPECT_EQ(minisign({"-V", "-p", keys("policy-signing.pub"), "-m", policy()}, home_.path()).status, 0);
  // minisign decrypts the secret key we wrote and signs; we verify its signature.
  const ProcessRun signed_by_minisign =
      minisign({"-S", "-s", keys("policy-signing.key"), "-m", policy(), "-t", "by minisign"}, home_.path(), "s3cret pass\n");
  ASSERT_EQ(signed_by_minisign.status, 0) << signed_by_minisign.err;
  const ProcessRun verified = handleguard({"policy", "verify", "-p", keys("policy-signing.pub")}, home_.path());
  EXPECT_EQ(verified.status, 0) << verified.err;
  EXPECT_NE(verified.out.find("trusted comment: by minisign"), std::string::npos) << verified.out;
}

TEST_F(MinisignInterop, WeVerifyMinisignsSignatureAndItsTrustedComment) {
  const std::string pub = (home_.path() / "m.pub").string(), key = (home_.path() / "m.key").string();
  ASSERT_EQ(minisign({"-G", "-W", "-p", pub, "-s", key}, home_.path()).status, 0);
  ASSERT_EQ(minisign({"-S", "-s", key, "-m", policy(), "-t", "release 7"}, home_.path()).status, 0);
  const ProcessRun verified = handleguard({"policy", "verify", "-p", pub}, home_.path());
  EXPECT_EQ(verified.status, 0) << verified.err;
  EXPECT_NE(verified.out.find("trusted comment: release 7"), std::string::npos);

  // A trusted comment edited after signing is refused, as minisign refuses it.
  const auto signature = policy() + ".minisig";
  std::string text;
  {
    std::ifstream in(signature);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  text.replace(text.find("release 7"), 9, "release 9");
  std::ofstream(signature) << text;
  EXPECT_EQ(handleguard({"policy", "verify", "-p", pub}, home_.path()).status, 1);
  EXPECT_EQ(minisign({"-V", "-p", pub, "-m", policy()}, home_.path()).status, 1);

  // Our signature made with minisign's own (unencrypted) secret key verifies in minisign.
  ASSERT_EQ(handleguard({"policy", "sign", "-s", key}, home_.path()).status, 0);
  EXPECT_EQ(minisign({"-V", "-p", pub, "-m", policy()}, home_.path()).status, 0);
  tamper();
  const ProcessRun refused = handleguard({"policy", "verify", "-p", pub}, home_.path());
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("does not match"), std::string::npos) << refused.err;
}

TEST_F(MinisignInterop, VerifyWithoutASignatureFailsWhenAKeyIsGiven) {
  const std::string pub = (home_.path() / "m.pub").string(), key = (home_.path() / "m.key").string();
  ASSERT_EQ(minisign({"-G", "-W", "-p", pub, "-s", key}, home_.path()).status, 0);
  const ProcessRun refused = handleguard({"policy", "verify", "-p", pub}, home_.path());
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("not signed"), std::string::npos) << refused.err;
}

// `handleguard check` judges with the policy the host would enforce: when the trust settings
// require a signature, a tampered policy is refused by the CLI as by the host.
TEST_F(MinisignInterop, CheckRefusesATamperedPolicyWhenSigningIsRequired) {
  const std::string pub = (home_.path() / "m.pub").string(), key = (home_.path() / "m.key").string();
  ASSERT_EQ(minisign({"-G", "-W", "-p", pub, "-s", key}, home_.path()).status, 0);
  ASSERT_EQ(minisign({"-S", "-s", key, "-m", policy()}, home_.path()).status, 0);
  std::string public_key;
  {
    std::ifstream in(pub);
    public_key.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::ofstream(home_.path() / "config" / "trust.json")
      << nlohmann::json({{"require_signed_policy", true}, {"trusted_keys", {public_key}}}).dump();
  EXPECT_EQ(handleguard({"check", "--account", "acmecars", "--text", "hello"}, home_.path()).status, 0);
  tamper();
  const ProcessRun refused = handleguard({"check", "--account", "acmecars", "--text", "hello"}, home_.path());
  EXPECT_EQ(refused.status, 78) << refused.out;
  EXPECT_NE(refused.err.find("does not match"), std::string::npos) << refused.err;
}

} // namespace
