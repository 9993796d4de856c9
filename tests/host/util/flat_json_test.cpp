#include "util/flat_json.hpp"

#include <random>

#include <gtest/gtest.h>

namespace handleguard::util {
namespace {

using nlohmann::json;

// Same members, values and number types (json's == would take 5u and 5 as equal).
bool identical(const json &a, const json &b) {
  if (a.type() != b.type() || a != b) return false;
  if (!a.is_object()) return true;
  for (auto found = a.begin(); found != a.end(); ++found) {
    if (!b.contains(found.key()) || !identical(*found, b.at(found.key()))) return false;
  }
  return a.size() == b.size();
}

// Checks the promise: whatever the quick parser accepts, nlohmann parses to the same thing.
// Returns whether the quick parser took it.
bool agrees(std::string_view text) {
  const auto quick = parse_flat_json_object(text);
  if (!quick) return false;
  const json reference = json::parse(text, nullptr, false);
  EXPECT_FALSE(reference.is_discarded()) << "accepted what nlohmann refuses: " << text;
  const json tree = quick->to_json();
  EXPECT_TRUE(identical(tree, reference)) << text << "\n quick: " << tree.dump() << "\n nlohmann: " << reference.dump();
  // What the check path reads instead of the tree: each member, the last of a repeated key.
  for (const auto &[key, member] : reference.items()) {
    const FlatValue *value = quick->find(key);
    EXPECT_NE(value, nullptr) << key;
    if (value != nullptr && member.is_string()) EXPECT_EQ(value->text, member.get<std::string>()) << key;
  }
  return true;
}

TEST(FlatJson, ReadsTheMessagesTheExtensionSends) {
  EXPECT_TRUE(agrees(R"({"id":7,"type":"check","handle":"acme","user_id":"15","text":"hello \"world\"\n\\ \/ \t","action":"post"})"));
  EXPECT_TRUE(agrees(R"({})"));
  EXPECT_TRUE(agrees(" { \"a\" : -12 , \"b\" : true , \"c\" : false , \"d\" : null , \"e\" : 0 } \n"));
  EXPECT_TRUE(agrees(R"({"a":1,"a":"last wins"})"));
  EXPECT_TRUE(agrees(R"({"a":"\n"})")); // unescaped into the object's own buffer, which a move must carry along
  EXPECT_TRUE(agrees(R"({"k\"ey":"v\\"})"));
  EXPECT_TRUE(agrees(R"({"n":-0,"m":999999999999999999,"k":-999999999999999999})"));
  EXPECT_TRUE(agrees("{\"t\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\"}"));
  const auto parsed = parse_flat_json_object(R"({"u":5,"s":-5})");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->to_json().at("u").is_number_unsigned());
  EXPECT_TRUE(parsed->to_json().at("s").is_number_integer() && !parsed->to_json().at("s").is_number_unsigned());
  ASSERT_NE(parsed->find("u"), nullptr);
  EXPECT_EQ(parsed->find("u")->kind, FlatValue::Kind::unsigned_integer);
  EXPECT_EQ(parsed->find("s")->integer, -5);
  EXPECT_EQ(parsed->find("missing"), nullptr);
}

TEST(FlatJson, NamesTheFirstKeyGivenTwice) {
  EXPECT_EQ(parse_flat_json_object(R"({"a":1,"b":2,"c":3})")->repeated_key(), std::nullopt);
  EXPECT_EQ(parse_flat_json_object(R"({})")->repeated_key(), std::nullopt);
  EXPECT_EQ(parse_flat_json_object(R"({"a":1,"b":2,"b":3,"a":4})")->repeated_key(), "b");
  EXPECT_EQ(parse_flat_json_object(R"({"t":1,"T":2,"t ":3})")->repeated_key(), std::nullopt); // bytes, not lookalikes
  // Compared unescaped: the same key written two ways is the same key.
  EXPECT_EQ(parse_flat_json_object(R"({"k\"":1,"k\"":2})")->repeated_key(), "k\"");
  EXPECT_EQ(parse_flat_json_object(R"({"a\/b":1,"a/b":2})")->repeated_key(), "a/b");
}

TEST(FlatJson, LeavesEverythingElseToNlohmann) {
  for (const std::string_view text :
       {R"([1,2])", R"("text")", R"(7)", R"({"a":{"b":1}})", R"({"a":[1]})", R"({"a":1.5})", R"({"a":1e3})",
        R"({"a":1234567890123456789})", R"({"a":01})", R"({"a":"\u00e9"})", R"({"a":"\x"})", R"({"a":tru})",
        R"({"a":1,})", R"({"a" 1})", R"({a:1})", R"({"a":1}x)", R"({"a":1)", R"({"a":"open)", "{\"a\":\"tab\there\"}",
        "{\"a\":\"bad \xff\"}", "{\"a\":\"surrogate \xed\xa0\x80\"}", "\xef\xbb\xbf{}", R"({"a":-})", R"({"a":--1})",
        R"({"a":+1})", R"({"a":truex})", R"({"a":1}{"b":2})", R"({"a":1 /*c*/})", ""}) {
    EXPECT_FALSE(agrees(text)) << text;
  }
}

// Random messages of the extension's shape, then single-byte mutations of them: every text the
// quick parser accepts must parse the same with nlohmann.
TEST(FlatJson, MutatedMessagesNeverDisagree) {
  std::mt19937 random(8);
  const std::string alphabet = "{}[]\":,\\/ -+.0123456789eEtrufalsn\t\n\x01\x7f\xc3\xa9\xff abcXYZ";
  int accepted = 0;
  for (int round = 0; round < 20'000; ++round) {
    json message = {{"id", static_cast<int>(random() % 100'000) - 50}, {"type", "check"}, {"text", "post \"quoted\" \\ text"},
                    {"flag", random() % 2 == 0}, {"none", nullptr}};
    std::string text = message.dump();
    const int mutations = static_cast<int>(random() % 4);
    for (int m = 0; m < mutations; ++m) {
      const std::size_t at = random() % (text.size() + 1);
      switch (random() % 3) {
      case 0: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
      case 1:
        if (at < text.size()) text.erase(at, 1);
        break;
      default:
        if (at < text.size()) text[at] = alphabet[random() % alphabet.size()];
        break;
      }
    }
    if (agrees(text)) ++accepted;
  }
  EXPECT_GT(accepted, 5'000); // the shape is common enough for the quick path to matter
}

} // namespace
} // namespace handleguard::util
