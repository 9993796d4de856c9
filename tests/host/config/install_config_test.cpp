#include "config/install_config.hpp"

#include <fstream>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "../test_support.hpp"

namespace handleguard::config {
namespace {

TEST(InstallConfig, MissingFileMeansTheBuiltInIds) {
  handleguard::testing::TempDir dir;
  const auto config = read_install_config(dir.path() / "install.json");
  ASSERT_TRUE(config) << config.error();
  EXPECT_TRUE(config->allows_caller("chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/"));
  EXPECT_TRUE(config->allows_caller("guard@handleguard.org"));
  EXPECT_FALSE(config->allows_caller("chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"));
}

TEST(InstallConfig, WrittenIdsAreReadBackAndWrittenWorldReadable) {
  handleguard::testing::TempDir dir;
  auto config = default_install_config();
  ASSERT_TRUE(config.add_chromium_ids({"abcdefghijklmnopabcdefghijklmnop", "abcdefghijklmnopabcdefghijklmnop"}));
  const auto path = dir.path() / "config" / "install.json";
  ASSERT_TRUE(write_install_config(path, config));
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777U, 0644U);
  const auto back = read_install_config(path);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, config);
  EXPECT_EQ(back->chromium_extension_ids.size(), 2U); // the duplicate was dropped
  EXPECT_TRUE(back->allows_caller("chrome-extension://abcdefghijklmnopabcdefghijklmnop/"));
}

TEST(InstallConfig, CallerMustBeAnExactOrigin) {
  const auto config = default_install_config();
  EXPECT_FALSE(config.allows_caller("chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg"));
  EXPECT_FALSE(config.allows_caller("chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/x"));
  EXPECT_FALSE(config.allows_caller("moz-extension://cnfeiacfghelhamjicbmagoojgalpelg/"));
  EXPECT_FALSE(config.allows_caller(""));
  EXPECT_FALSE(config.allows_caller("cnfeiacfghelhamjicbmagoojgalpelg"));
}

TEST(InstallConfig, MalformedIdsAreRefusedWithoutChange) {
  auto config = default_install_config();
  const auto added = config.add_chromium_ids({"abcdefghijklmnopabcdefghijklmnop", "ABC"});
  ASSERT_FALSE(added);
  EXPECT_NE(added.error().find("ABC"), std::string::npos);
  EXPECT_EQ(config, default_install_config());
}

TEST(InstallConfig, HostileFilesAreErrorsNotDefaults) {
  const char *bad[] = {
      "", "[]", "{\"version\":1}", "not json",
      R"({"version":2,"chromium_extension_ids":[],"firefox_extension_ids":[]})",
      R"({"version":1,"chromium_extension_ids":"x","firefox_extension_ids":[]})",
      R"({"version":1,"chromium_extension_ids":["zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"],"firefox_extension_ids":[]})",
      R"({"version":1,"chromium_extension_ids":[],"firefox_extension_ids":["no at sign"]})",
      R"({"version":1,"chromium_extension_ids":[],"firefox_extension_ids":[],"extra":true})",
      R"({"version":4294967297,"chromium_extension_ids":[],"firefox_extension_ids":[]})",
  };
  for (const char *text : bad) EXPECT_FALSE(parse_install_config(text)) << text;
  handleguard::testing::TempDir dir;
  std::ofstream(dir.path() / "install.json") << "{";
  const auto read = read_install_config(dir.path() / "install.json");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("install.json"), std::string::npos);
}

TEST(InstallConfig, FirefoxIdsInBothForms) {
  EXPECT_TRUE(is_firefox_extension_id("guard@handleguard.org"));
  EXPECT_TRUE(is_firefox_extension_id("{e4a8a97b-f2ed-450b-b12d-ee082ba24781}"));
  EXPECT_FALSE(is_firefox_extension_id("guard@handle guard.org"));
  EXPECT_FALSE(is_firefox_extension_id(std::string(100, 'a') + "@x"));
}

} // namespace
} // namespace handleguard::config
