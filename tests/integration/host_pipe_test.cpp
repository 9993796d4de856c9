// Starts the real handleguard-host with Boost.Process and talks native messaging framing to it
// over real pipes, as a browser does.
#include <boost/process.hpp>
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../host/test_support.hpp"

namespace bp = boost::process;
using nlohmann::json;

namespace {

class HostProcess {
public:
  explicit HostProcess(const std::filesystem::path &home) {
    auto env = boost::this_process::environment();
    env["HANDLEGUARD_HOME"] = home.string();
    child_ = bp::child(HANDLEGUARD_HOST_BINARY, "chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/",
                       bp::std_in < to_host_, bp::std_out > from_host_, bp::std_err > stderr_, env);
  }
  void send_raw(const std::string &bytes) {
    to_host_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    to_host_.flush();
  }
  void send(const json &message) {
    const std::string body = message.dump();
    const auto length = static_cast<std::uint32_t>(body.size());
    std::string framed(4, '\0');
    std::memcpy(framed.data(), &length, 4);
    send_raw(framed + body);
  }
  json receive() {
    std::uint32_t length = 0;
    from_host_.read(reinterpret_cast<char *>(&length), 4);
    if (!from_host_) return nullptr;
    std::string body(length, '\0');
    from_host_.read(body.data(), length);
    return json::parse(body);
  }
  json ask(const json &message) {
    send(message);
    return receive();
  }
  int close_and_wait() {
    to_host_.pipe().close();
    child_.wait();
    return child_.exit_code();
  }
  std::string stderr_text() {
    std::string all, line;
    while (std::getline(stderr_, line)) all += line + "\n";
    return all;
  }

private:
  bp::opstream to_host_;
  bp::ipstream from_host_;
  bp::ipstream stderr_;
  bp::child child_;
};

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
  EXPECT_EQ(host.close_and_wait(), 0);
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
  EXPECT_EQ(host.close_and_wait(), 1);
  EXPECT_NE(host.stderr_text().find("message body"), std::string::npos);
}

} // namespace
