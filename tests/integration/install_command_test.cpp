// `handleguard install|uninstall` as a user runs them: real CLI and host binaries, a fake HOME,
// system folders staged under --root (never this machine's /etc).
#include "install_cli_support.hpp"

namespace {

using handleguard::testing::InstallCommand;
using handleguard::testing::slurp;

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

} // namespace
