// The real host with its policy cache (policy/policy_cache.hpp): a host started again on the
// same policy judges from the cache exactly as from the JSON, a policy changed between starts is
// the one enforced, and a cache overwritten with garbage changes nothing but the start's speed.
#include <fstream>
#include <gtest/gtest.h>

#include "../host/test_support.hpp"
#include "audit_process_support.hpp"
#include "process_run.hpp"

namespace handleguard::testing {
namespace {

using nlohmann::json;

std::string policy_banning(const std::string &term) {
  return R"({"schema":1,"serial":1,"accounts":[{"handle":"acmecars","user_id":"1500000000000000001","client":"Acme Cars",
    "kind":"brand","rules":[{"id":"banned","kind":"banned_terms","severity":"block","terms":[")" + term + R"("]}]}]})";
}

// The verdicts of a fresh host for a post with "drive" and one with "sail".
std::pair<std::string, std::string> verdicts_of_a_fresh_host(const std::filesystem::path &home) {
  AuditedHost host(home);
  const auto verdict = [&](const std::string &text) {
    return host
        .ask({{"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"text", text}, {"action", "post"}})
        .value("verdict", "");
  };
  auto result = std::make_pair(verdict("we drive today"), verdict("we sail today"));
  EXPECT_EQ(host.close_and_wait(), 0);
  return result;
}

TEST(PolicyCache, HostsStartedAgainJudgeAlikeAndAChangedPolicyWinsOverTheCache) {
  TempDir home;
  const auto cache = home.path() / "state" / "policy-cache.bin";
  write_text(home.path() / "config" / "policy.json", policy_banning("drive"));
  EXPECT_EQ(verdicts_of_a_fresh_host(home.path()), std::make_pair(std::string("block"), std::string("allow")));
  ASSERT_TRUE(std::filesystem::exists(cache));
  EXPECT_EQ(verdicts_of_a_fresh_host(home.path()), std::make_pair(std::string("block"), std::string("allow")));

  write_text(home.path() / "config" / "policy.json", policy_banning("sail"));
  EXPECT_EQ(verdicts_of_a_fresh_host(home.path()), std::make_pair(std::string("allow"), std::string("block")));
  EXPECT_EQ(verdicts_of_a_fresh_host(home.path()), std::make_pair(std::string("allow"), std::string("block")));

  std::ofstream(cache, std::ios::binary | std::ios::trunc) << std::string(4096, 'x');
  EXPECT_EQ(verdicts_of_a_fresh_host(home.path()), std::make_pair(std::string("allow"), std::string("block")));
}

// The machine's managed folder is fixed at build time, so only its absence can be tried here
// (policy_cache_test.cpp in tests/host covers root's cache itself, in a folder of its own).
TEST(PolicyCache, CachingTheManagedPolicyWithoutOneSaysSoAndFails) {
  if (std::filesystem::exists(std::filesystem::path(HANDLEGUARD_MANAGED_DIR) / "policy.json")) {
    GTEST_SKIP() << "this machine has a managed policy in " << HANDLEGUARD_MANAGED_DIR;
  }
  TempDir home;
  auto env = boost::this_process::environment();
  env["HANDLEGUARD_HOME"] = home.path().string();
  const auto run = run_to_completion(HANDLEGUARD_HOST_BINARY, {"--cache-managed-policy"}, env);
  EXPECT_EQ(run.status, 1);
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_NE(run.err.find("no managed policy is in force"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(home.path() / "state" / "policy-cache.bin"));
}

} // namespace
} // namespace handleguard::testing
