// Every browser x scope x OS plan against the table in docs/install.md, which cites each
// browser's documentation: the code and the documented table cannot drift apart.
#include "install/host_registration.hpp"

#include <fstream>
#include <regex>
#include <set>

#include <gtest/gtest.h>

namespace handleguard::install {
namespace {

struct Row {
  std::string browser, os, scope, location, anchor;
};

std::vector<Row> documented_rows() {
  const auto doc = std::filesystem::path(__FILE__).parent_path() / "../../../docs/install.md";
  std::ifstream in(doc);
  std::vector<Row> rows;
  const std::regex row(R"(^\| (\w+) \| (linux|macos|windows) \| (user|system) \| `([^`]+)` \|\s*`?([^`|]*?)`?\s*\|)");
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (std::regex_search(line, match, row)) rows.push_back({match[1], match[2], match[3], match[4], match[5]});
  }
  return rows;
}

std::string expand_home(std::string text, const std::string &home) {
  if (text == "~") return home;
  if (text.starts_with("~/")) return home + text.substr(1);
  return text;
}

TEST(RegistrationTable, EveryBrowserScopeAndOsIsDocumentedExactlyOnce) {
  const auto rows = documented_rows();
  std::set<std::string> seen;
  for (const auto &row : rows) EXPECT_TRUE(seen.insert(row.browser + "/" + row.os + "/" + row.scope).second) << row.browser;
  EXPECT_EQ(rows.size(), 6U * 3U * 2U);
  for (Browser browser : all_browsers) {
    for (const char *os : {"linux", "macos", "windows"}) {
      for (const char *scope : {"user", "system"}) {
        EXPECT_TRUE(seen.contains(std::string(to_string(browser)) + "/" + os + "/" + scope))
            << to_string(browser) << " " << os << " " << scope << " is missing from docs/install.md";
      }
    }
  }
}

TEST(RegistrationTable, PlansMatchTheDocumentedLocations) {
  for (const auto &row : documented_rows()) {
    SCOPED_TRACE(row.browser + " " + row.os + " " + row.scope);
    PlanInput input;
    input.browser = parse_browser(row.browser).value();
    input.os = parse_target_os(row.os).value();
    input.scope = row.scope == "user" ? Scope::user : Scope::system;
    input.home = row.os == "macos" ? "/Users/ana" : "/home/ana";
    input.host_binary = row.os == "windows" ? "C:\\Program Files\\handleguard\\handleguard-host.exe"
                                            : "/usr/bin/handleguard-host";
    const auto plan = plan_registration(input);
    ASSERT_TRUE(plan) << plan.error();
    if (row.os == "windows") {
      ASSERT_TRUE(plan->registry);
      EXPECT_EQ(plan->registry->key, row.location);
      EXPECT_EQ(plan->registry->value, plan->manifest_path);
      EXPECT_TRUE(plan->manifest_path.starts_with(row.scope == "user" ? "%LOCALAPPDATA%\\" : "%ProgramFiles%\\"));
    } else {
      EXPECT_FALSE(plan->registry);
      EXPECT_EQ(plan->manifest_path, expand_home(row.location, input.home));
      EXPECT_EQ(plan->anchor_dir, expand_home(row.anchor, input.home));
    }
    EXPECT_EQ(plan->manifest.at("name"), "org.handleguard.host");
    EXPECT_EQ(plan->manifest.at("path"), input.host_binary);
    if (row.browser == "firefox") {
      EXPECT_EQ(plan->manifest.at("allowed_extensions"), nlohmann::json::array({"guard@handleguard.org"}));
    } else {
      EXPECT_EQ(plan->manifest.at("allowed_origins"),
                nlohmann::json::array({"chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/"}));
    }
  }
}

TEST(RegistrationPlan, XdgConfigHomeMovesChromiumFamilyUserFolders) {
  PlanInput input{Browser::edge, Scope::user, TargetOs::linux_os, "/opt/hg/bin/handleguard-host", {}, {}, "/home/ana", "/srv/cfg"};
  const auto plan = plan_registration(input);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->manifest_path, "/srv/cfg/microsoft-edge/NativeMessagingHosts/org.handleguard.host.json");
}

TEST(RegistrationPlan, StoreIdsJoinThePinnedIdOnce) {
  PlanInput input{Browser::chrome, Scope::user, TargetOs::linux_os, "/usr/bin/handleguard-host", {},
                  {"abcdefghijklmnopabcdefghijklmnop", "abcdefghijklmnopabcdefghijklmnop"}, "/home/ana"};
  const auto plan = plan_registration(input);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->manifest.at("allowed_origins"),
            nlohmann::json::array({"chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/",
                                   "chrome-extension://abcdefghijklmnopabcdefghijklmnop/"}));
}

TEST(RegistrationPlan, UserDataDirGoesIntoTheProfileFolder) {
  PlanInput input{Browser::chromium, Scope::user, TargetOs::linux_os, "/usr/bin/handleguard-host", std::string("/tmp/profile"), {}, "/home/ana"};
  const auto plan = plan_registration(input);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->manifest_path, "/tmp/profile/NativeMessagingHosts/org.handleguard.host.json");
  EXPECT_EQ(plan->anchor_dir, "/tmp/profile");
}

TEST(RegistrationPlan, RefusesWhatCannotWork) {
  const std::string host = "/usr/bin/handleguard-host";
  EXPECT_FALSE(plan_registration({Browser::chrome, Scope::user, TargetOs::linux_os, "relative/host", {}, {}, "/home/a"}));
  EXPECT_FALSE(plan_registration({Browser::chrome, Scope::user, TargetOs::windows, host, {}, {}, "/home/a"}));
  EXPECT_FALSE(plan_registration({Browser::firefox, Scope::user, TargetOs::linux_os, host, std::string("/p"), {}, "/home/a"}));
  EXPECT_FALSE(plan_registration({Browser::chrome, Scope::system, TargetOs::linux_os, host, std::string("/p"), {}, "/home/a"}));
  EXPECT_FALSE(plan_registration({Browser::chrome, Scope::user, TargetOs::linux_os, host, {}, {"NOT-AN-ID"}, "/home/a"}));
  EXPECT_FALSE(plan_registration({Browser::chrome, Scope::user, TargetOs::linux_os, host, {}, {}, ""}));
}

TEST(RegistrationPlan, WindowsPlanNamesTheRegExeCommands) {
  PlanInput input{Browser::edge, Scope::system, TargetOs::windows, "C:\\hg\\handleguard-host.exe", {}, {}, {}};
  const auto plan = plan_registration(input);
  ASSERT_TRUE(plan);
  const auto text = describe_install(*plan);
  EXPECT_NE(text.find(R"(reg.exe add HKLM\SOFTWARE\Microsoft\Edge\NativeMessagingHosts\org.handleguard.host /ve /t REG_SZ /d %ProgramFiles%\handleguard\NativeMessagingHosts\edge\org.handleguard.host.json /f)"),
            std::string::npos) << text;
  EXPECT_NE(text.find(R"("path": "C:\\hg\\handleguard-host.exe")"), std::string::npos) << text;
  EXPECT_EQ(registry_delete_arguments(*plan->registry),
            (std::vector<std::string>{"delete", R"(HKLM\SOFTWARE\Microsoft\Edge\NativeMessagingHosts\org.handleguard.host)", "/f"}));
}

} // namespace
} // namespace handleguard::install
