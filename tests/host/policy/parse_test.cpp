#include "policy/parse.hpp"

#include <string>

#include <gtest/gtest.h>

namespace handleguard::policy {
namespace {

std::vector<PolicyError> errors_of(std::string_view json) {
  auto parsed = parse_policy(json);
  EXPECT_FALSE(parsed.has_value());
  return parsed ? std::vector<PolicyError>{} : parsed.error();
}

TEST(PolicyParse, MinimalPolicyParses) {
  auto policy = parse_policy(R"({"schema":1,"accounts":[{"handle":"@Acme","user_id":"12","client":"Acme","kind":"brand"}]})");
  ASSERT_TRUE(policy.has_value());
  EXPECT_EQ(policy->accounts.at(0).handle, "acme");
  EXPECT_EQ(policy->unknown_account, UnknownAccountMode::block);
}

// A policy.json nested 100,000 deep once overflowed the host's stack (fuzz regression input
// tests/fuzz/regressions/policy_parse/nested-100000-deep.json): it must be refused, not crash.
TEST(PolicyParse, DeeplyNestedPolicyIsRefusedNotCrashed) {
  constexpr std::size_t depth = 100'000;
  const std::string nested = R"({"schema":1,"accounts":[)" + std::string(depth, '[') + std::string(depth, ']') + "]}";
  const auto errors = errors_of(nested);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors[0].message.find("nests deeper than"), std::string::npos) << errors[0].message;
}

TEST(PolicyParse, NestingWithinTheLimitIsJudgedOnItsContent) {
  const std::string nested = R"({"schema":1,"accounts":[)" + std::string(40, '[') + std::string(40, ']') + "]}";
  const auto errors = errors_of(nested);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].message.find("nests deeper than"), std::string::npos) << errors[0].message;
}

TEST(PolicyParse, NumericUserIdIsRefusedWithItsPointer) {
  const auto errors = errors_of(R"({"schema":1,"accounts":[{"handle":"a","user_id":12,"client":"A","kind":"brand"}]})");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].pointer, "/accounts/0/user_id");
}

TEST(PolicyParse, ATermThatCouldNeverMatchIsRefusedWithItsPointer) {
  // An emoji or a flag folds to nothing: the rule would guard nothing without a word.
  const auto errors = errors_of(R"({"schema":1,"accounts":[{"handle":"a","user_id":"12","client":"A","kind":"brand","rules":[
      {"id":"r","kind":"banned_terms","severity":"block","terms":["scam","\ud83c\udf46",{"term":"\ud83c\uddfa\ud83c\uddf8"},"ok\ud83c\udf46"]}]}]})");
  ASSERT_GE(errors.size(), 2U);
  EXPECT_EQ(errors[0].pointer, "/accounts/0/rules/0/terms/1");
  EXPECT_NE(errors[0].message.find("could never match"), std::string::npos) << errors[0].message;
  EXPECT_EQ(errors[1].pointer, "/accounts/0/rules/0/terms/2");
  EXPECT_EQ(errors.size(), 2U); // "scam" and "ok🍆" can match
}

TEST(PolicyParse, ARuleWhoseTermsAreAllRefusedGetsOneMessage) {
  // The refused term is the mistake; "needs terms" on top would report it twice.
  const auto errors = errors_of(R"({"schema":1,"accounts":[{"handle":"a","user_id":"12","client":"A","kind":"brand","rules":[
      {"id":"r","kind":"banned_terms","severity":"block","terms":["\ud83c\uddf7\ud83c\uddfa"]},
      {"id":"q","kind":"required","severity":"warn","any_of":["..."]}]}]})");
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].pointer, "/accounts/0/rules/0/terms/0");
  EXPECT_NE(errors[0].message.find("could never match"), std::string::npos) << errors[0].message;
  EXPECT_EQ(errors[1].pointer, "/accounts/0/rules/1/any_of/0");
}

TEST(PolicyParse, ARuleWithoutTermsIsToldItNeedsThem) {
  const auto errors = errors_of(R"({"schema":1,"accounts":[{"handle":"a","user_id":"12","client":"A","kind":"brand","rules":[
      {"id":"r","kind":"banned_terms","severity":"block"},
      {"id":"s","kind":"banned_terms","severity":"block","terms":[]},
      {"id":"q","kind":"required","severity":"warn"}]}]})");
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].pointer, "/accounts/0/rules/0");
  EXPECT_NE(errors[0].message.find("needs \"terms\" or \"lexicons\""), std::string::npos) << errors[0].message;
  EXPECT_EQ(errors[1].pointer, "/accounts/0/rules/1");
  EXPECT_NE(errors[1].message.find("needs \"terms\" or \"lexicons\""), std::string::npos) << errors[1].message;
  EXPECT_EQ(errors[2].pointer, "/accounts/0/rules/2");
  EXPECT_NE(errors[2].message.find("needs \"any_of\" or \"all_of\""), std::string::npos) << errors[2].message;
}

TEST(PolicyParse, EveryMistakeIsReported) {
  const auto errors = errors_of(R"({"schema":1,"colour":"red","accounts":[
    {"handle":"bad handle!","user_id":"1","client":"A","kind":"brand"},
    {"handle":"b","user_id":"2","client":"B","kind":"robot"},
    {"handle":"c","user_id":"3","client":"C","kind":"brand","rules":[{"id":"r","kind":"banned_terms","severity":"fatal","terms":["x"]}]}
  ]})");
  std::vector<std::string> pointers;
  for (const auto &error : errors) pointers.push_back(error.pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/accounts/0/handle", "/accounts/1/kind", "/accounts/2/rules/0/severity", "/colour"}));
}

TEST(PolicyParse, DuplicateHandlesDifferingOnlyInCaseAreRefused) {
  const auto errors = errors_of(R"({"schema":1,"accounts":[
    {"handle":"Acme","user_id":"1","client":"A","kind":"brand"},
    {"handle":"acme","user_id":"2","client":"A","kind":"brand"}]})");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].pointer, "/accounts/1/handle");
}

TEST(PolicyParse, NotJsonIsOneClearError) {
  const auto errors = errors_of("{\n  nope");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_TRUE(errors[0].message.starts_with("not valid JSON")) << errors[0].message;
  EXPECT_EQ(errors[0].line, 2U);
  EXPECT_EQ(errors[0].column, 4U); // "no" cannot begin "null": the o is where it breaks
}

} // namespace
} // namespace handleguard::policy
