// Starts the real handleguard-host with Boost.Process and talks native messaging framing to it
// over real pipes, as a browser does.
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../host/test_support.hpp"
#include "host_harness.hpp"

using nlohmann::json;

namespace {

using HostProcess = handleguard::testing::HostUnderTest;

void write_policy(const std::filesystem::path &home, const std::string &text) {
  std::filesystem::create_directories(home / "config");
  std::ofstream(home / "config" / "policy.json") << text;
}

const std::string policy_json = R"({"schema":1,"serial":7,"accounts":[
  {"handle":"acmecars","user_id":"1500000000000000001","client":"Acme Cars","kind":"brand",
   "rules":[{"id":"no-insults","kind":"banned_terms","severity":"block","terms":["drive"]}]}]})";

TEST(HostPipe, HelloIdentifyAndCheckOverRealPipes) {
  handleguard::testing::TempDir home;
  write_policy(home.path(), policy_json);
  HostProcess host(home.path());
  const json hello = host.ask({{"id", 1}, {"type", "hello"}});
  EXPECT_EQ(hello["id"], 1);
  EXPECT_EQ(hello["ok"], true);
  EXPECT_EQ(hello["policy"]["serial"], 7);
  EXPECT_EQ(hello["policy"]["loaded"], true);

  const json identity = host.ask({{"id", "two"}, {"type", "identify"}, {"handle", "AcmeCars"}, {"user_id", "1500000000000000001"}});
  EXPECT_EQ(identity["id"], "two");
  EXPECT_EQ(identity["identity"]["status"], "managed");
  EXPECT_EQ(identity["identity"]["account"]["client"], "Acme Cars");
  EXPECT_EQ(identity["identity"]["account"]["kind"], "brand");

  const json verdict = host.ask({{"id", 3}, {"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"},
                                 {"text", "é nobody here knows how to drive"}, {"action", "post"}});
  EXPECT_EQ(verdict["verdict"], "block");
  ASSERT_EQ(verdict["violations"].size(), 1U);
  EXPECT_EQ(verdict["violations"][0]["span"], json::array({27, 32}));
  EXPECT_EQ(host.finish(), 0);
}

TEST(HostPipe, BadMessageGetsErrorAndTheStreamGoesOn) {
  handleguard::testing::TempDir home;
  write_policy(home.path(), policy_json);
  HostProcess host(home.path());
  const json bad = host.ask({{"id", 9}, {"type", "launch_rockets"}});
  EXPECT_EQ(bad["ok"], false);
  EXPECT_EQ(bad["id"], 9);
  EXPECT_EQ(bad["error"]["code"], "unknown_type");
  const json good = host.ask({{"id", 10}, {"type", "hello"}});
  EXPECT_EQ(good["ok"], true);
}

TEST(HostPipe, NoPolicyBlocksEveryPostAndSaysWhy) {
  handleguard::testing::TempDir home;
  HostProcess host(home.path());
  const json verdict = host.ask({{"id", 1}, {"type", "check"}, {"handle", "acmecars"}, {"user_id", "1"}, {"text", "hi"}});
  EXPECT_EQ(verdict["verdict"], "block");
  EXPECT_EQ(verdict["violations"][0]["rule"], "policy_unavailable");
  EXPECT_NE(verdict["violations"][0]["message"].get<std::string>().find("policy.json"), std::string::npos);
}

TEST(HostPipe, ChangedPolicyIsPickedUpAndABrokenOneKeepsTheLastGood) {
  handleguard::testing::TempDir home;
  write_policy(home.path(), policy_json);
  HostProcess host(home.path());
  EXPECT_EQ(host.ask({{"id", 1}, {"type", "hello"}})["policy"]["serial"], 7);
  std::string newer = policy_json;
  newer.replace(newer.find("\"serial\":7"), 10, "\"serial\":8");
  write_policy(home.path(), newer);
  EXPECT_EQ(host.ask({{"id", 2}, {"type", "hello"}})["policy"]["serial"], 8);
  write_policy(home.path(), "{ broken");
  const json after = host.ask({{"id", 3}, {"type", "hello"}});
  EXPECT_EQ(after["policy"]["serial"], 8);
  EXPECT_EQ(after["policy"]["loaded"], true);
  EXPECT_NE(after["policy"]["error"].get<std::string>().find("not valid JSON"), std::string::npos);
}

TEST(HostPipe, TruncatedFrameEndsTheHostWithTheReasonOnStderr) {
  handleguard::testing::TempDir home;
  HostProcess host(home.path());
  host.send_raw(std::string("\x10\x00\x00\x00{\"id\":", 10));
  EXPECT_EQ(host.finish(), 1);
  EXPECT_NE(host.stderr_text().find("message body"), std::string::npos);
}

} // namespace
