// Settings files and rules that give a key twice: refused, since JSON keeps one silently.
#include "policy/json_positions.hpp"

#include <string>

#include <gtest/gtest.h>

#include "audit/audit_config.hpp"
#include "config/install_config.hpp"
#include "signing/trust.hpp"

namespace handleguard::policy {
namespace {

TEST(RepeatedKeyProblem, NamesTheFirstRepeatedKeyByItsPointer) {
  EXPECT_EQ(repeated_key_problem(R"({"a":1,"b":{"c":1,"d":2}})"), std::nullopt);
  EXPECT_EQ(repeated_key_problem(R"({"a":1,"b":{"c":1,"c":2}})"), "the key /b/c appears twice");
  EXPECT_EQ(repeated_key_problem(R"({"rules":[{"id":"x"},{"id":"y","severity":"block","severity":"warn"}]})"),
            "the key /rules/1/severity appears twice");
  // Written two ways, the same key; in two objects, two keys.
  EXPECT_EQ(repeated_key_problem(R"({"severity":"block","sev\u0065rity":"warn"})"), "the key /severity appears twice");
  EXPECT_EQ(repeated_key_problem(R"([{"a":1},{"a":2}])"), std::nullopt);
}

TEST(RepeatedKeyProblem, RefusesNestingTooDeepToScan) {
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_EQ(repeated_key_problem(deep), "nests deeper than 64 levels");
}

TEST(RepeatedKeyProblem, SettingsFilesWithARepeatedKeyAreRefusedNotWeakened) {
  // The last copy would switch the requirement off.
  const auto trust = signing::parse_trust(R"({"require_signed_policy":true,"require_signed_policy":false})", "trust.json");
  ASSERT_FALSE(trust.has_value());
  EXPECT_EQ(trust.error(), "trust.json: the key /require_signed_policy appears twice");

  const auto install = config::parse_install_config(
      R"({"version":1,"chromium_extension_ids":["cnfeiacfghelhamjicbmagoojgalpelg"],"firefox_extension_ids":[],)"
      R"("chromium_extension_ids":["cnfeiacfghelhamjicbmagoojgalpelg","abcdefghijklmnopabcdefghijklmnop"]})");
  ASSERT_FALSE(install.has_value());
  EXPECT_EQ(install.error(), "the key /chromium_extension_ids appears twice");

  const auto audit = audit::parse_audit_config(R"({"heartbeat_seconds":60,"heartbeat_seconds":86400})", "audit.json");
  ASSERT_FALSE(audit.has_value());
  EXPECT_EQ(audit.error(), "audit.json: the key /heartbeat_seconds appears twice");
}

} // namespace
} // namespace handleguard::policy
