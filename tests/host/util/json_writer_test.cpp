#include "util/json_writer.hpp"

#include <random>

#include <gtest/gtest.h>

namespace handleguard::util {
namespace {

using nlohmann::json;

std::string reference(const json &value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

TEST(JsonWriter, WritesWhatNlohmannWrites) {
  const json samples[] = {
      nullptr, true, false, 0, -1, 42, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::uint64_t>::max(),
      1.5, -0.0, 1e300, "", "plain", "quote \" backslash \\ slash /", "\b\f\n\r\t\x01\x1f\x7f",
      std::string("nul \0 inside", 12), "caf\xc3\xa9 \xf0\x9f\x98\x80", "bad \xff byte \xc3", "lone surrogate \xed\xa0\x80",
      json::array(), json::object(), json::array({1, "two", nullptr, json::array({json::object()})}),
      json{{"z", 1}, {"a", json{{"nested", "x\ny"}}}, {"\xc3\xa9key", "v"}, {"k\"q", json::array({1.25, false})}},
      json::binary({1, 2, 3})};
  for (const auto &sample : samples) EXPECT_EQ(json_text(sample), reference(sample)) << reference(sample);
}

TEST(JsonWriter, RandomStringsAndTreesMatch) {
  std::mt19937 random(8);
  const auto random_string = [&] {
    std::string text(random() % 24, ' ');
    for (char &c : text) c = static_cast<char>(random() % 4 == 0 ? random() % 256 : 0x20 + random() % 95);
    return text;
  };
  for (int round = 0; round < 2000; ++round) {
    json value = json::object();
    for (int member = 0; member < 6; ++member) {
      switch (random() % 5) {
      case 0: value[random_string()] = random_string(); break;
      case 1: value[random_string()] = static_cast<std::int64_t>(random()) - 1'000'000'000; break;
      case 2: value[random_string()] = json::array({random_string(), random() % 2 == 0}); break;
      case 3: value[random_string()] = static_cast<double>(random()) / 7.0; break;
      default: value[random_string()] = nullptr; break;
      }
    }
    ASSERT_EQ(json_text(value), reference(value));
  }
}

TEST(JsonWriter, AppendsToWhatIsThere) {
  std::string out = "prefix:";
  append_json(out, json{{"a", "b"}});
  append_json_string(out, "\"");
  EXPECT_EQ(out, R"(prefix:{"a":"b"}"\"")");
}

} // namespace
} // namespace handleguard::util
