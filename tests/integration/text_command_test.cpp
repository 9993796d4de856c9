// Runs the real `handleguard text` binary as a user would and checks what it prints.
#include <boost/process.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "process_run.hpp"

namespace bp = boost::process;
using nlohmann::json;

namespace {

handleguard::testing::ProcessRun run_cli(const std::vector<std::string> &args, const std::string &input = {}) {
  return handleguard::testing::run_to_completion(HANDLEGUARD_CLI_BINARY, args, boost::this_process::environment(),
                                                 input);
}

TEST(TextCommand, PrintsTwitterTextCountsAndEntitiesWithUtf16Indices) {
  // 😀 is two UTF-16 code units, so every index after it is one more than its code point count.
  const auto run = run_cli({"text", "--json", "--text", "😀 @acme/team #Sale $AAPL see example.com/x"});
  ASSERT_EQ(run.status, 0) << run.err;
  const auto result = json::parse(run.out);
  EXPECT_EQ(result.at("weightedLength"), 2 + 1 + 10 + 1 + 5 + 1 + 5 + 5 + 23);
  EXPECT_EQ(result.at("valid"), true);
  EXPECT_EQ(result.at("permillage"), 189);
  EXPECT_EQ(result.at("displayRangeStart"), 0);
  EXPECT_EQ(result.at("displayRangeEnd"), 42); // inclusive, as twitter-text
  EXPECT_EQ(result.at("validRangeStart"), 0);
  EXPECT_EQ(result.at("validRangeEnd"), 42);
  const auto &entities = result.at("entities");
  EXPECT_EQ(entities.at("mentions"), json::parse(R"([{"text":"acme","indices":[3,13]}])"));
  EXPECT_EQ(entities.at("hashtags"), json::parse(R"([{"text":"Sale","indices":[14,19]}])"));
  EXPECT_EQ(entities.at("cashtags"), json::parse(R"([{"text":"AAPL","indices":[20,25]}])"));
  EXPECT_EQ(entities.at("urls"), json::parse(R"([{"text":"example.com/x","indices":[30,43]}])"));
}

TEST(TextCommand, ReadsStandardInputAndCountsWithV2WhenAsked) {
  // v2 weighs the emoji by code point (2 each) instead of once for the sequence.
  const std::string family = "👨‍👩‍👧";
  const auto v3 = json::parse(run_cli({"text", "--json", "-"}, family).out);
  const auto v2 = json::parse(run_cli({"text", "--json", "--config", "v2", "-"}, family).out);
  EXPECT_EQ(v3.at("weightedLength"), 2);
  EXPECT_EQ(v2.at("weightedLength"), 2 * 3 + 1 * 2);
}

TEST(TextCommand, RefusesInvalidUtf8AndMissingText) {
  const auto bad = run_cli({"text", "--json", "-"}, "caf\xE9");
  EXPECT_EQ(bad.status, 65);
  EXPECT_NE(bad.err.find("not valid UTF-8"), std::string::npos) << bad.err;
  EXPECT_EQ(run_cli({"text", "--json"}).status, 64);
  EXPECT_EQ(run_cli({"text", "--json", "--config", "v9", "--text", "a"}).status, 64);
  // A text where "-" belongs is told how to pass it.
  const auto positional = run_cli({"text", "Hello @acme"});
  EXPECT_EQ(positional.status, 64);
  EXPECT_NE(positional.err.find("handleguard text --text \"Hello @acme\""), std::string::npos) << positional.err;
}

TEST(TextCommand, TooLongTextIsInvalidWithTheValidRangeWhereXWouldCutIt) {
  const auto run = run_cli({"text", "--json", "--text", std::string(300, 'a')});
  const auto result = json::parse(run.out);
  EXPECT_EQ(result.at("weightedLength"), 300);
  EXPECT_EQ(result.at("valid"), false);
  EXPECT_EQ(result.at("permillage"), 1071);
  EXPECT_EQ(result.at("validRangeEnd"), 279);
  EXPECT_EQ(result.at("displayRangeEnd"), 299);
}

} // namespace
