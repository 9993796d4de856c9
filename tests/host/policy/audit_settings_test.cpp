// The policy's `audit` section (what the audit trail keeps, the collector, response commands):
// read into the model, and every mistake reported once with its pointer and line.
#include <gtest/gtest.h>

#include "policy/parse.hpp"

namespace handleguard::policy {
namespace {

std::string with_audit(const std::string &audit) {
  return "{\"schema\": 1, \"accounts\": [],\n \"audit\": " + audit + "\n}";
}

TEST(PolicyAuditSettings, DefaultsToHashedTextAndNoForwarding) {
  const auto policy = parse_policy(R"({"schema": 1, "accounts": []})");
  ASSERT_TRUE(policy.has_value());
  EXPECT_EQ(policy->audit.post_text, PostTextMode::hash);
  EXPECT_FALSE(policy->audit.syslog.has_value());
  EXPECT_TRUE(policy->audit.commands.empty());
}

TEST(PolicyAuditSettings, ReadsFullTextCollectorAndCommands) {
  const auto policy = parse_policy(with_audit(R"({"post_text": "full",
    "syslog": {"transport": "tcp", "address": "127.0.0.1:6514", "facility": 10},
    "commands": [{"on": ["block", "override"], "argv": ["/usr/local/bin/alert", "--team", "social"], "timeout_seconds": 2.5}]})"));
  ASSERT_TRUE(policy.has_value()) << describe(policy.error(), "policy");
  EXPECT_EQ(policy->audit.post_text, PostTextMode::full);
  ASSERT_TRUE(policy->audit.syslog.has_value());
  EXPECT_EQ(policy->audit.syslog->transport, audit::SyslogTransport::tcp);
  EXPECT_EQ(policy->audit.syslog->address, "127.0.0.1:6514");
  EXPECT_EQ(policy->audit.syslog->facility, 10);
  ASSERT_EQ(policy->audit.commands.size(), 1U);
  EXPECT_EQ(policy->audit.commands[0].on, (std::vector<std::string>{"block", "override"}));
  EXPECT_EQ(policy->audit.commands[0].argv.size(), 3U);
  EXPECT_EQ(policy->audit.commands[0].timeout, std::chrono::milliseconds(2500));
}

struct Mistake {
  std::string audit;
  std::string pointer;
  std::string message_part;
};

TEST(PolicyAuditSettings, EachMistakeGivesOneErrorWithItsPointerAndLine) {
  const std::vector<Mistake> mistakes = {
      {R"("full")", "/audit", "must be an object"},
      {R"({"post_text": "some"})", "/audit/post_text", "must be one of"},
      {R"({"keep": true})", "/audit/keep", "unknown field"},
      {R"({"syslog": {"transport": "udp"}})", "/audit/syslog/address", "required"},
      {R"({"syslog": {"transport": "tcp", "address": "logs"}})", "/audit/syslog/address", "host:port"},
      {R"({"syslog": {"transport": "carrier-pigeon"}})", "/audit/syslog/transport", "unix"},
      {R"({"commands": {}})", "/audit/commands", "must be an array"},
      {R"({"commands": [{"on": ["block"], "argv": ["alert"]}]})", "/audit/commands/0/argv/0", "absolute path"},
      {R"({"commands": [{"on": [], "argv": ["/bin/true"]}]})", "/audit/commands/0/on", "non-empty"},
      {R"({"commands": [{"argv": ["/bin/true"]}]})", "/audit/commands/0", "needs"},
      {R"({"commands": [{"on": ["block"], "argv": ["/bin/true"], "shell": "x"}]})", "/audit/commands/0/shell", "unknown field"},
      {R"({"commands": [{"on": ["block"], "argv": ["/bin/true"], "timeout_seconds": 0}]})", "/audit/commands/0/timeout_seconds", "between"},
  };
  for (const auto &mistake : mistakes) {
    const auto policy = parse_policy(with_audit(mistake.audit));
    ASSERT_FALSE(policy.has_value()) << mistake.audit;
    ASSERT_EQ(policy.error().size(), 1U) << describe(policy.error(), "policy");
    const auto &error = policy.error().front();
    EXPECT_EQ(error.pointer, mistake.pointer) << mistake.audit;
    EXPECT_NE(error.message.find(mistake.message_part), std::string::npos) << error.message;
    EXPECT_EQ(error.line, 2U) << mistake.audit;
  }
}

TEST(PolicyAuditSettings, TheDocumentedExamplePolicyParsesWithItsAuditSection) {
  const auto policy = load_policy_file(std::filesystem::path(HANDLEGUARD_TEST_DATA_DIR) / ".." / ".." / "docs" / "examples" / "policy.json");
  ASSERT_TRUE(policy.has_value()) << policy.error();
  EXPECT_EQ(policy->audit.commands.size(), 1U);
  EXPECT_TRUE(policy->audit.syslog.has_value());
}

} // namespace
} // namespace handleguard::policy
