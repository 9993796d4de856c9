// Issue 8, item 1: well-framed but hostile messages. Each gets a structured error reply (with
// its id when it has a usable one), the host stays up, and the next message is answered.
#include <thread>

#include <gtest/gtest.h>

#include "../host/test_support.hpp"
#include "host_harness.hpp"

namespace {

using handleguard::testing::HostUnderTest;
using nlohmann::json;

class HostileMessages : public ::testing::Test {
protected:
  void SetUp() override {
    handleguard::testing::write_policy_file(home_.path(), handleguard::testing::sample_policy);
    host_ = std::make_unique<HostUnderTest>(home_.path());
  }
  void TearDown() override {
    // Every case ends the same way: the host still answers, exits 0 on EOF, and never wrote
    // anything but whole frames.
    const json after = host_->ask({{"id", "after"}, {"type", "hello"}});
    EXPECT_EQ(after["ok"], true);
    EXPECT_EQ(after["id"], "after");
    EXPECT_EQ(host_->finish(), 0);
    EXPECT_FALSE(host_->stray_output());
  }
  static json check(const json &id, const std::string &text) {
    return {{"id", id}, {"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"text", text}};
  }
  static void expect_error(const json &reply, const std::string &code, const json &id = nullptr) {
    EXPECT_EQ(reply["ok"], false) << reply;
    EXPECT_EQ(reply["error"]["code"], code) << reply;
    EXPECT_EQ(reply["id"], id) << reply;
    EXPECT_FALSE(reply["error"]["message"].get<std::string>().empty());
  }
  handleguard::testing::TempDir home_;
  std::unique_ptr<HostUnderTest> host_;
};

TEST_F(HostileMessages, InvalidUtf8) {
  expect_error(host_->ask_body("{\"id\":1,\"type\":\"hello\",\"x\":\"\xC3\x28\"}"), "invalid_utf8");
  expect_error(host_->ask_body("{\"id\":1,\"type\":\"check\",\"text\":\"\xED\xA0\x80\"}"), "invalid_utf8"); // raw surrogate
  expect_error(host_->ask_body("{\"id\":1,\"type\":\"check\",\"text\":\"\xC0\xAF\"}"), "invalid_utf8");     // overlong
  expect_error(host_->ask_body("\xFF\xFE{}"), "invalid_utf8");
}

TEST_F(HostileMessages, InvalidJson) {
  for (const std::string body : {"{", "{\"id\":1,", "[1,2", "{\"id\":1}}", "nul", "{'id':1}", "{\"id\":1,\"type\":\"hello\",}",
                                 "\"unterminated", "{\"a\":01}", "   "}) {
    expect_error(host_->ask_body(body), "invalid_json");
  }
}

TEST_F(HostileMessages, JsonNestedOneHundredThousandDeep) {
  const std::size_t depth = 100'000;
  expect_error(host_->ask_body(std::string(depth, '[') + std::string(depth, ']')), "bad_request");
  std::string objects;
  for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
  objects += "1" + std::string(depth, '}');
  expect_error(host_->ask_body(objects), "bad_request");
  // Deep inside a field of an otherwise good request, and unbalanced (never closed).
  expect_error(host_->ask_body(R"({"id":3,"type":"check","text":)" + std::string(depth, '[') + std::string(depth, ']') + "}"),
               "bad_request");
  expect_error(host_->ask_body(std::string(depth * 5, '[')), "bad_request");
  // Brackets inside strings are text, not nesting.
  const json fine = host_->ask(check(4, std::string(100'000, '[')));
  EXPECT_EQ(fine["ok"], true);
  EXPECT_EQ(fine["verdict"], "allow");
}

TEST_F(HostileMessages, NumbersOutOfRange) {
  // Beyond double's range the parser refuses the number outright.
  expect_error(host_->ask_body(R"({"id":1e400,"type":"hello"})"), "invalid_json");
  expect_error(host_->ask_body(R"({"id":123456789012345678901234567890,"type":"hello"})"), "bad_request");
  expect_error(host_->ask_body(R"({"id":-1e-400,"type":"hello"})"), "bad_request");
  expect_error(host_->ask_body(R"({"id":1.5,"type":"hello"})"), "bad_request");
  expect_error(host_->ask_body(R"({"id":1,"type":"check","text":-1e400})"), "invalid_json");
  expect_error(host_->ask_body(R"({"id":1,"type":"check","text":1e-400})"), "bad_request", 1);
  // The extremes of 64-bit integers are ids like any other and come back unchanged.
  EXPECT_EQ(host_->ask_body(R"({"id":18446744073709551615,"type":"hello"})")["id"], 18446744073709551615ULL);
  EXPECT_EQ(host_->ask_body(R"({"id":-9223372036854775808,"type":"hello"})")["id"], INT64_MIN);
}

TEST_F(HostileMessages, TimesBeyondTheClocksRange) {
  // A scheduled post's time past what the clock can count (2262) is refused, not overflowed.
  for (const std::string at : {"8523-06-03T10:00:00Z", "9999-12-31T23:59:59+14:00", "2201-01-01T00:00:00Z"}) {
    json request = check(11, "see you then");
    request["action"] = "schedule";
    request["scheduled_at"] = at;
    expect_error(host_->ask(request), "bad_request", 11);
  }
}

TEST_F(HostileMessages, NonObjects) {
  for (const std::string body : {"[]", "[{\"id\":1,\"type\":\"hello\"}]", "42", "\"hello\"", "null", "true"}) {
    expect_error(host_->ask_body(body), "bad_request");
  }
}

TEST_F(HostileMessages, UnknownOrMissingType) {
  expect_error(host_->ask({{"id", 1}}), "bad_request", 1);
  expect_error(host_->ask({{"id", 2}, {"type", nullptr}}), "bad_request", 2);
  expect_error(host_->ask({{"id", 3}, {"type", "launch_rockets"}}), "unknown_type", 3);
  expect_error(host_->ask({{"id", 4}, {"type", ""}}), "unknown_type", 4);
  expect_error(host_->ask({{"id", 5}, {"type", "HELLO"}}), "unknown_type", 5);
  expect_error(host_->ask({{"id", 6}, {"type", std::string(100'000, 'x')}}), "unknown_type", 6);
  expect_error(host_->ask({{"id", 7}, {"type", "__proto__"}}), "unknown_type", 7);
}

TEST_F(HostileMessages, FieldsOfTheWrongType) {
  expect_error(host_->ask({{"id", 1}, {"type", 7}}), "bad_request", 1);
  expect_error(host_->ask({{"id", 2}, {"type", json::array({"check"})}}), "bad_request", 2);
  expect_error(host_->ask({{"id", 3}, {"type", "check"}, {"text", 42}}), "bad_request", 3);
  expect_error(host_->ask({{"id", 4}, {"type", "check"}, {"text", json::object()}}), "bad_request", 4);
  expect_error(host_->ask({{"id", 5}, {"type", "check"}, {"text", "hi"}, {"handle", true}}), "bad_request", 5);
  expect_error(host_->ask({{"id", 6}, {"type", "check"}, {"text", "hi"}, {"action", 1}}), "bad_request", 6);
  expect_error(host_->ask({{"id", 7}, {"type", "check"}, {"text", "hi"}, {"action", "nuke"}}), "bad_request", 7);
  expect_error(host_->ask({{"id", 8}, {"type", "check"}}), "bad_request", 8); // text missing
  expect_error(host_->ask({{"id", 9}, {"type", "identify"}, {"user_id", json::array()}}), "bad_request", 9);
  // Ids that are not strings or integers cannot be echoed safely.
  expect_error(host_->ask({{"id", json::object()}, {"type", "hello"}}), "bad_request");
  expect_error(host_->ask({{"id", true}, {"type", "hello"}}), "bad_request");
  expect_error(host_->ask({{"id", std::string(10'000, 'i')}, {"type", "hello"}}), "bad_request");
}

TEST_F(HostileMessages, KeysGivenTwiceAreRefusedNotGuessed) {
  // JSON readers disagree on which of two equal keys counts (nlohmann keeps the last, others
  // the first), so a text smuggled behind a harmless one is refused, never judged.
  const std::string who = R"("handle":"acmecars","user_id":"1500000000000000001",)";
  expect_error(host_->ask_body(R"({"id":1,"type":"check",)" + who + R"("text":"we drive","text":"we walk"})"), "bad_request", 1);
  expect_error(host_->ask_body(R"({"id":2,"type":"check",)" + who + R"("text":"we walk","text":"we drive"})"), "bad_request", 2);
  expect_error(host_->ask_body(R"({"id":3,"type":"check","handle":"other","text":"hi",)" + who.substr(0, who.size() - 1) + "}"),
               "bad_request", 3);
  // Equal once unescaped, and in messages that take the full parser (a \u escape, nesting).
  expect_error(host_->ask_body(R"({"id":4,"type":"check",)" + who + R"("text":"we drive","text":"we walk"})"), "bad_request", 4);
  expect_error(host_->ask_body(R"({"id":5,"type":"check_thread",)" + who + R"("posts":[{"text":"we walk","text":"we drive"}]})"),
               "bad_request", 5);
  // An id given twice cannot be echoed: which one?
  expect_error(host_->ask_body(R"({"id":6,"id":7,"type":"hello"})"), "bad_request");
  const json named = host_->ask_body(R"({"id":8,"type":"check",)" + who + R"("text":"a","text":"b"})");
  EXPECT_NE(named["error"]["message"].get<std::string>().find("/text"), std::string::npos) << named;
  // A hostile key is named only in part, cut between characters.
  std::string long_key;
  for (int i = 0; i < 10'000; ++i) long_key += "\u20ac";
  const json shortened = host_->ask_body(R"({"id":9,")" + long_key + R"(":1,")" + long_key + R"(":2,"type":"hello"})");
  expect_error(shortened, "bad_request", 9);
  EXPECT_LT(shortened["error"]["message"].get<std::string>().size(), 200U);
  // Equal keys in different objects are not repeats: each post of a thread has its own text.
  const json thread = host_->ask_body(R"({"id":10,"type":"check_thread",)" + who + R"("posts":[{"text":"we walk"},{"text":"we drive"}]})");
  EXPECT_EQ(thread["ok"], true) << thread;
  EXPECT_EQ(thread["verdict"], "block");
}

TEST_F(HostileMessages, TextFarOverAnyPostsSize) {
  expect_error(host_->ask(check(1, std::string(1'000'000, 'a'))), "too_large", 1);
  const std::string handle_flood(100'000, 'h');
  expect_error(host_->ask({{"id", 2}, {"type", "check"}, {"text", "hi"}, {"handle", handle_flood}}), "too_large", 2);
  // The largest text the host takes is judged normally, banned term at the very end.
  const json verdict = host_->ask(check(3, std::string(256 * 1024 - 6, 'a') + " drive"));
  EXPECT_EQ(verdict["ok"], true);
  EXPECT_EQ(verdict["verdict"], "block");
  EXPECT_EQ(verdict["violations"][0]["span"], json::array({256 * 1024 - 5, 256 * 1024}));
}

TEST_F(HostileMessages, NulBytesAndLoneSurrogates) {
  // A raw NUL (or any control byte) is not allowed inside JSON text.
  using namespace std::string_literals;
  expect_error(host_->ask_body("{\"id\":1,\"type\":\"hello\"}\0"s), "invalid_json");
  expect_error(host_->ask_body("\0{\"id\":1,\"type\":\"hello\"}"s), "invalid_json");
  expect_error(host_->ask_body("{\"id\":1,\"type\":\"check\",\"text\":\"a\0b\"}"s), "invalid_json");
  // Escaped NULs are text like any other: judged, with spans counted past them.
  const json with_nul = host_->ask_body(R"({"id":2,"type":"check","handle":"acmecars","user_id":"1500000000000000001","text":"\u0000drive\u0000"})");
  EXPECT_EQ(with_nul["verdict"], "block");
  EXPECT_EQ(with_nul["violations"][0]["span"], json::array({1, 6}));
  EXPECT_EQ(host_->ask_body(R"({"id":"a\u0000b","type":"hello"})")["id"], std::string("a\0b", 3));
  // Lone or reversed surrogate escapes (half an emoji, as JSON.stringify writes it) are not
  // Unicode text: refused, but to the request that sent them, which would else wait in vain.
  for (const char *body : {R"({"id":3,"type":"check","text":"\ud800"})", R"({"id":3,"type":"check","text":"x\udc00y"})",
                           R"({"id":3,"type":"check","text":"\udc00\ud800"})", R"({"type":"check","id":3,"text":"\uD83D!"})"}) {
    const json reply = host_->ask_body(body);
    expect_error(reply, "bad_request", 3);
    EXPECT_NE(reply["error"]["message"].get<std::string>().find("surrogate"), std::string::npos);
  }
  expect_error(host_->ask_body(R"({"id":3,"text":"\ud800",})"), "invalid_json"); // refused for its syntax, as before
  EXPECT_TRUE(host_->ask_body(R"({"id":{"a":1},"type":"check","text":"\ud800"})")["id"].is_null()) << "an id of no accepted kind";
  EXPECT_TRUE(host_->ask_body(R"({"id":5,"type":"check","text":"\\ud800"})")["ok"].is_boolean()) << "an escaped backslash, then text";
  // A proper pair is fine and counts as two UTF-16 units.
  const json pair = host_->ask_body(R"({"id":4,"type":"check","handle":"acmecars","user_id":"1500000000000000001","text":"\ud83d\ude97 drive"})");
  EXPECT_EQ(pair["violations"][0]["span"], json::array({3, 8}));
}

TEST_F(HostileMessages, ThousandsPipelinedWithoutWaitingAreAnsweredInOrder) {
  constexpr int count = 5000;
  std::thread writer([this] {
    std::string batch;
    for (int i = 0; i < count; ++i) {
      const json message = i % 7 == 3 ? json{{"id", i}, {"type", "nonsense"}}
                                      : check(i, i % 2 == 0 ? "we drive on" : "we walk on");
      batch += handleguard::testing::framed(message.dump());
    }
    host_->send_raw(batch);
  });
  int in_order = 0;
  for (int i = 0; i < count; ++i) {
    const auto reply = host_->receive();
    if (!reply || (*reply)["id"] != i) break;
    const bool as_expected = i % 7 == 3   ? (*reply)["ok"] == false
                             : i % 2 == 0 ? (*reply)["verdict"] == "block"
                                          : (*reply)["verdict"] == "allow";
    if (!as_expected) break;
    ++in_order;
  }
  writer.join();
  EXPECT_EQ(in_order, count);
}

TEST_F(HostileMessages, ReplyOverTheBrowsersLimitIsShortenedAsWholeJson) {
  // ~43,000 banned-term hits: the full reply would be several MiB.
  std::string text;
  while (text.size() + 6 <= 256 * 1024) text += "drive ";
  const json verdict = host_->ask(check("big", text));
  EXPECT_LE(host_->last_frame_bytes(), 1U << 20U);
  EXPECT_EQ(verdict["ok"], true);
  EXPECT_EQ(verdict["id"], "big");
  EXPECT_EQ(verdict["verdict"], "block"); // the decision is made on every violation
  EXPECT_EQ(verdict["truncated"]["field"], "violations");
  EXPECT_EQ(verdict["truncated"]["total"], text.size() / 6);
  EXPECT_EQ(verdict["truncated"]["kept"], verdict["violations"].size());
  EXPECT_GT(verdict["violations"].size(), 1000U);
  EXPECT_EQ(verdict["violations"][0]["span"], json::array({0, 5}));
}

} // namespace
