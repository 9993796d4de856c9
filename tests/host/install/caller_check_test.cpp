#include "install/caller_check.hpp"

#include <gtest/gtest.h>

namespace handleguard::install {
namespace {

std::expected<Caller, std::string> from(std::initializer_list<std::string_view> arguments) {
  const std::vector<std::string_view> list(arguments);
  return caller_from_arguments(list);
}

TEST(CallerCheck, ChromiumOriginNamesTheExtension) {
  const auto caller = from({"chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/"});
  ASSERT_TRUE(caller);
  EXPECT_FALSE(caller->firefox);
  EXPECT_EQ(caller->extension_id, "cnfeiacfghelhamjicbmagoojgalpelg");
  EXPECT_EQ(refuse_caller(*caller, default_allowed_callers()), "");
}

TEST(CallerCheck, FirefoxPassesTheManifestPathThenTheAddOnId) {
  const auto caller = from({"/usr/lib/mozilla/native-messaging-hosts/org.handleguard.host.json", "guard@handleguard.org"});
  ASSERT_TRUE(caller);
  EXPECT_TRUE(caller->firefox);
  EXPECT_EQ(caller->extension_id, "guard@handleguard.org");
  EXPECT_EQ(refuse_caller(*caller, default_allowed_callers()), "");
}

TEST(CallerCheck, IdsFromTheInstallConfigurationAreAllowedToo) {
  AllowedCallers allowed = default_allowed_callers();
  allowed.chromium_extension_ids.emplace_back("abcdefghijklmnopabcdefghijklmnop");
  EXPECT_EQ(refuse_caller(*from({"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"}), allowed), "");
  EXPECT_NE(refuse_caller(*from({"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"}), default_allowed_callers()), "");
}

TEST(CallerCheck, AnythingElseIsRefusedWithAReason) {
  EXPECT_FALSE(from({}));
  EXPECT_FALSE(from({"chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg"}));
  EXPECT_FALSE(from({"moz-extension://whatever/"}));
  const auto firefox_with_chromium_id = from({"/m.json", "cnfeiacfghelhamjicbmagoojgalpelg"});
  ASSERT_TRUE(firefox_with_chromium_id);
  EXPECT_NE(refuse_caller(*firefox_with_chromium_id, default_allowed_callers()), "");
  const auto long_id = from({"chrome-extension://" + std::string(10'000, 'a') + "/"});
  ASSERT_TRUE(long_id);
  EXPECT_LT(refuse_caller(*long_id, default_allowed_callers()).size(), 400U); // the log line stays short
}

} // namespace
} // namespace handleguard::install
