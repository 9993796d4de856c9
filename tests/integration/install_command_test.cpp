// `handleguard install|uninstall|doctor` as a user runs them: real CLI and host binaries, a fake
// HOME, system folders staged under --root (never this machine's /etc).
#include <boost/process.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <functional>
#include <sys/stat.h>

#include "../host/test_support.hpp"

namespace bp = boost::process;

namespace {

struct CliRun {
  int status = -1;
  std::string out, err;
};

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
    bp::ipstream out, err;
    bp::child child(HANDLEGUARD_CLI_BINARY, bp::args(args), bp::std_out > out, bp::std_err > err, bp::std_in < bp::null, env);
    CliRun run;
    std::string line;
    while (std::getline(out, line)) run.out += line + "\n";
    while (std::getline(err, line)) run.err += line + "\n";
    child.wait();
    run.status = child.exit_code();
    return run;
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

std::string slurp(const std::filesystem::path &path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(InstallCommand, UserInstallForAllBrowsersThenUninstallLeavesNothing) {
  const auto install = cli({"install", "--browser", "all", "--extension-id", "abcdefghijklmnopabcdefghijklmnop"});
  ASSERT_EQ(install.status, 0) << install.err;
  for (const char *folder : {".config/google-chrome/NativeMessagingHosts", ".config/chromium/NativeMessagingHosts",
                             ".config/microsoft-edge/NativeMessagingHosts",
                             ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts",
                             ".config/vivaldi/NativeMessagingHosts", ".mozilla/native-messaging-hosts"}) {
    const auto manifest = home() / folder / "org.handleguard.host.json";
    ASSERT_TRUE(std::filesystem::exists(manifest)) << manifest;
    struct stat info {};
    ASSERT_EQ(::stat(manifest.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777U, 0644U);
    const auto json = nlohmann::json::parse(slurp(manifest));
    EXPECT_EQ(json.at("path").get<std::string>(), (std::filesystem::path(HANDLEGUARD_CLI_BINARY).parent_path() / "handleguard-host").string());
  }
  const auto chrome = nlohmann::json::parse(slurp(chromium_manifest()));
  EXPECT_EQ(chrome.at("allowed_origins").size(), 2U);
  // The host's caller check reads the same ids.
  const auto config = nlohmann::json::parse(slurp(hg_home() / "config/install.json"));
  EXPECT_EQ(config.at("chromium_extension_ids"),
            nlohmann::json::array({"cnfeiacfghelhamjicbmagoojgalpelg", "abcdefghijklmnopabcdefghijklmnop"}));

  const auto uninstall = cli({"uninstall", "--browser", "all"});
  ASSERT_EQ(uninstall.status, 0) << uninstall.err;
  EXPECT_EQ(tree(home()), std::vector<std::string>{".config"});
  EXPECT_EQ(tree(hg_home()), std::vector<std::string>{});
}

TEST_F(InstallCommand, SystemInstallUnderARootThenUninstallLeavesNothing) {
  // The host as the package puts it: /usr/bin inside the root.
  std::filesystem::create_directories(root() / "usr/bin");
  std::filesystem::copy_file(std::filesystem::path(HANDLEGUARD_CLI_BINARY).parent_path() / "handleguard-host",
                             root() / "usr/bin/handleguard-host");
  const auto install = cli({"install", "--browser", "all", "--system", "--root", root().string(), "--host-path",
                            "/usr/bin/handleguard-host"});
  ASSERT_EQ(install.status, 0) << install.err;
  EXPECT_TRUE(std::filesystem::exists(root() / "etc/opt/chrome/native-messaging-hosts/org.handleguard.host.json"));
  EXPECT_TRUE(std::filesystem::exists(root() / "etc/chromium/native-messaging-hosts/org.handleguard.host.json"));
  EXPECT_TRUE(std::filesystem::exists(root() / "etc/opt/edge/native-messaging-hosts/org.handleguard.host.json"));
  EXPECT_TRUE(std::filesystem::exists(root() / "usr/lib/mozilla/native-messaging-hosts/org.handleguard.host.json"));
  EXPECT_TRUE(std::filesystem::exists(root() / "etc/handleguard/install.json"));
  EXPECT_EQ(nlohmann::json::parse(slurp(root() / "etc/opt/edge/native-messaging-hosts/org.handleguard.host.json")).at("path"),
            "/usr/bin/handleguard-host");
  EXPECT_EQ(tree(home()), std::vector<std::string>{".config"});
  const auto uninstall = cli({"uninstall", "--browser", "all", "--system", "--root", root().string()});
  ASSERT_EQ(uninstall.status, 0) << uninstall.err;
  // The anchors (etc/opt, etc, usr/lib) stood in for folders a real system already has.
  EXPECT_EQ(tree(root()), (std::vector<std::string>{"etc", "etc/opt", "usr", "usr/bin", "usr/bin/handleguard-host", "usr/lib"}));
}

TEST_F(InstallCommand, SecondInstallChangesNothing) {
  ASSERT_EQ(cli({"install", "--browser", "chromium"}).status, 0);
  const auto before = std::filesystem::last_write_time(chromium_manifest());
  const auto again = cli({"install", "--browser", "chromium"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.out.find("already registered"), std::string::npos) << again.out;
  EXPECT_EQ(std::filesystem::last_write_time(chromium_manifest()), before);
}

TEST_F(InstallCommand, DryRunPrintsAnyOsPlanAndWritesNothing) {
  const auto windows = cli({"install", "--browser", "firefox", "--os", "windows", "--dry-run"});
  ASSERT_EQ(windows.status, 0) << windows.err;
  EXPECT_NE(windows.out.find(R"(reg.exe add HKCU\SOFTWARE\Mozilla\NativeMessagingHosts\org.handleguard.host /ve /t REG_SZ)"), std::string::npos) << windows.out;
  EXPECT_NE(windows.out.find("\"allowed_extensions\""), std::string::npos);
  const auto macos = cli({"install", "--browser", "edge", "--system", "--os", "macos", "--dry-run"});
  EXPECT_NE(macos.out.find("/Library/Microsoft/Edge/NativeMessagingHosts/org.handleguard.host.json"), std::string::npos) << macos.out;
  const auto not_here = cli({"install", "--browser", "edge", "--os", "windows"});
  EXPECT_EQ(not_here.status, 73);
  EXPECT_NE(not_here.err.find("--dry-run"), std::string::npos) << not_here.err;
  EXPECT_NE(not_here.err.find("only be printed"), std::string::npos) << not_here.err;
  EXPECT_EQ(tree(home()), std::vector<std::string>{".config"});
  EXPECT_EQ(tree(hg_home()), std::vector<std::string>{});
}

TEST_F(InstallCommand, RefusesAHostOthersCouldReplace) {
  const auto open_dir = dir_.path() / "open";
  std::filesystem::create_directories(open_dir);
  std::filesystem::copy_file(std::filesystem::path(HANDLEGUARD_CLI_BINARY).parent_path() / "handleguard-host", open_dir / "handleguard-host");
  std::filesystem::permissions(open_dir, std::filesystem::perms(0777));
  const auto run = cli({"install", "--browser", "chromium", "--host-path", (open_dir / "handleguard-host").string()});
  EXPECT_EQ(run.status, 73);
  EXPECT_NE(run.err.find("writable by other users"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(chromium_manifest()));
}

TEST_F(InstallCommand, UninstallLeavesAForeignManifestAlone) {
  std::filesystem::create_directories(chromium_manifest().parent_path());
  std::ofstream(chromium_manifest()) << R"({"name":"com.other.app"})";
  const auto run = cli({"uninstall", "--browser", "chromium"});
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find("not a handleguard host manifest"), std::string::npos) << run.err;
  EXPECT_TRUE(std::filesystem::exists(chromium_manifest()));
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
  void expect_failure(const std::string &message, const std::string &fix) const {
    const auto run = cli({"doctor"});
    EXPECT_EQ(run.status, 1) << run.out << run.err;
    const auto at = run.out.find(message);
    ASSERT_NE(at, std::string::npos) << run.out;
    const auto line = run.out.substr(run.out.rfind('\n', at) + 1, run.out.find('\n', at) - run.out.rfind('\n', at) - 1);
    EXPECT_TRUE(line.starts_with("FAIL")) << line;
    EXPECT_NE(line.find("fix: " + fix), std::string::npos) << line;
  }
  void edit_manifest(const std::function<void(nlohmann::json &)> &edit) const {
    auto json = nlohmann::json::parse(slurp(chromium_manifest()));
    edit(json);
    std::ofstream(chromium_manifest()) << json.dump();
  }
};

TEST_F(Doctor, HealthySetUpPassesWithOnlyTheUnsignedWarning) {
  const auto run = cli({"doctor"});
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_EQ(run.out.find("FAIL"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ok   chromium (user): manifest"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ok   firefox (user): manifest"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("warn policy: unsigned"), std::string::npos) << run.out;
}

TEST_F(Doctor, NamesAMissingManifest) {
  fake_browser("vivaldi");
  expect_failure("vivaldi: installed, but the host is not registered", "handleguard install --browser vivaldi");
}

TEST_F(Doctor, NamesAWrongExtensionId) {
  edit_manifest([](nlohmann::json &json) { json["allowed_origins"] = {"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"}; });
  expect_failure("does not name our extension", "handleguard install --browser chromium");
}

TEST_F(Doctor, NamesANonExecutableHostPath) {
  const auto not_executable = dir_.path() / "not-executable";
  std::ofstream(not_executable) << "x";
  std::filesystem::permissions(not_executable, std::filesystem::perms(0644));
  edit_manifest([&](nlohmann::json &json) { json["path"] = not_executable.string(); });
  expect_failure("is missing or not executable", "reinstall handleguard, then handleguard install --browser chromium");
}

TEST_F(Doctor, NamesAWorldWritableManifest) {
  std::filesystem::permissions(chromium_manifest(), std::filesystem::perms(0666));
  expect_failure("manifest unsafe", "chmod go-w " + chromium_manifest().string());
}

TEST_F(Doctor, NamesAnInvalidPolicy) {
  std::ofstream(hg_home() / "config/policy.json") << "{\"version\": ";
  expect_failure("policy: invalid", "fix it, then handleguard policy validate");
}

TEST_F(Doctor, NamesAMissingPolicy) {
  std::filesystem::remove(hg_home() / "config/policy.json");
  expect_failure("no policy at", "handleguard policy init");
}

TEST_F(Doctor, NamesAPolicyOthersCanRead) {
  std::filesystem::permissions(hg_home() / "config/policy.json", std::filesystem::perms(0644));
  expect_failure("readable or writable by other users", "chmod 0600");
}

} // namespace
