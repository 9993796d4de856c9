#pragma once
// The fixture of the `handleguard install|uninstall|doctor` suites: real CLI and host binaries, a
// fake HOME, HANDLEGUARD_HOME and PATH, system folders staged under --root (never this machine's
// /etc).
#include <algorithm>
#include <boost/process.hpp>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "../host/test_support.hpp"
#include "process_run.hpp"

namespace handleguard::testing {

namespace bp = boost::process;

using CliRun = ProcessRun;

class InstallCommand : public ::testing::Test {
protected:
  void SetUp() override {
    // A real home has ~/.config: it is the anchor uninstall stops at.
    std::filesystem::create_directories(home() / ".config");
    std::filesystem::create_directories(fake_bin());
  }
  std::filesystem::path home() const { return dir_.path() / "home"; }
  std::filesystem::path hg_home() const { return dir_.path() / "hg"; }
  std::filesystem::path root() const { return dir_.path() / "root"; }
  std::filesystem::path fake_bin() const { return dir_.path() / "bin"; }

  CliRun cli(std::vector<std::string> args) const {
    auto env = boost::this_process::environment();
    env["HOME"] = home().string();
    env["HANDLEGUARD_HOME"] = hg_home().string();
    env["PATH"] = fake_bin().string();
    env.erase("XDG_CONFIG_HOME");
    env.erase("XDG_STATE_HOME");
    return run_to_completion(HANDLEGUARD_CLI_BINARY, args, env);
  }

  // A program named like a browser, so doctor finds that browser "installed".
  void fake_browser(const std::string &name) const {
    std::ofstream(fake_bin() / name) << "#!/bin/sh\nexit 0\n";
    std::filesystem::permissions(fake_bin() / name, std::filesystem::perms(0755));
  }

  static std::vector<std::string> tree(const std::filesystem::path &top) {
    std::vector<std::string> entries;
    if (!std::filesystem::exists(top)) return entries;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(top)) {
      entries.push_back(std::filesystem::relative(entry.path(), top).string());
    }
    std::sort(entries.begin(), entries.end());
    return entries;
  }

  std::filesystem::path chromium_manifest() const {
    return home() / ".config/chromium/NativeMessagingHosts/org.handleguard.host.json";
  }

  handleguard::testing::TempDir dir_;
};

inline std::string slurp(const std::filesystem::path &path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Doctor : public InstallCommand {
protected:
  void SetUp() override {
    InstallCommand::SetUp();
    fake_browser("chromium");
    fake_browser("firefox-esr");
    ASSERT_EQ(cli({"install", "--browser", "chromium"}).status, 0);
    ASSERT_EQ(cli({"install", "--browser", "firefox"}).status, 0);
    ASSERT_EQ(cli({"policy", "init"}).status, 0);
  }
  // The whole output line holding `text`, or empty.
  static std::string line_with(const std::string &out, const std::string &text) {
    const auto at = out.find(text);
    if (at == std::string::npos) return {};
    const auto start = at == 0 ? 0 : out.rfind('\n', at) + 1;
    return out.substr(start, out.find('\n', at) - start);
  }
  // Runs doctor and expects it to fail with a FAIL line holding `message` and the fix `fix`.
  void expect_failure(const std::string &message, const std::string &fix, std::vector<std::string> args = {"doctor"}) const {
    const auto run = cli(std::move(args));
    EXPECT_EQ(run.status, 1) << run.out << run.err;
    const auto line = line_with(run.out, message);
    ASSERT_FALSE(line.empty()) << run.out;
    EXPECT_TRUE(line.starts_with("FAIL")) << line;
    EXPECT_NE(line.find("fix: " + fix), std::string::npos) << line;
  }
  void edit_manifest(const std::function<void(nlohmann::json &)> &edit) const {
    auto json = nlohmann::json::parse(slurp(chromium_manifest()));
    edit(json);
    std::ofstream(chromium_manifest()) << json.dump();
  }
};

} // namespace handleguard::testing
