// The host's `doctor` message: the checks of `handleguard doctor`, run by the host itself for the
// browser that started it (the extension's options page shows them), over a real pipe with a
// fake HOME holding real registrations.
#include "../host/scoped_env.hpp"
#include "host_harness.hpp"
#include "install_cli_support.hpp"

namespace {

using handleguard::testing::Doctor;
using handleguard::testing::HostUnderTest;
using handleguard::testing::pinned_origin;
using handleguard::testing::ScopedEnv;

class HostDoctor : public Doctor {
protected:
  // Asks a host started with `arguments` (as a browser starts it) for its doctor checks.
  nlohmann::json host_doctor(const std::vector<std::string> &arguments) const {
    ScopedEnv env; // the host inherits HOME: where it looks for this browser's manifests
    env.set("HOME", home().string());
    HostUnderTest host(hg_home(), arguments);
    auto reply = host.ask({{"id", 1}, {"type", "doctor"}});
    EXPECT_EQ(host.finish(), 0);
    EXPECT_EQ(reply.value("ok", false), true) << reply.dump();
    return reply.is_object() && reply.contains("doctor") ? reply.at("doctor") : nlohmann::json::object();
  }
  static std::vector<std::string> subjects(const nlohmann::json &report) {
    std::vector<std::string> names;
    for (const auto &check : report.value("checks", nlohmann::json::array())) names.push_back(check.at("subject"));
    return names;
  }
  static nlohmann::json checks_about(const nlohmann::json &report, const std::string &subject) {
    nlohmann::json found = nlohmann::json::array();
    for (const auto &check : report.value("checks", nlohmann::json::array())) {
      if (check.at("subject") == subject) found.push_back(check);
    }
    return found;
  }
};

TEST_F(HostDoctor, AsChromiumStartsItChecksTheChromiumRegistrationAndTheSameStateAsTheCli) {
  const auto report = host_doctor({pinned_origin});
  EXPECT_EQ(report.value("ok", false), true) << report.dump(2);
  const auto host = checks_about(report, "host");
  ASSERT_EQ(host.size(), 1U) << report.dump(2);
  EXPECT_TRUE(host[0].at("message").get<std::string>().starts_with(
      "answering Chromium extension cnfeiacfghelhamjicbmagoojgalpelg over the browser's pipe (version "))
      << host[0];
  const auto chromium = checks_about(report, "chromium (user)");
  ASSERT_EQ(chromium.size(), 1U) << report.dump(2);
  EXPECT_EQ(chromium[0].at("message"), "manifest " + chromium_manifest().string() + " is in place");
  for (const auto &subject : subjects(report)) EXPECT_FALSE(subject.starts_with("firefox")) << "another browser's business: " << subject;
  // The policy and trust lines are those `handleguard doctor --json` prints: one implementation.
  const auto cli_report = nlohmann::json::parse(cli({"doctor", "--json", "--no-run"}).out, nullptr, false);
  ASSERT_TRUE(cli_report.is_object());
  for (const char *subject : {"policy", "trust"}) {
    EXPECT_EQ(checks_about(report, subject), checks_about(cli_report, subject)) << subject;
    EXPECT_FALSE(checks_about(report, subject).empty()) << subject;
  }
}

TEST_F(HostDoctor, AsFirefoxStartsItChecksTheFirefoxRegistration) {
  const auto manifest = home() / ".mozilla/native-messaging-hosts/org.handleguard.host.json";
  const auto report = host_doctor({manifest.string(), "guard@handleguard.org"});
  EXPECT_EQ(report.value("ok", false), true) << report.dump(2);
  EXPECT_TRUE(checks_about(report, "host").at(0).at("message").get<std::string>().starts_with("answering Firefox add-on guard@handleguard.org"));
  const auto firefox = checks_about(report, "firefox (user)");
  ASSERT_EQ(firefox.size(), 1U) << report.dump(2);
  EXPECT_EQ(firefox[0].at("status"), "ok");
  for (const auto &subject : subjects(report)) EXPECT_FALSE(subject.starts_with("chromium")) << subject;
}

TEST_F(HostDoctor, NamesAnUnsignedPolicyWhereSigningIsRequiredWithItsFix) {
  ASSERT_EQ(cli({"key", "generate", "--unencrypted"}).status, 0);
  std::string key_line;
  std::ifstream in(hg_home() / "config/keys/policy-signing.pub");
  std::getline(in, key_line); // untrusted comment
  std::getline(in, key_line);
  std::ofstream(hg_home() / "config/trust.json") << nlohmann::json{{"require_signed_policy", true}, {"trusted_keys", {key_line}}}.dump();
  std::filesystem::permissions(hg_home() / "config/trust.json", std::filesystem::perms(0600));

  const auto report = host_doctor({pinned_origin});
  EXPECT_EQ(report.value("ok", true), false) << report.dump(2);
  const auto policy_file = (hg_home() / "config/policy.json").string();
  const nlohmann::json expected = {{"status", "fail"},
                                   {"subject", "policy"},
                                   {"message", policy_file + " is not signed, but " + (hg_home() / "config/trust.json").string() +
                                                   " requires a signed policy: every post is blocked"},
                                   {"fix", "sign it with a trusted key: handleguard policy sign " + policy_file}};
  const auto policy = checks_about(report, "policy");
  EXPECT_NE(std::find(policy.begin(), policy.end(), expected), policy.end()) << report.dump(2);
}

} // namespace
