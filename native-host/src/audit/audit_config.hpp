#pragma once
// What to do with audit events besides storing them: forward each event and checkpoint to a
// syslog collector, run response commands on chosen events, how often to beat. Read from
// config::Paths::audit_config_file() (the managed folder's copy in a managed install) and from
// the policy's signed `audit` section (policy/model.hpp), which wins. docs/audit.md.
#include <chrono>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "config/paths.hpp"

namespace handleguard::audit {

enum class SyslogTransport { unix_socket, udp, tcp };

struct SyslogTarget {
  SyslogTransport transport = SyslogTransport::unix_socket;
  std::string address; // socket path, or host:port
  int facility = 13;   // log audit
  std::string app_name = "handleguard";
};

struct ResponseCommand {
  std::vector<std::string> on;   // "block" (a verdict that blocks) or an event type: "override", "lockdown", ...
  std::vector<std::string> argv; // program and arguments; never a shell string
  std::chrono::milliseconds timeout{10'000};
};

struct AuditConfig {
  std::chrono::seconds heartbeat{300};
  std::optional<SyslogTarget> syslog;
  std::vector<ResponseCommand> commands;
};

// A mistake in a setting: where (JSON pointer, relative to the document read) and what.
struct SettingError {
  std::string pointer;
  std::string message;
};

// Reads a `syslog` object / a `commands` array (of audit.json or of the policy's `audit`
// section); `pointer` names it in errors.
[[nodiscard]] std::expected<SyslogTarget, SettingError> parse_syslog_target(const nlohmann::json &value, const std::string &pointer);
[[nodiscard]] std::expected<std::vector<ResponseCommand>, SettingError> parse_response_commands(const nlohmann::json &value,
                                                                                                const std::string &pointer);

// The forwarding in force: the policy's collector when it names one, else the install's; the
// install's commands, then the policy's.
[[nodiscard]] AuditConfig with_policy_settings(AuditConfig install, const std::optional<SyslogTarget> &policy_syslog,
                                               const std::vector<ResponseCommand> &policy_commands);

[[nodiscard]] std::expected<AuditConfig, std::string> parse_audit_config(std::string_view json_text,
                                                                         const std::filesystem::path &source);
// Reads config::Paths::audit_config_file(); defaults when it does not exist.
[[nodiscard]] std::expected<AuditConfig, std::string> load_audit_config(const config::Paths &paths);

} // namespace handleguard::audit
