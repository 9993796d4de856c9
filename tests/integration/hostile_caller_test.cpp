// Issue 8, item 2: only the allowed extensions may use the host. Any other caller gets no
// answer at all (nothing on stdout), the reason on stderr, and a non-zero exit.
#include <gtest/gtest.h>

#include "../host/test_support.hpp"
#include "host_harness.hpp"

namespace {

using handleguard::testing::HostUnderTest;
using nlohmann::json;

constexpr int refused_exit = 77;

void expect_refused(const std::vector<std::string> &arguments, const std::string &reason) {
  handleguard::testing::TempDir home;
  handleguard::testing::write_policy_file(home.path(), handleguard::testing::sample_policy);
  HostUnderTest host(home.path(), arguments);
  host.send({{"id", 1}, {"type", "hello"}});
  EXPECT_EQ(host.wait(), refused_exit);
  host.close_input();
  EXPECT_EQ(host.drain(), 0U) << "a refused caller was answered";
  EXPECT_FALSE(host.stray_output());
  const std::string errors = host.stderr_text();
  EXPECT_NE(errors.find("refused"), std::string::npos) << errors;
  EXPECT_NE(errors.find(reason), std::string::npos) << errors;
}

void expect_answered(const std::vector<std::string> &arguments) {
  handleguard::testing::TempDir home;
  HostUnderTest host(home.path(), arguments);
  EXPECT_EQ(host.ask({{"id", 1}, {"type", "hello"}})["ok"], true);
  EXPECT_EQ(host.finish(), 0);
}

TEST(HostileCaller, PinnedChromiumExtensionIsAnswered) {
  expect_answered({"chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/"});
  // Chromium on Windows adds the parent window after the origin.
  expect_answered({"chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/", "--parent-window=0"});
}

TEST(HostileCaller, FirefoxAddOnIsAnswered) {
  expect_answered({"/home/user/.mozilla/native-messaging-hosts/org.handleguard.host.json", "guard@handleguard.org"});
}

TEST(HostileCaller, ExtensionsListedInTheInstallConfigurationAreAnsweredToo) {
  handleguard::testing::TempDir home;
  std::filesystem::create_directories(home.path() / "config");
  std::ofstream(home.path() / "config" / "install.json")
      << R"({"version":1,"chromium_extension_ids":["abcdefghijklmnopabcdefghijklmnop"],"firefox_extension_ids":["other@example.org"]})";
  for (const auto &arguments : std::vector<std::vector<std::string>>{
           {"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"},
           {"/m.json", "other@example.org"},
           {"chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/"}}) {
    HostUnderTest host(home.path(), arguments);
    EXPECT_EQ(host.ask({{"id", 1}, {"type", "hello"}})["ok"], true) << arguments.front();
    EXPECT_EQ(host.finish(), 0);
  }
  HostUnderTest stranger(home.path(), {"chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/"});
  EXPECT_EQ(stranger.wait(), refused_exit);
}

TEST(HostileCaller, AnInvalidInstallConfigurationRefusesEveryone) {
  handleguard::testing::TempDir home;
  std::filesystem::create_directories(home.path() / "config");
  std::ofstream(home.path() / "config" / "install.json") << "{ not json";
  HostUnderTest host(home.path(), {handleguard::testing::pinned_origin});
  host.send({{"id", 1}, {"type", "hello"}});
  EXPECT_EQ(host.wait(), refused_exit);
  host.close_input();
  EXPECT_EQ(host.drain(), 0U);
  EXPECT_NE(host.stderr_text().find("install.json"), std::string::npos);
}

TEST(HostileCaller, OtherChromiumExtensionIsRefused) {
  expect_refused({"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"}, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  expect_refused({"chrome-extension://cnfeiacfghelhamjicbmagoojgalpelgx/"}, "not allowed");
  expect_refused({"chrome-extension://CNFEIACFGHELHAMJICBMAGOOJGALPELG/"}, "not allowed");
  expect_refused({"chrome-extension:///"}, "not allowed");
}

TEST(HostileCaller, OtherFirefoxAddOnIsRefused) {
  expect_refused({"/tmp/manifest.json", "evil@example.com"}, "evil@example.com");
  // The Chromium id is not a Firefox add-on id, nor the other way round.
  expect_refused({"/tmp/manifest.json", "cnfeiacfghelhamjicbmagoojgalpelg"}, "not allowed");
  expect_refused({"chrome-extension://guard@handleguard.org/"}, "not allowed");
}

TEST(HostileCaller, MissingOrMalformedCallerIsRefused) {
  expect_refused({}, "no caller");
  expect_refused({"chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg"}, "malformed extension origin");
  expect_refused({"https://x.com/"}, "unrecognised caller");
}

TEST(HostileCaller, UnknownOptionIsAUsageErrorAndNothingIsAnswered) {
  handleguard::testing::TempDir home;
  HostUnderTest host(home.path(), {"--bogus-option", "chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/"});
  host.send({{"id", 1}, {"type", "hello"}});
  EXPECT_EQ(host.wait(), 64);
  host.close_input();
  EXPECT_EQ(host.drain(), 0U);
  EXPECT_NE(host.stderr_text().find("unknown option"), std::string::npos);
}

} // namespace
