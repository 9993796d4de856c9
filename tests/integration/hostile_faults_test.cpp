// Issue 8, item 5: faults around the host. The policy file replaced or corrupted while the host
// runs (the last good policy stays in force and the problem is reported), a termination
// signal (the request in hand is answered, events flushed, clean exit).
#include <sys/stat.h>
#include <thread>

#include <gtest/gtest.h>

#include "../host/test_support.hpp"
#include "host_harness.hpp"

namespace {

using handleguard::testing::HostUnderTest;
using nlohmann::json;

json banned_post(int id) {
  return {{"id", id}, {"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"text", "let's drive"}};
}

class PolicyFault : public ::testing::Test {
protected:
  void SetUp() override {
    handleguard::testing::write_policy_file(home_.path(), handleguard::testing::sample_policy);
    host_ = std::make_unique<HostUnderTest>(home_.path());
    ASSERT_EQ(host_->ask({{"id", 0}, {"type", "hello"}})["policy"]["serial"], 7);
  }
  [[nodiscard]] std::filesystem::path policy_path() const { return home_.path() / "config" / "policy.json"; }
  // After the fault: the last good policy still judges posts, and both `hello` and the
  // verdict say what went wrong with the new file.
  void expect_last_good_policy_kept(const std::string &problem) {
    const json hello = host_->ask({{"id", 1}, {"type", "hello"}});
    EXPECT_EQ(hello["policy"]["loaded"], true);
    EXPECT_EQ(hello["policy"]["serial"], 7);
    ASSERT_TRUE(hello["policy"]["error"].is_string()) << hello;
    EXPECT_NE(hello["policy"]["error"].get<std::string>().find(problem), std::string::npos) << hello;
    EXPECT_NE(hello["policy"]["error"].get<std::string>().find("last good policy stays in force"), std::string::npos);
    const json verdict = host_->ask(banned_post(2));
    EXPECT_EQ(verdict["verdict"], "block");
    EXPECT_EQ(verdict["violations"][0]["rule"], "no-drive");
    EXPECT_TRUE(verdict["policy_warning"].is_string()) << verdict;
  }
  void TearDown() override {
    EXPECT_EQ(host_->finish(), 0);
    EXPECT_FALSE(host_->stray_output());
  }
  handleguard::testing::TempDir home_;
  std::unique_ptr<HostUnderTest> host_;
};

TEST_F(PolicyFault, HalfWrittenPolicyKeepsTheLastGood) {
  const std::string &good = handleguard::testing::sample_policy;
  handleguard::testing::write_policy_file(home_.path(), good.substr(0, good.size() / 2));
  expect_last_good_policy_kept("not valid JSON");
}

TEST_F(PolicyFault, PolicyWithInvalidContentKeepsTheLastGood) {
  handleguard::testing::write_policy_file(home_.path(), R"({"schema":1,"serial":"eight","accounts":7})");
  expect_last_good_policy_kept("policy.json");
}

TEST_F(PolicyFault, BinaryGarbageKeepsTheLastGood) {
  handleguard::testing::write_policy_file(home_.path(), std::string("\xFF\xFE\x00\x01garbage", 11));
  expect_last_good_policy_kept("policy.json");
}

TEST_F(PolicyFault, DeletedPolicyKeepsTheLastGood) {
  std::filesystem::remove(policy_path());
  expect_last_good_policy_kept("no policy file");
}

TEST_F(PolicyFault, PolicyReplacedByAFolderKeepsTheLastGood) {
  std::filesystem::remove(policy_path());
  std::filesystem::create_directory(policy_path());
  expect_last_good_policy_kept("policy.json");
}

TEST_F(PolicyFault, PolicyReplacedByAFifoNeitherHangsNorLoses) {
  std::filesystem::remove(policy_path());
  ASSERT_EQ(::mkfifo(policy_path().c_str(), 0600), 0);
  expect_last_good_policy_kept("not a regular file");
}

TEST_F(PolicyFault, AGoodPolicyAfterABadOneIsTakenAndTheWarningClears) {
  handleguard::testing::write_policy_file(home_.path(), "{ broken");
  expect_last_good_policy_kept("not valid JSON");
  std::string newer = handleguard::testing::sample_policy;
  newer.replace(newer.find("\"serial\":7"), 10, "\"serial\":9");
  handleguard::testing::write_policy_file(home_.path(), newer);
  const json hello = host_->ask({{"id", 3}, {"type", "hello"}});
  EXPECT_EQ(hello["policy"]["serial"], 9);
  EXPECT_EQ(hello["policy"]["error"], nullptr);
  EXPECT_FALSE(host_->ask(banned_post(4)).contains("policy_warning"));
}

TEST(TerminationFault, SigtermBetweenMessagesEndsTheHostCleanly) {
  handleguard::testing::TempDir home;
  handleguard::testing::write_policy_file(home.path(), handleguard::testing::sample_policy);
  HostUnderTest host(home.path());
  EXPECT_EQ(host.ask(banned_post(1))["verdict"], "block");
  host.signal(SIGTERM);
  EXPECT_EQ(host.wait(), 0); // it was waiting for input: it leaves at once, cleanly
  EXPECT_TRUE(host.exited_normally());
  const std::string errors = host.stderr_text();
  EXPECT_NE(errors.find("stopped by signal 15"), std::string::npos) << errors;
  EXPECT_NE(errors.find("pending events were flushed"), std::string::npos) << errors;
  host.close_input();
  EXPECT_EQ(host.drain(), 0U);
  EXPECT_FALSE(host.stray_output());
}

TEST(TerminationFault, SigtermDuringAPipelinedBurstAnswersWholeFramesOnly) {
  handleguard::testing::TempDir home;
  handleguard::testing::write_policy_file(home.path(), handleguard::testing::sample_policy);
  HostUnderTest host(home.path());
  std::string burst;
  for (int i = 0; i < 3000; ++i) burst += handleguard::testing::framed(banned_post(i).dump());
  std::thread writer([&] { host.send_raw(burst); });
  ASSERT_TRUE(host.receive()); // the host is busy with the burst
  host.signal(SIGTERM);
  std::size_t answered = 1;
  int expected_id = 1;
  while (auto reply = host.receive()) {
    EXPECT_EQ((*reply)["id"], expected_id++); // in order, none skipped, none cut
    ++answered;
  }
  writer.join();
  EXPECT_EQ(host.wait(), 0);
  EXPECT_FALSE(host.stray_output());
  EXPECT_LE(answered, 3000U);
  EXPECT_NE(host.stderr_text().find("stopped by signal 15"), std::string::npos);
}

TEST(TerminationFault, SigintAndSighupAlsoEndTheHostCleanly) {
  for (const int signal_number : {SIGINT, SIGHUP}) {
    handleguard::testing::TempDir home;
    HostUnderTest host(home.path());
    EXPECT_EQ(host.ask({{"id", 1}, {"type", "hello"}})["ok"], true);
    host.signal(signal_number);
    EXPECT_EQ(host.wait(), 0);
    EXPECT_TRUE(host.exited_normally());
  }
}

} // namespace
