// Doctor on a managed policy's cache (policy/policy_cache.hpp): it warns when there is none or
// when hosts would ignore it, and says how to write it.
#include "install/doctor.hpp"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

#include "../test_support.hpp"

namespace handleguard::install {
namespace {

const std::filesystem::path examples = std::filesystem::path(HANDLEGUARD_TEST_DATA_DIR) / ".." / ".." / "docs" / "examples";

class DoctorManagedCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root: a managed folder must be owned by root";
    std::filesystem::create_directories(managed());
    std::filesystem::permissions(managed(), std::filesystem::perms(0755));
    std::filesystem::copy_file(examples / "policy.json", managed() / "policy.json");
    std::filesystem::copy_file(examples / "acme-insults.txt", managed() / "acme-insults.txt");
    input_.paths.config_dir = dir_.path() / "config";
    input_.paths.state_dir = dir_.path() / "state";
    input_.paths.managed_config_dir = managed();
    input_.paths.managed = true;
    input_.run_host = false; // no browser is searched for either: the search path is empty
  }
  [[nodiscard]] std::filesystem::path managed() const { return dir_.path() / "managed"; }
  [[nodiscard]] std::vector<CheckLine> managed_warnings() const {
    std::vector<CheckLine> found;
    for (const auto &line : run_doctor(input_)) {
      if (line.subject == "managed" && line.finding != Finding::ok) found.push_back(line);
    }
    return found;
  }

  handleguard::testing::TempDir dir_;
  DoctorInput input_;
};

TEST_F(DoctorManagedCacheTest, WarnsWhenThereIsNoCacheAndSaysHowToWriteIt) {
  const auto warnings = managed_warnings();
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_EQ(warnings[0].finding, Finding::warning);
  EXPECT_NE(warnings[0].message.find("has no cache"), std::string::npos) << warnings[0].message;
  EXPECT_EQ(warnings[0].fix, "sudo handleguard-host --cache-managed-policy");
}

TEST_F(DoctorManagedCacheTest, SaysNothingOfARootCacheAndWarnsOfOneOthersCouldHaveWritten) {
  const auto cache = managed() / "policy-cache.bin";
  std::ofstream(cache) << "root's";
  std::filesystem::permissions(cache, std::filesystem::perms(0644));
  EXPECT_TRUE(managed_warnings().empty());

  std::filesystem::permissions(cache, std::filesystem::perms(0666));
  const auto warnings = managed_warnings();
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].message.find("is ignored"), std::string::npos) << warnings[0].message;
}

TEST_F(DoctorManagedCacheTest, SaysNothingOfACacheUnderAUserPolicy) {
  input_.paths.managed = false;
  EXPECT_TRUE(managed_warnings().empty());
}

} // namespace
} // namespace handleguard::install
