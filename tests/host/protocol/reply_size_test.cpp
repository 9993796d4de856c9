#include "protocol/reply_size.hpp"

#include <gtest/gtest.h>

namespace handleguard::protocol {
namespace {

using nlohmann::json;

json reply_with_violations(std::size_t count) {
  json violations = json::array();
  for (std::size_t i = 0; i < count; ++i) {
    violations.push_back({{"rule", "r"}, {"message", std::string(100, 'm')}, {"span", {i, i + 1}}});
  }
  return {{"id", 42}, {"ok", true}, {"verdict", "block"}, {"violations", violations}};
}

TEST(ReplySize, SmallReplyIsUnchanged) {
  const json reply = reply_with_violations(3);
  EXPECT_EQ(serialize_reply(reply, 1U << 20U), reply.dump());
}

TEST(ReplySize, LongReplyKeepsItsFirstEntriesAndSaysHowManyThereWere) {
  const std::string text = serialize_reply(reply_with_violations(50'000), 1U << 20U);
  ASSERT_LE(text.size(), 1U << 20U);
  const json shortened = json::parse(text); // whole JSON, not a cut
  EXPECT_EQ(shortened["id"], 42);
  EXPECT_EQ(shortened["verdict"], "block");
  EXPECT_EQ(shortened["truncated"]["field"], "violations");
  EXPECT_EQ(shortened["truncated"]["total"], 50'000);
  EXPECT_EQ(shortened["truncated"]["kept"], shortened["violations"].size());
  EXPECT_GT(shortened["violations"].size(), 1'000U);
  EXPECT_EQ(shortened["violations"][0]["span"], json::array({0, 1}));
}

TEST(ReplySize, ReplyThatNoShorteningHelpsBecomesAnErrorWithTheId) {
  const json reply = {{"id", "x"}, {"ok", true}, {"blob", std::string(2'000'000, 'b')}, {"list", {1, 2, 3}}};
  const json replaced = json::parse(serialize_reply(reply, 1U << 20U));
  EXPECT_EQ(replaced["ok"], false);
  EXPECT_EQ(replaced["id"], "x");
  EXPECT_EQ(replaced["error"]["code"], "too_large");
}

TEST(ReplySize, ThreadReplyNeverLosesAPostButBecomesAnError) {
  json posts = json::array();
  for (int i = 0; i < 20; ++i) posts.push_back(reply_with_violations(1'000));
  const json reply = {{"id", "t"}, {"ok", true}, {"verdict", "block"}, {"posts", posts}};
  const json replaced = json::parse(serialize_reply(reply, 1U << 20U));
  EXPECT_EQ(replaced["ok"], false);
  EXPECT_EQ(replaced["id"], "t");
  EXPECT_EQ(replaced["error"]["code"], "too_large");
}

TEST(ReplySize, InvalidUtf8InStringsIsReplacedNotThrown) {
  const json reply = {{"id", 1}, {"message", std::string("bad \xC3 byte")}};
  const json parsed = json::parse(serialize_reply(reply, 1000));
  EXPECT_EQ(parsed["message"], "bad \xEF\xBF\xBD byte");
}

} // namespace
} // namespace handleguard::protocol
