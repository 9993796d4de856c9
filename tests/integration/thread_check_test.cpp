// A thread ("Post all") is judged as it is shown: post after post. A banned phrase split between
// two of its posts holds the posts it spans, over the real host's pipe.
#include <gtest/gtest.h>

#include "../host/test_support.hpp"
#include "host_harness.hpp"

namespace {

using handleguard::testing::HostUnderTest;
using nlohmann::json;

const std::string phrase_policy = R"({"schema":1,"serial":7,"accounts":[
  {"handle":"acmecars","user_id":"1500000000000000001","client":"Acme Cars","kind":"brand",
   "rules":[{"id":"no-insult","kind":"banned_terms","severity":"block","terms":["nobody here knows how to drive"]}]}]})";

class ThreadCheck : public ::testing::Test {
protected:
  void SetUp() override {
    handleguard::testing::write_policy_file(home_.path(), phrase_policy);
    host_ = std::make_unique<HostUnderTest>(home_.path());
  }
  void TearDown() override {
    EXPECT_EQ(host_->finish(), 0);
    EXPECT_FALSE(host_->stray_output());
  }
  json thread(const std::vector<std::string> &texts) {
    json posts = json::array();
    for (const auto &text : texts) posts.push_back({{"text", text}});
    return host_->ask({{"id", 1}, {"type", "check_thread"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"}, {"posts", posts}});
  }
  handleguard::testing::TempDir home_;
  std::unique_ptr<HostUnderTest> host_;
};

TEST_F(ThreadCheck, APhraseSplitBetweenTwoPostsHoldsBoth) {
  const json reply = thread({"Big news today! Nobody here knows", "how to drive. More at 6", "Thanks all"});
  ASSERT_EQ(reply["ok"], true) << reply;
  EXPECT_EQ(reply["verdict"], "block");
  ASSERT_EQ(reply["posts"].size(), 3U);
  EXPECT_EQ(reply["posts"][0]["verdict"], "block");
  EXPECT_EQ(reply["posts"][1]["verdict"], "block");
  EXPECT_EQ(reply["posts"][2]["verdict"], "allow") << "the post no part of the phrase is in";
  const json &first = reply["posts"][0]["violations"][0];
  EXPECT_NE(first["message"].get<std::string>().find("the one after it"), std::string::npos) << first;
  EXPECT_EQ(first["span"], json::array({16, 33})) << "the phrase's part in this post: \"Nobody here knows\"";
  const json &second = reply["posts"][1]["violations"][0];
  EXPECT_NE(second["message"].get<std::string>().find("the one before it"), std::string::npos) << second;
  EXPECT_EQ(second["span"], json::array({0, 12})) << "\"how to drive\"";
}

TEST_F(ThreadCheck, APhraseSplitOverManyPostsHoldsEachOfThem) {
  const json reply = thread({"nobody", "here knows", "how to", "drive", "see you"});
  ASSERT_EQ(reply["ok"], true) << reply;
  EXPECT_EQ(reply["verdict"], "block");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(reply["posts"][i]["verdict"], "block") << i << reply;
  EXPECT_EQ(reply["posts"][4]["verdict"], "allow");
  EXPECT_NE(reply["posts"][1]["violations"][0]["message"].get<std::string>().find("before and after"), std::string::npos);
}

TEST_F(ThreadCheck, APostWithoutTextBetweenThePartsIsNotTheOneHeld) {
  // A post of media alone has no text: the parts are in the posts around it.
  const json reply = thread({"nobody here knows how", "", "to drive"});
  ASSERT_EQ(reply["ok"], true) << reply;
  EXPECT_EQ(reply["posts"][0]["verdict"], "block") << reply;
  EXPECT_EQ(reply["posts"][1]["verdict"], "allow") << "no part of the phrase is in it";
  EXPECT_EQ(reply["posts"][2]["verdict"], "block");
  EXPECT_EQ(reply["posts"][2]["violations"][0]["span"], json::array({0, 8}));
}

TEST_F(ThreadCheck, PostsThatOnlyShareWordsAreAllowed) {
  const json reply = thread({"Nobody here knows", "what tomorrow brings.", "How to drive? Take lessons."});
  ASSERT_EQ(reply["ok"], true) << reply;
  EXPECT_EQ(reply["verdict"], "allow") << reply;
}

TEST_F(ThreadCheck, APhraseInOnePostIsReportedOnceForIt) {
  const json reply = thread({"Nobody here knows how to drive", "Just kidding"});
  ASSERT_EQ(reply["ok"], true) << reply;
  EXPECT_EQ(reply["posts"][0]["violations"].size(), 1U) << reply;
  EXPECT_EQ(reply["posts"][1]["verdict"], "allow");
}

} // namespace
