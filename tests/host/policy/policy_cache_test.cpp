// The policy cache through PolicySource, on real files: an unchanged policy is loaded from it,
// and a changed policy, a changed lexicon, a corrupt or cut cache, or one written by another
// build is never used (the JSON is parsed, as without a cache, and the cache rebuilt).
#include "policy/policy_cache.hpp"

#include <fstream>
#include <unistd.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include "../test_support.hpp"
#include "policy/model_codec.hpp"
#include "policy/policy_source.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::policy {
namespace {

const std::filesystem::path examples = std::filesystem::path(HANDLEGUARD_TEST_DATA_DIR) / ".." / ".." / "docs" / "examples";

class PolicyCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() / "config");
    std::filesystem::copy_file(examples / "policy.json", policy_path());
    std::filesystem::copy_file(examples / "acme-insults.txt", dir_.path() / "config" / "acme-insults.txt");
  }
  [[nodiscard]] std::filesystem::path policy_path() const { return dir_.path() / "config" / "policy.json"; }
  [[nodiscard]] std::filesystem::path cache_path() const { return dir_.path() / "state" / "policy-cache.bin"; }
  [[nodiscard]] PolicySource source(std::shared_ptr<const signing::PolicyGate> gate = nullptr) const {
    return PolicySource(policy_path(), std::move(gate), PolicyCache(cache_path()));
  }
  [[nodiscard]] std::string read(const std::filesystem::path &path) const { return util::read_file(path).value(); }
  void write(const std::filesystem::path &path, const std::string &content) const {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  }
  // Replaces `from` with `to` in the cache and seals it with a correct checksum again, as a
  // cache written that way would be.
  void rewrite_cache(const std::string &from, const std::string &to) const {
    std::string content = read(cache_path());
    content.resize(content.size() - crypto_generichash_BYTES);
    const auto at = content.find(from);
    ASSERT_NE(at, std::string::npos);
    content.replace(at, from.size(), to);
    unsigned char checksum[crypto_generichash_BYTES];
    crypto_generichash(checksum, sizeof checksum, reinterpret_cast<const unsigned char *>(content.data()), content.size(), nullptr, 0);
    content.append(reinterpret_cast<const char *>(checksum), sizeof checksum);
    write(cache_path(), content);
  }

  handleguard::testing::TempDir dir_;
};

TEST_F(PolicyCacheTest, SecondLoadComesFromTheCacheWithTheSamePolicy) {
  const auto first = source();
  ASSERT_TRUE(first.status().loaded) << first.status().error;
  EXPECT_FALSE(first.loaded_from_cache());
  ASSERT_TRUE(std::filesystem::exists(cache_path()));

  const auto second = source();
  ASSERT_TRUE(second.status().loaded) << second.status().error;
  EXPECT_TRUE(second.loaded_from_cache());
  EXPECT_EQ(encode_policy(second.engine()->policy()), encode_policy(first.engine()->policy()));
  EXPECT_EQ(second.status().serial, 12);
}

TEST_F(PolicyCacheTest, ChangedPolicyIsParsedAgainAndPickedUpByHotReload) {
  (void)source();
  auto running = source();
  ASSERT_TRUE(running.loaded_from_cache());
  std::string text = read(policy_path());
  text.replace(text.find("Northwind Social"), 16, "Southwind Social Media");
  write(policy_path(), text);
  running.refresh();
  ASSERT_TRUE(running.status().loaded) << running.status().error;
  EXPECT_FALSE(running.loaded_from_cache());
  EXPECT_EQ(running.engine()->policy().organization, "Southwind Social Media");

  const auto next = source();
  EXPECT_TRUE(next.loaded_from_cache());
  EXPECT_EQ(next.engine()->policy().organization, "Southwind Social Media");
}

TEST_F(PolicyCacheTest, CorruptCacheIsIgnoredAndRebuilt) {
  const auto parsed = source();
  std::string cache = read(cache_path());
  cache[cache.size() / 2] = static_cast<char>(cache[cache.size() / 2] ^ 0x20);
  write(cache_path(), cache);
  const auto after_corruption = source();
  ASSERT_TRUE(after_corruption.status().loaded) << after_corruption.status().error;
  EXPECT_FALSE(after_corruption.loaded_from_cache());
  EXPECT_EQ(encode_policy(after_corruption.engine()->policy()), encode_policy(parsed.engine()->policy()));
  EXPECT_TRUE(source().loaded_from_cache()); // rewritten
}

TEST_F(PolicyCacheTest, CutOrEmptyCacheIsIgnored) {
  (void)source();
  const std::string cache = read(cache_path());
  for (const std::size_t size : {std::size_t{0}, std::size_t{10}, cache.size() / 2, cache.size() - 1}) {
    write(cache_path(), cache.substr(0, size));
    const auto loaded = source();
    EXPECT_TRUE(loaded.status().loaded) << loaded.status().error;
    EXPECT_FALSE(loaded.loaded_from_cache()) << size;
  }
}

TEST_F(PolicyCacheTest, CacheOfAnotherBuildIsIgnored) {
  (void)source();
  const std::string id = program_build_id();
  ASSERT_FALSE(id.empty()) << "the test binary has no GNU build id";
  std::string other = id;
  other[0] = other[0] == '0' ? '1' : '0';
  rewrite_cache(id, other);
  const auto loaded = source();
  EXPECT_TRUE(loaded.status().loaded) << loaded.status().error;
  EXPECT_FALSE(loaded.loaded_from_cache());
}

TEST_F(PolicyCacheTest, CacheWhoseContentDoesNotMatchItsChecksumIsIgnoredEvenWithTheRightKey) {
  (void)source();
  std::string cache = read(cache_path());
  const auto at = cache.find("Frozen during the Acme recall");
  ASSERT_NE(at, std::string::npos);
  cache[at] = 'f'; // a term or reason changed on disk
  write(cache_path(), cache);
  const auto loaded = source();
  EXPECT_FALSE(loaded.loaded_from_cache());
  EXPECT_EQ(std::get<LockdownRule>(loaded.engine()->policy().accounts[1].rules[0].body).reason,
            "Frozen during the Acme recall; ask Bo.");
}

TEST_F(PolicyCacheTest, ChangedLexiconIsNotTakenFromTheCache) {
  (void)source();
  std::ofstream(dir_.path() / "config" / "acme-insults.txt", std::ios::app) << "extra\n";
  const auto loaded = source();
  EXPECT_FALSE(loaded.loaded_from_cache());
  EXPECT_FALSE(loaded.status().loaded); // its pinned SHA-256 no longer matches, as without a cache
  EXPECT_NE(loaded.status().error.find("SHA-256"), std::string::npos) << loaded.status().error;
}

TEST_F(PolicyCacheTest, GateStillChecksAPolicyFromTheCache) {
  (void)source();
  auto refusing = std::make_shared<const signing::PolicyGate>(std::unexpected(std::string("trust.json: not JSON")),
                                                               dir_.path() / "state" / "policy-serial.json");
  const auto loaded = source(refusing);
  EXPECT_FALSE(loaded.status().loaded);
  EXPECT_NE(loaded.status().error.find("trust settings are invalid"), std::string::npos) << loaded.status().error;
}

TEST_F(PolicyCacheTest, AManagedPolicyNeverUsesTheUsersCache) {
  config::Paths paths;
  paths.config_dir = dir_.path() / "config";
  paths.state_dir = dir_.path() / "state";
  paths.managed_config_dir = dir_.path() / "managed";
  EXPECT_EQ(host_policy_cache(paths).file(), cache_path());
  paths.managed = true;
  EXPECT_EQ(host_policy_cache(paths).file(), dir_.path() / "managed" / "policy-cache.bin");
  std::filesystem::create_directories(paths.managed_config_dir);
  std::filesystem::copy_file(policy_path(), paths.policy_file());
  std::filesystem::copy_file(dir_.path() / "config" / "acme-insults.txt", paths.managed_config_dir / "acme-insults.txt");
  const PolicySource managed(paths.policy_file(), nullptr, host_policy_cache(paths));
  EXPECT_TRUE(managed.status().loaded) << managed.status().error;
  EXPECT_FALSE(std::filesystem::exists(cache_path()));
}

// Root's cache for a managed policy: made here as root writes it, then changed the ways an
// ordinary user could try to slip their own policy in.
class RootCacheTest : public PolicyCacheTest {
protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root: the cache under test must be owned by root";
    PolicyCacheTest::SetUp();
    std::filesystem::create_directories(managed_dir());
    std::filesystem::permissions(dir_.path(), std::filesystem::perms(0755));
    std::filesystem::permissions(managed_dir(), std::filesystem::perms(0755));
    std::filesystem::copy_file(policy_path(), managed_dir() / "policy.json");
    std::filesystem::copy_file(dir_.path() / "config" / "acme-insults.txt", managed_dir() / "acme-insults.txt");
  }
  [[nodiscard]] std::filesystem::path managed_dir() const { return dir_.path() / "managed"; }
  [[nodiscard]] std::filesystem::path root_cache() const { return managed_dir() / "policy-cache.bin"; }
  [[nodiscard]] PolicySource managed_source() const {
    return PolicySource(managed_dir() / "policy.json", nullptr, PolicyCache(root_cache(), CacheWriter::root));
  }
};

TEST_F(RootCacheTest, RootWritesItForEveryUserAndItIsUsedWhileOnlyRootCanWriteIt) {
  EXPECT_FALSE(managed_source().loaded_from_cache());
  ASSERT_TRUE(std::filesystem::exists(root_cache()));
  EXPECT_EQ(std::filesystem::status(root_cache()).permissions(), std::filesystem::perms(0644)); // whatever root's umask
  const auto loaded = managed_source();
  EXPECT_TRUE(loaded.loaded_from_cache());
  EXPECT_EQ(loaded.status().serial, 12);
}

TEST_F(RootCacheTest, IsNotUsedWhenAnotherUserOwnsItOrMayWriteIt) {
  (void)managed_source();
  constexpr uid_t nobody = 65534;
  ASSERT_EQ(::chown(root_cache().c_str(), nobody, nobody), 0);
  EXPECT_FALSE(managed_source().loaded_from_cache()); // and root's load put its own back
  EXPECT_TRUE(managed_source().loaded_from_cache());

  std::filesystem::permissions(root_cache(), std::filesystem::perms(0664));
  EXPECT_FALSE(managed_source().loaded_from_cache());
  std::filesystem::permissions(root_cache(), std::filesystem::perms(0646));
  EXPECT_FALSE(managed_source().loaded_from_cache());

  std::filesystem::permissions(managed_dir(), std::filesystem::perms(0775));
  EXPECT_FALSE(managed_source().loaded_from_cache());
  std::filesystem::permissions(managed_dir(), std::filesystem::perms(0755));
  ASSERT_EQ(::chown(managed_dir().c_str(), nobody, nobody), 0);
  EXPECT_FALSE(managed_source().loaded_from_cache());
}

TEST_F(RootCacheTest, IsNotReadThroughASymbolicLink) {
  (void)managed_source();
  const auto elsewhere = dir_.path() / "elsewhere.bin";
  std::filesystem::rename(root_cache(), elsewhere);
  std::filesystem::create_symlink(elsewhere, root_cache());
  EXPECT_FALSE(managed_source().loaded_from_cache());
}

TEST_F(RootCacheTest, IsNeverWrittenByAnotherUser) {
  // A folder anyone may write: only the check of who runs the host keeps an ordinary user's
  // host from writing a cache there (which would not be read anyway).
  std::filesystem::permissions(managed_dir(), std::filesystem::perms(0777));
  constexpr uid_t nobody = 65534;
  ASSERT_EQ(::seteuid(nobody), 0);
  const PolicySource loaded = managed_source();
  ASSERT_EQ(::seteuid(0), 0);
  EXPECT_TRUE(loaded.status().loaded) << loaded.status().error;
  EXPECT_FALSE(std::filesystem::exists(root_cache()));
}

} // namespace
} // namespace handleguard::policy
