// X's own conformance suite for twitter-text, read at test time from ../shared/twitter-text/
// (JSON twins of X's YAML files): every case of every section runs against the engine, which
// loads its data from the project's own tree (native-host/data/twitter-text/).
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "text/tweet_text.hpp"

namespace handleguard::text {
namespace {

using nlohmann::json;

const std::filesystem::path suite_dir = std::filesystem::path(HANDLEGUARD_SHARED_DIR) / "twitter-text";

json read_suite(const std::string &file) {
  std::ifstream in(suite_dir / file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return json::parse(content.str(), nullptr, false);
}

const TweetText &engine() {
  static const auto loaded = TweetText::load(HANDLEGUARD_SOURCE_DATA_DIR);
  if (!loaded) throw std::runtime_error(loaded.error());
  return *loaded;
}

json indices(const Entity &entity) { return json::array({entity.begin, entity.end}); }

json names(const std::vector<Entity> &entities) {
  json out = json::array();
  for (const auto &entity : entities) out.push_back(entity.text);
  return out;
}

json with_indices(const std::vector<Entity> &entities, const char *name_key) {
  json out = json::array();
  for (const auto &entity : entities) out.push_back({{name_key, entity.text}, {"indices", indices(entity)}});
  return out;
}

json parse_result(const ParseResult &result) {
  return {{"weightedLength", result.weighted_length},       {"valid", result.valid},
          {"permillage", result.permillage},               {"displayRangeStart", result.display_range_start},
          {"displayRangeEnd", result.display_range_end},   {"validRangeStart", result.valid_range_start},
          {"validRangeEnd", result.valid_range_end}};
}

using Runner = std::function<json(const std::string &text)>;

// What each section checks, as X's JavaScript conformance runner (js/test/conformance.html) does.
const std::map<std::string, std::map<std::string, Runner>> &runners() {
  static const std::map<std::string, std::map<std::string, Runner>> table{
      {"validate.json",
       {
           {"tweets", [](const std::string &t) -> json { return engine().is_valid_tweet(t, engine().config(ConfigVersion::v1)); }},
           {"usernames", [](const std::string &t) -> json { return engine().is_valid_username(t); }},
           {"lists", [](const std::string &t) -> json { return engine().is_valid_list(t); }},
           {"hashtags", [](const std::string &t) -> json { return engine().is_valid_hashtag(t); }},
           {"urls", [](const std::string &t) -> json { return engine().is_valid_url(t); }},
           {"urls_without_protocol", [](const std::string &t) -> json { return engine().is_valid_url(t, true, false); }},
           {"WeightedTweetsCounterTest",
            [](const std::string &t) { return parse_result(engine().parse_tweet(t, engine().config(ConfigVersion::v2))); }},
           {"WeightedTweetsWithDiscountedEmojiCounterTest",
            [](const std::string &t) { return parse_result(engine().parse_tweet(t, engine().config(ConfigVersion::v3))); }},
           {"UnicodeDirectionalMarkerCounterTest",
            [](const std::string &t) { return parse_result(engine().parse_tweet(t, engine().config(ConfigVersion::v3))); }},
       }},
      {"extract.json",
       {
           {"mentions", [](const std::string &t) { return names(engine().extract_mentions(t)); }},
           {"mentions_with_indices", [](const std::string &t) { return with_indices(engine().extract_mentions(t), "screen_name"); }},
           {"mentions_or_lists_with_indices",
            [](const std::string &t) {
              json out = json::array();
              for (const auto &entity : engine().extract_mentions_or_lists(t)) {
                out.push_back({{"screen_name", entity.text}, {"list_slug", entity.list_slug}, {"indices", indices(entity)}});
              }
              return out;
            }},
           {"replies",
            [](const std::string &t) -> json {
              const auto reply = engine().extract_reply(t);
              return reply ? json(*reply) : json(nullptr);
            }},
           {"urls", [](const std::string &t) { return names(engine().extract_urls(t)); }},
           {"urls_with_indices", [](const std::string &t) { return with_indices(engine().extract_urls(t), "url"); }},
           {"urls_with_directional_markers", [](const std::string &t) { return with_indices(engine().extract_urls(t), "url"); }},
           {"tco_urls_with_params", [](const std::string &t) { return names(engine().extract_urls(t)); }},
           {"hashtags", [](const std::string &t) { return names(engine().extract_hashtags(t)); }},
           {"hashtags_from_astral", [](const std::string &t) { return names(engine().extract_hashtags(t)); }},
           {"hashtags_with_indices", [](const std::string &t) { return with_indices(engine().extract_hashtags(t), "hashtag"); }},
           {"cashtags", [](const std::string &t) { return names(engine().extract_cashtags(t)); }},
           {"cashtags_with_indices", [](const std::string &t) { return with_indices(engine().extract_cashtags(t), "cashtag"); }},
       }},
      {"tlds.json",
       {
           {"country", [](const std::string &t) { return names(engine().extract_urls(t)); }},
           {"generic", [](const std::string &t) { return names(engine().extract_urls(t)); }},
       }},
  };
  return table;
}

class ConformanceFile : public ::testing::TestWithParam<std::string> {};

// Runs every case of every section of one file; prints passed/total per section and names
// each failing case with what came out and what X expects.
TEST_P(ConformanceFile, EveryCaseOfEverySectionPasses) {
  const auto document = read_suite(GetParam());
  ASSERT_FALSE(document.is_discarded()) << (suite_dir / GetParam()) << " is missing or not JSON";
  const auto tests = document.find("tests");
  ASSERT_TRUE(tests != document.end() && tests->is_object()) << GetParam() << " has no \"tests\" object";
  const auto &sections = runners().at(GetParam());
  for (const auto &[section, cases] : tests->items()) {
    const auto runner = sections.find(section);
    if (runner == sections.end()) {
      ADD_FAILURE() << GetParam() << ": section \"" << section << "\" has no runner; every section must run";
      continue;
    }
    ASSERT_TRUE(cases.is_array() && !cases.empty()) << section << " holds no cases";
    std::size_t passed = 0;
    for (const auto &test_case : cases) {
      const auto text = test_case.at("text").get<std::string>();
      const auto &expected = test_case.at("expected");
      const json actual = runner->second(text);
      if (actual == expected) {
        ++passed;
      } else {
        ADD_FAILURE() << GetParam() << " / " << section << ": " << test_case.at("description").get<std::string>()
                      << "\n  text:     " << json(text).dump() << "\n  expected: " << expected.dump()
                      << "\n  actual:   " << actual.dump();
      }
    }
    std::cout << "[ conformance ] " << GetParam() << " " << section << ": " << passed << "/" << cases.size()
              << " passed\n";
  }
  for (const auto &[section, runner] : sections) {
    EXPECT_TRUE(tests->contains(section)) << GetParam() << " no longer has section \"" << section << "\"";
  }
}

INSTANTIATE_TEST_SUITE_P(TwitterText, ConformanceFile, ::testing::Values("validate.json", "extract.json", "tlds.json"),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return info.param.substr(0, info.param.find('.'));
                         });

} // namespace
} // namespace handleguard::text
