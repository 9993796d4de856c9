#include "util/file_stamp.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::util {
namespace {

// Counts reads, so a test sees when the cache read the file again.
struct CountingRead {
  int *reads;
  std::string operator()(const std::filesystem::path &file) const {
    ++*reads;
    std::ifstream in(file);
    if (!in) return "(missing)";
    return {std::istreambuf_iterator<char>(in), {}};
  }
};

TEST(StampedFile, ReadsAgainOnlyWhenTheFileChanged) {
  handleguard::testing::TempDir dir;
  const auto file = dir.path() / "state.json";
  int reads = 0;
  StampedFile<std::string> cache(file);
  const auto keep = [](const std::string &) { return true; };
  EXPECT_EQ(cache.get(CountingRead{&reads}, keep), "(missing)");
  EXPECT_EQ(cache.get(CountingRead{&reads}, keep), "(missing)");
  EXPECT_EQ(reads, 1);
  ASSERT_TRUE(write_file_atomically(file, "one", 0600)); // created
  EXPECT_EQ(cache.get(CountingRead{&reads}, keep), "one");
  EXPECT_EQ(cache.get(CountingRead{&reads}, keep), "one");
  EXPECT_EQ(reads, 2);
  ASSERT_TRUE(write_file_atomically(file, "two", 0600)); // replaced by rename, same size, same tick perhaps
  EXPECT_EQ(cache.get(CountingRead{&reads}, keep), "two");
  std::ofstream(file, std::ios::app) << "+"; // edited in place
  EXPECT_EQ(cache.get(CountingRead{&reads}, keep), "two+");
  std::filesystem::remove(file);
  EXPECT_EQ(cache.get(CountingRead{&reads}, keep), "(missing)");
  EXPECT_EQ(reads, 5);
}

TEST(StampedFile, ResultsNotKeptAreReadEveryTime) {
  handleguard::testing::TempDir dir;
  int reads = 0;
  StampedFile<std::string> cache(dir.path() / "state.json");
  for (int i = 0; i < 3; ++i) (void)cache.get(CountingRead{&reads}, [](const std::string &) { return false; });
  EXPECT_EQ(reads, 3);
}

TEST(FileStamp, TellsMissingFromUnknown) {
  handleguard::testing::TempDir dir;
  EXPECT_EQ(stamp_of(dir.path() / "nothing").state, FileStamp::State::missing);
  EXPECT_EQ(stamp_of(dir.path()).state, FileStamp::State::present);
  const auto inside_a_file = dir.path() / "file";
  std::ofstream(inside_a_file) << "x";
  EXPECT_EQ(stamp_of(inside_a_file / "child").state, FileStamp::State::unknown); // ENOTDIR: never cached
}

} // namespace
} // namespace handleguard::util
