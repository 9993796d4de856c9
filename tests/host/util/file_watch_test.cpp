// The host skips its per-request stat() of the policy, lockdown and work-as files while their
// folders report nothing about them (util/file_watch.hpp). Every way those files change must
// still be seen, and every path the watch cannot follow exactly must fall back to stat().
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "util/atomic_file.hpp"
#include "util/file_watch.hpp"

namespace handleguard::util {
namespace {

class Watching : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(watch().start()); }
  void TearDown() override { watch().stop(); }
  static FileWatch &watch() { return FileWatch::instance(); }
  // What the host loop does after each read of requests, then asks about `file`.
  std::optional<std::uint64_t> after_events(const std::filesystem::path &file, FileWatch::Ticket &ticket) {
    watch().take_events();
    return watch().changes(file, ticket);
  }
  handleguard::testing::TempDir dir_;
};

TEST_F(Watching, EveryWayAFileChangesMovesItsCount) {
  const auto file = dir_.path() / "lockdowns.json";
  FileWatch::Ticket ticket;
  auto seen = watch().changes(file, ticket);
  ASSERT_TRUE(seen.has_value()) << "a plain folder is watched";
  const auto changed = [&] {
    const auto now = after_events(file, ticket);
    const bool moved = now != seen;
    seen = now;
    return moved;
  };
  EXPECT_FALSE(changed()) << "nothing happened yet";
  ASSERT_TRUE(write_file_atomically(file, "{}\n", 0600)); // how the CLI writes: a rename
  EXPECT_TRUE(changed());
  EXPECT_FALSE(changed());
  std::ofstream(file, std::ios::app) << " "; // an edit in place
  EXPECT_TRUE(changed());
  ASSERT_EQ(::chmod(file.c_str(), 0644), 0);
  EXPECT_TRUE(changed());
  std::filesystem::remove(file);
  EXPECT_TRUE(changed());
  std::ofstream(dir_.path() / "audit.sqlite") << "the host's own writes beside it";
  std::ofstream(dir_.path() / "lockdowns.json.bak") << "a name that only starts the same";
  EXPECT_FALSE(changed()) << "events about other files of the folder do not count";
  ASSERT_TRUE(seen.has_value());
}

TEST_F(Watching, APathThroughASymbolicLinkIsStatedEveryTime) {
  std::filesystem::create_directories(dir_.path() / "real");
  std::filesystem::create_directory_symlink(dir_.path() / "real", dir_.path() / "linked");
  FileWatch::Ticket through_folder;
  EXPECT_FALSE(watch().changes(dir_.path() / "linked" / "policy.json", through_folder).has_value());

  std::ofstream(dir_.path() / "real" / "target.json") << "{}";
  std::filesystem::create_symlink(dir_.path() / "real" / "target.json", dir_.path() / "policy.json");
  FileWatch::Ticket link_itself;
  EXPECT_FALSE(watch().changes(dir_.path() / "policy.json", link_itself).has_value());

  // A file watched as a plain file and then replaced by a link: from then on, stat.
  const auto file = dir_.path() / "work-as.json";
  std::ofstream(file) << "{}";
  FileWatch::Ticket replaced;
  ASSERT_TRUE(watch().changes(file, replaced).has_value());
  std::filesystem::remove(file);
  std::filesystem::create_symlink(dir_.path() / "real" / "target.json", file);
  EXPECT_FALSE(after_events(file, replaced).has_value());
}

TEST_F(Watching, AFolderThatGoesAwayIsStatedFromThenOn) {
  const auto folder = dir_.path() / "state";
  std::filesystem::create_directories(folder);
  FileWatch::Ticket ticket;
  ASSERT_TRUE(watch().changes(folder / "lockdowns.json", ticket).has_value());
  std::filesystem::remove_all(folder);
  EXPECT_FALSE(after_events(folder / "lockdowns.json", ticket).has_value());
  std::filesystem::create_directories(folder); // a new folder at the same path: still stat
  EXPECT_FALSE(after_events(folder / "lockdowns.json", ticket).has_value());
}

TEST_F(Watching, AMissingFolderOrARelativePathIsStatedEveryTime) {
  FileWatch::Ticket missing, relative;
  EXPECT_FALSE(watch().changes(dir_.path() / "no-such-folder" / "policy.json", missing).has_value());
  EXPECT_FALSE(watch().changes("policy.json", relative).has_value());
}

TEST(FileWatch, WithoutStartEveryFileIsStated) {
  handleguard::testing::TempDir dir;
  FileWatch::Ticket ticket;
  EXPECT_FALSE(FileWatch::instance().changes(dir.path() / "policy.json", ticket).has_value());
  // Tickets from a watch that stopped are not used by the next one.
  ASSERT_TRUE(FileWatch::instance().start());
  FileWatch::Ticket other;
  ASSERT_TRUE(FileWatch::instance().changes(dir.path() / "a.json", other).has_value());
  FileWatch::instance().stop();
  ASSERT_TRUE(FileWatch::instance().start());
  const auto file = dir.path() / "b.json";
  FileWatch::Ticket fresh;
  ASSERT_TRUE(FileWatch::instance().changes(file, fresh).has_value());
  EXPECT_TRUE(FileWatch::instance().changes(dir.path() / "a.json", other).has_value());
  std::ofstream(dir.path() / "a.json") << "x";
  FileWatch::instance().take_events();
  EXPECT_EQ(FileWatch::instance().changes(file, fresh), 0U) << "the event about a.json is not b.json's";
  FileWatch::instance().stop();
}

} // namespace
} // namespace handleguard::util
