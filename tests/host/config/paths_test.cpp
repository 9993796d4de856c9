#include "config/paths.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "../scoped_env.hpp"
#include "../test_support.hpp"

namespace handleguard::config {
namespace {

class PathsTest : public ::testing::Test {
protected:
  void SetUp() override {
    testing::override_managed_dir(managed_.path() / "etc-handleguard");
    env_.set("HANDLEGUARD_HOME", (home_.path() / "hg").string());
  }
  void TearDown() override { testing::override_managed_dir({}); }
  void put_managed(const std::string &name) {
    std::filesystem::create_directories(managed_.path() / "etc-handleguard");
    std::ofstream(managed_.path() / "etc-handleguard" / name) << "{}";
  }
  handleguard::testing::TempDir home_, managed_;
  handleguard::testing::ScopedEnv env_;
};

TEST_F(PathsTest, HandleguardHomeRootsUserFilesWhenNothingIsManaged) {
  const auto paths = resolve_paths();
  EXPECT_FALSE(paths.managed);
  EXPECT_EQ(paths.policy_file(), home_.path() / "hg" / "config" / "policy.json");
  EXPECT_EQ(paths.trust_file(), home_.path() / "hg" / "config" / "trust.json");
  EXPECT_EQ(paths.audit_db(), home_.path() / "hg" / "state" / "audit.sqlite");
  EXPECT_EQ(paths.install_config_file(), home_.path() / "hg" / "config" / "install.json");
}

TEST_F(PathsTest, XdgFoldersAreUsedWithoutHandleguardHome) {
  env_.unset("HANDLEGUARD_HOME");
  env_.set("XDG_CONFIG_HOME", (home_.path() / "cfg").string());
  env_.set("XDG_STATE_HOME", "relative/is/ignored");
  env_.set("HOME", home_.path().string());
  const auto paths = resolve_paths();
  EXPECT_EQ(paths.policy_file(), home_.path() / "cfg" / "handleguard" / "policy.json");
  EXPECT_EQ(paths.state_dir, home_.path() / ".local" / "state" / "handleguard");
}

TEST_F(PathsTest, AnEmptyManagedFolderDoesNotTakeOver) {
  std::filesystem::create_directories(managed_.path() / "etc-handleguard");
  EXPECT_FALSE(resolve_paths().managed);
}

TEST_F(PathsTest, ManagedPolicyWinsOverHandleguardHomeAndBringsTrustAlong) {
  put_managed("policy.json");
  const auto paths = resolve_paths();
  ASSERT_TRUE(paths.managed);
  EXPECT_EQ(paths.policy_file(), managed_.path() / "etc-handleguard" / "policy.json");
  // Trust comes from the managed folder even though only the policy is there: a user's own
  // trust file must not relax the rules for the admin's policy.
  EXPECT_EQ(paths.trust_file(), managed_.path() / "etc-handleguard" / "trust.json");
  EXPECT_EQ(paths.user_policy_file(), home_.path() / "hg" / "config" / "policy.json");
  // Per-user state stays per user.
  EXPECT_EQ(paths.audit_db(), home_.path() / "hg" / "state" / "audit.sqlite");
  EXPECT_EQ(paths.work_as_file(), home_.path() / "hg" / "state" / "work-as.json");
  EXPECT_EQ(paths.keys_dir(), home_.path() / "hg" / "config" / "keys");
}

// A managed folder the user cannot look into (an admin's chmod 700; here a symbolic link loop,
// which root cannot see through either) may hold a policy: it must not hand control back to the
// user's files. The host then has no readable policy and blocks.
TEST_F(PathsTest, AManagedFolderThatCannotBeLookedIntoStillTakesOver) {
  std::filesystem::create_symlink(managed_.path() / "loop-b", managed_.path() / "etc-handleguard");
  std::filesystem::create_symlink(managed_.path() / "etc-handleguard", managed_.path() / "loop-b");
  const auto paths = resolve_paths();
  EXPECT_TRUE(paths.managed);
  EXPECT_EQ(paths.policy_file(), managed_.path() / "etc-handleguard" / "policy.json");
}

TEST_F(PathsTest, ManagedTrustAloneAlsoTakesOver) {
  put_managed("trust.json");
  EXPECT_TRUE(resolve_paths().managed);
  EXPECT_EQ(resolve_paths().policy_file(), managed_.path() / "etc-handleguard" / "policy.json");
}

TEST_F(PathsTest, ManagedInstallConfigWinsOnItsOwn) {
  put_managed("install.json");
  const auto paths = resolve_paths();
  EXPECT_FALSE(paths.managed);
  EXPECT_EQ(paths.install_config_file(), managed_.path() / "etc-handleguard" / "install.json");
}

TEST_F(PathsTest, TheEnvironmentCannotMoveTheManagedFolder) {
  testing::override_managed_dir({});
  env_.set("HANDLEGUARD_MANAGED_DIR", home_.path().string());
  EXPECT_EQ(managed_dir(), std::filesystem::path(HANDLEGUARD_MANAGED_DIR));
}

} // namespace
} // namespace handleguard::config
