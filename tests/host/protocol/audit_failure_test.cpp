// Issue 8, item 5: when the audit store cannot make a verdict's event durable (disk full,
// store unwritable), the post is held and the user told why; a verdict that already holds the
// post stays as it is. The sink here gives the EventSink contract's failure answer, which the
// real store gives when SQLite reports SQLITE_FULL / SQLITE_READONLY (the integration suites
// run the real store into those faults).
#include <fstream>

#include <gtest/gtest.h>

#include "../scoped_env.hpp"
#include "../test_support.hpp"
#include "protocol/dispatcher.hpp"

namespace handleguard::protocol {
namespace {

using nlohmann::json;

class UnwritableStore final : public audit::EventSink {
public:
  [[nodiscard]] bool record(const audit::Event &event) override {
    last_type = event.type;
    return false;
  }
  void enqueue(const audit::Event & /*event*/) override {}
  [[nodiscard]] bool flush() override { return false; }
  std::string last_type;
};

class AuditFailure : public ::testing::Test {
protected:
  void SetUp() override {
    env_.set("HANDLEGUARD_HOME", home_.path().string());
    std::filesystem::create_directories(home_.path() / "config");
    std::ofstream(home_.path() / "config" / "policy.json") << R"({"schema":1,"serial":1,"accounts":[
      {"handle":"acmecars","user_id":"15","client":"Acme","kind":"brand",
       "rules":[{"id":"no-drive","kind":"banned_terms","severity":"warn","terms":["drive"]}]}]})";
  }
  json check(const std::string &text, const std::string &handle = "acmecars", const std::string &user_id = "15") {
    const auto paths = config::resolve_paths();
    policy::PolicySource source(paths.policy_file());
    rules::Guard guard(paths, "tester");
    rules::VerdictLog verdicts;
    HostContext context{source, store_, guard, verdicts};
    Dispatcher dispatcher(context);
    return to_json(dispatcher.handle(
        json{{"id", 1}, {"type", "check"}, {"handle", handle}, {"user_id", user_id}, {"text", text}}.dump()));
  }
  testing::TempDir home_;
  testing::ScopedEnv env_;
  UnwritableStore store_;
};

TEST_F(AuditFailure, AnAllowedPostIsHeldAndTheUserToldWhy) {
  const json reply = check("a clean post");
  EXPECT_EQ(store_.last_type, "verdict");
  EXPECT_EQ(reply["ok"], true);
  EXPECT_EQ(reply["verdict"], "block");
  ASSERT_EQ(reply["violations"].size(), 1U);
  EXPECT_EQ(reply["violations"][0]["rule"], "audit_unavailable");
  EXPECT_NE(reply["violations"][0]["message"].get<std::string>().find("disk may be full"), std::string::npos);
  EXPECT_EQ(reply["override"]["mode"], "none");
}

TEST_F(AuditFailure, AWarnedPostIsHeldWithNoWayToConfirmIt) {
  const json reply = check("we drive");
  EXPECT_EQ(reply["verdict"], "block");
  ASSERT_EQ(reply["violations"].size(), 1U);
  EXPECT_EQ(reply["violations"][0]["rule"], "audit_unavailable");
  EXPECT_EQ(reply["override"]["mode"], "none");
  EXPECT_EQ(reply["confirmation"]["required"], false);
}

TEST_F(AuditFailure, ABlockedPostStaysBlockedForItsOwnReason) {
  const json reply = check("hello", "someoneelse", "99");
  EXPECT_EQ(reply["verdict"], "block");
  ASSERT_FALSE(reply["violations"].empty());
  EXPECT_EQ(reply["violations"][0]["rule"], "unknown_account");
}

} // namespace
} // namespace handleguard::protocol
