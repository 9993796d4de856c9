// Issue 8, item 1: framing the host cannot trust. Each case runs the real host over real
// pipes; the host must exit cleanly with the reason on stderr and never put a stray byte on
// stdout. Framing that is fine but carries a bad body must not end the stream.
#include <gtest/gtest.h>

#include "../host/test_support.hpp"
#include "host_harness.hpp"

namespace {

using handleguard::testing::HostUnderTest;
using handleguard::testing::length_prefix;
using nlohmann::json;

TEST(HostileFraming, LengthZeroGetsAnErrorReplyAndTheStreamGoesOn) {
  handleguard::testing::TempDir home;
  HostUnderTest host(home.path());
  const json reply = host.ask_body("");
  EXPECT_EQ(reply["ok"], false);
  EXPECT_EQ(reply["error"]["code"], "invalid_json");
  EXPECT_EQ(reply["id"], nullptr);
  EXPECT_EQ(host.ask({{"id", 2}, {"type", "hello"}})["ok"], true);
  EXPECT_EQ(host.finish(), 0);
  EXPECT_FALSE(host.stray_output());
}

TEST(HostileFraming, LengthOverTheCapEndsTheHostWithoutReadingOrAnswering) {
  handleguard::testing::TempDir home;
  HostUnderTest host(home.path());
  EXPECT_EQ(host.ask({{"id", 1}, {"type", "hello"}})["ok"], true);
  host.send_raw(length_prefix((1U << 20U) + 1U) + std::string(1000, '{'));
  EXPECT_EQ(host.drain(), 0U);
  EXPECT_EQ(host.wait(), 1);
  EXPECT_TRUE(host.exited_normally());
  EXPECT_FALSE(host.stray_output());
  const std::string errors = host.stderr_text();
  EXPECT_NE(errors.find("exceeds the host's limit"), std::string::npos) << errors;
  EXPECT_NE(errors.find("1048577 bytes announced"), std::string::npos) << errors;
}

TEST(HostileFraming, LengthOfFourGigabytesIsRefusedAtOnce) {
  handleguard::testing::TempDir home;
  HostUnderTest host(home.path());
  host.send_raw(length_prefix(0xFFFFFFFFU));
  EXPECT_EQ(host.wait(), 1); // no 4 GiB allocation, no wait for the body
  EXPECT_EQ(host.drain(), 0U);
  EXPECT_NE(host.stderr_text().find("4294967295 bytes announced"), std::string::npos);
}

TEST(HostileFraming, MessageOfExactlyTheCapIsReadAndAnswered) {
  handleguard::testing::TempDir home;
  HostUnderTest host(home.path());
  std::string body = R"({"id":5,"type":"hello","padding":")";
  body += std::string((1U << 20U) - body.size() - 2, 'x') + "\"}";
  ASSERT_EQ(body.size(), 1U << 20U);
  const json reply = host.ask_body(body);
  EXPECT_EQ(reply["id"], 5);
  EXPECT_EQ(reply["ok"], true);
  EXPECT_EQ(host.finish(), 0);
}

TEST(HostileFraming, LengthPrefixCutShortEndsTheHostWithTheReason) {
  handleguard::testing::TempDir home;
  HostUnderTest host(home.path());
  EXPECT_EQ(host.ask({{"id", 1}, {"type", "hello"}})["ok"], true);
  host.send_raw(std::string("\x07\x00", 2));
  EXPECT_EQ(host.finish(), 1);
  EXPECT_TRUE(host.exited_normally());
  EXPECT_FALSE(host.stray_output());
  EXPECT_NE(host.stderr_text().find("inside a message length prefix"), std::string::npos);
}

TEST(HostileFraming, BodyCutShortByTheBrowserClosingThePipeEndsTheHostWithTheReason) {
  handleguard::testing::TempDir home;
  handleguard::testing::write_policy_file(home.path(), handleguard::testing::sample_policy);
  HostUnderTest host(home.path());
  const std::string check = json{{"id", 1}, {"type", "check"}, {"handle", "acmecars"}, {"text", "hi"}}.dump();
  host.send_raw(length_prefix(static_cast<std::uint32_t>(check.size())) + check.substr(0, check.size() / 2));
  EXPECT_EQ(host.finish(), 1); // nothing answered for half a message
  EXPECT_TRUE(host.exited_normally());
  EXPECT_FALSE(host.stray_output());
  EXPECT_NE(host.stderr_text().find("inside a message body"), std::string::npos);
}

TEST(HostileFraming, ByteByByteDeliveryIsReassembled) {
  handleguard::testing::TempDir home;
  HostUnderTest host(home.path());
  for (const char byte : handleguard::testing::framed(R"({"id":"slow","type":"hello"})")) {
    host.send_raw(std::string(1, byte));
  }
  const auto reply = host.receive();
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["id"], "slow");
  EXPECT_EQ(host.finish(), 0);
}

TEST(HostileFraming, BrowserThatStopsReadingRepliesDoesNotCrashTheHost) {
  handleguard::testing::TempDir home;
  HostUnderTest host(home.path());
  host.close_output_reader();
  host.send({{"id", 1}, {"type", "hello"}});
  EXPECT_EQ(host.wait(), 1);
  EXPECT_TRUE(host.exited_normally()); // EPIPE, not SIGPIPE
  EXPECT_NE(host.stderr_text().find("writing to standard output failed"), std::string::npos);
}

} // namespace
