// The manifest path doctor reads from `reg.exe query KEY /ve` output, as reg.exe prints it:
// CRLF lines, four-space indents, the value name translated on non-English Windows.
#include <gtest/gtest.h>

#include "install/registration_apply.hpp"

namespace handleguard::install {
namespace {

TEST(RegistryDefaultValue, ReadsThePathAfterRegSz) {
  const std::string output = "\r\nHKEY_CURRENT_USER\\SOFTWARE\\Google\\Chrome\\NativeMessagingHosts\\org.handleguard.host\r\n"
                             "    (Default)    REG_SZ    C:\\Users\\Ann Lee\\AppData\\Local\\handleguard\\org.handleguard.host.json\r\n\r\n";
  EXPECT_EQ(registry_default_value(output), "C:\\Users\\Ann Lee\\AppData\\Local\\handleguard\\org.handleguard.host.json");
}

TEST(RegistryDefaultValue, DoesNotDependOnTheTranslatedValueName) {
  EXPECT_EQ(registry_default_value("HKEY_LOCAL_MACHINE\\SOFTWARE\\Mozilla\n    (Standard)    REG_SZ    D:\\hg\\m.json\n"), "D:\\hg\\m.json");
}

TEST(RegistryDefaultValue, IsEmptyWithoutAStringValue) {
  EXPECT_EQ(registry_default_value("\r\nHKEY_CURRENT_USER\\SOFTWARE\\Mozilla\\NativeMessagingHosts\\org.handleguard.host\r\n\r\n"), "");
  EXPECT_EQ(registry_default_value("    (Default)    REG_DWORD    0x1\r\n"), "");
  EXPECT_EQ(registry_default_value(""), "");
}

} // namespace
} // namespace handleguard::install
