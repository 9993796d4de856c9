// The policy cache through PolicySource, on real files: an unchanged policy is loaded from it,
// and a changed policy, a changed lexicon, a corrupt or cut cache, or one written by another
// build is never used (the JSON is parsed, as without a cache, and the cache rebuilt).
#include "policy/policy_cache.hpp"

#include <fstream>
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
  paths.managed_config_dir = dir_.path() / "config";
  EXPECT_EQ(host_policy_cache(paths)->file(), cache_path());
  paths.managed = true;
  EXPECT_FALSE(host_policy_cache(paths).has_value());
  const PolicySource managed(paths.policy_file(), nullptr, host_policy_cache(paths));
  EXPECT_TRUE(managed.status().loaded) << managed.status().error;
  EXPECT_FALSE(std::filesystem::exists(cache_path()));
}

} // namespace
} // namespace handleguard::policy
