#include "policy/policy_document.hpp"

#include <fstream>
#include <limits>

#include <gtest/gtest.h>

#include "../test_support.hpp"

namespace handleguard::policy {
namespace {

using handleguard::testing::TempDir;

// The CLI answers the two differently: an invalid edit is bad input (65), a file it cannot write
// is an output it cannot create (73).
TEST(PolicyDocument, SavingAnInvalidPolicyIsInvalidAndWritesNothing) {
  TempDir dir;
  auto document = PolicyDocument::starter(dir.path() / "policy.json", "Acme");
  document.json()["schema"] = 2;
  const auto saved = document.save();
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().kind, SaveError::Kind::invalid);
  EXPECT_NE(saved.error().message.find("/schema"), std::string::npos) << saved.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "policy.json"));
}

// The text refused was never written, so its line numbers would point into the file as it is,
// at whatever happens to be there.
TEST(PolicyDocument, AnInvalidEditIsNamedByItsPlaceInTheDocumentNotByALineOfTheFile) {
  TempDir dir;
  auto document = PolicyDocument::starter(dir.path() / "policy.json", "Acme");
  ASSERT_TRUE(document.save().has_value());
  document.json()["accounts"].push_back({{"handle", "acme"}, {"user_id", "1"}, {"client", "A"}, {"kind", "brand"},
                                         {"timezone", "Mars/Base"}, {"rules", nlohmann::json::array()}});
  const auto saved = document.save();
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().message.rfind((dir.path() / "policy.json").string() + ": /accounts/0/timezone: ", 0), 0U)
      << saved.error().message;
}

// Raising it further would overflow (undefined behaviour; in practice a negative serial).
TEST(PolicyDocument, APolicyAtTheLargestSerialIsNotSavedWithAWrappedOne) {
  TempDir dir;
  auto document = PolicyDocument::starter(dir.path() / "policy.json", "Acme");
  document.json()["serial"] = std::numeric_limits<std::int64_t>::max();
  const auto saved = document.save();
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().kind, SaveError::Kind::invalid);
  EXPECT_NE(saved.error().message.find("is the largest serial there is"), std::string::npos) << saved.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "policy.json"));
}

TEST(PolicyDocument, SavingWhereNoFileCanBeWrittenIsUnwritable) {
  TempDir dir;
  std::ofstream(dir.path() / "not-a-folder") << "x";
  auto document = PolicyDocument::starter(dir.path() / "not-a-folder" / "policy.json", "Acme");
  const auto saved = document.save();
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().kind, SaveError::Kind::unwritable);
  EXPECT_NE(saved.error().message.find("Not a directory"), std::string::npos) << saved.error().message;
}

} // namespace
} // namespace handleguard::policy
