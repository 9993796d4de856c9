#include "audit/audit_config.hpp"

#include <nlohmann/json.hpp>

#include "policy/json_positions.hpp"
#include "util/absent_file.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::audit {

using nlohmann::json;

namespace {
std::expected<std::vector<std::string>, SettingError> string_list(const json &value, const std::string &pointer) {
  if (!value.is_array() || value.empty()) return std::unexpected(SettingError{pointer, "must be a non-empty array of strings"});
  std::vector<std::string> out;
  for (const auto &item : value) {
    if (!item.is_string() || item.get_ref<const std::string &>().empty()) {
      return std::unexpected(SettingError{pointer, "must hold non-empty strings"});
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::expected<ResponseCommand, SettingError> parse_command(const json &entry, const std::string &pointer) {
  if (!entry.is_object()) return std::unexpected(SettingError{pointer, "must be an object"});
  ResponseCommand command;
  for (const auto &[field, item] : entry.items()) {
    if (field == "on" || field == "argv") {
      auto list = string_list(item, pointer + "/" + field);
      if (!list) return std::unexpected(list.error());
      (field == "on" ? command.on : command.argv) = std::move(*list);
    } else if (field == "timeout_seconds") {
      if (!item.is_number() || item.get<double>() <= 0 || item.get<double>() > 3600) {
        return std::unexpected(SettingError{pointer + "/timeout_seconds", "must be between 0 and 3600"});
      }
      command.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(item.get<double>() * 1000));
    } else {
      return std::unexpected(SettingError{pointer + "/" + field, "unknown field"});
    }
  }
  if (command.on.empty() || command.argv.empty()) return std::unexpected(SettingError{pointer, "needs \"on\" and \"argv\""});
  if (!std::filesystem::path(command.argv.front()).is_absolute()) {
    return std::unexpected(SettingError{pointer + "/argv/0", "must be an absolute path (no PATH lookup)"});
  }
  return command;
}
} // namespace

std::expected<SyslogTarget, SettingError> parse_syslog_target(const json &value, const std::string &pointer) {
  if (!value.is_object()) return std::unexpected(SettingError{pointer, "must be an object"});
  SyslogTarget target;
  for (const auto &[key, item] : value.items()) {
    const std::string at = pointer + "/" + key;
    if (key == "transport") {
      const std::string name = item.is_string() ? item.get<std::string>() : "";
      if (name == "unix") target.transport = SyslogTransport::unix_socket;
      else if (name == "udp") target.transport = SyslogTransport::udp;
      else if (name == "tcp") target.transport = SyslogTransport::tcp;
      else return std::unexpected(SettingError{at, "must be \"unix\", \"udp\" or \"tcp\""});
    } else if (key == "address") {
      if (!item.is_string() || item.get_ref<const std::string &>().empty()) {
        return std::unexpected(SettingError{at, "must be a socket path or host:port"});
      }
      target.address = item.get<std::string>();
    } else if (key == "facility") {
      if (!item.is_number_integer() || item.get<int>() < 0 || item.get<int>() > 23) return std::unexpected(SettingError{at, "must be 0-23"});
      target.facility = item.get<int>();
    } else if (key == "app_name") {
      if (!item.is_string() || item.get_ref<const std::string &>().empty() || item.get_ref<const std::string &>().size() > 48) {
        return std::unexpected(SettingError{at, "must be 1-48 characters"});
      }
      target.app_name = item.get<std::string>();
    } else {
      return std::unexpected(SettingError{at, "unknown field"});
    }
  }
  if (target.address.empty()) {
    if (target.transport != SyslogTransport::unix_socket) return std::unexpected(SettingError{pointer + "/address", "is required for udp and tcp"});
    target.address = "/dev/log";
  }
  if (target.transport != SyslogTransport::unix_socket && target.address.rfind(':') == std::string::npos) {
    return std::unexpected(SettingError{pointer + "/address", "must be host:port"});
  }
  return target;
}

std::expected<std::vector<ResponseCommand>, SettingError> parse_response_commands(const json &value, const std::string &pointer) {
  if (!value.is_array()) return std::unexpected(SettingError{pointer, "must be an array"});
  std::vector<ResponseCommand> commands;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto command = parse_command(value.at(i), pointer + "/" + std::to_string(i));
    if (!command) return std::unexpected(command.error());
    commands.push_back(std::move(*command));
  }
  return commands;
}

AuditConfig with_policy_settings(AuditConfig install, const std::optional<SyslogTarget> &policy_syslog,
                                 const std::vector<ResponseCommand> &policy_commands) {
  if (policy_syslog) install.syslog = policy_syslog;
  install.commands.insert(install.commands.end(), policy_commands.begin(), policy_commands.end());
  return install;
}

std::expected<AuditConfig, std::string> parse_audit_config(std::string_view json_text, const std::filesystem::path &source) {
  const std::string where = source.string() + ": ";
  const json document = json::parse(json_text, nullptr, false);
  if (!document.is_object()) return std::unexpected(where + "not a JSON object");
  if (auto problem = policy::repeated_key_problem(json_text)) return std::unexpected(where + *problem);
  const auto failed = [&where](const SettingError &error) { return std::unexpected(where + error.pointer + " " + error.message); };
  AuditConfig config;
  for (const auto &[key, value] : document.items()) {
    if (key == "heartbeat_seconds") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1 || value.get<std::int64_t>() > 86400) {
        return std::unexpected(where + "/heartbeat_seconds must be 1-86400");
      }
      config.heartbeat = std::chrono::seconds(value.get<std::int64_t>());
    } else if (key == "syslog") {
      auto target = parse_syslog_target(value, "/syslog");
      if (!target) return failed(target.error());
      config.syslog = *target;
    } else if (key == "commands") {
      auto commands = parse_response_commands(value, "/commands");
      if (!commands) return failed(commands.error());
      config.commands = std::move(*commands);
    } else {
      return std::unexpected(where + "unknown field \"" + key + "\"");
    }
  }
  return config;
}

std::expected<AuditConfig, std::string> load_audit_config(const config::Paths &paths) {
  const std::filesystem::path source = paths.audit_config_file(); // the managed copy when in force
  if (util::is_absent(source)) return AuditConfig{};
  auto text = util::read_file(source, 1U << 20U);
  if (!text) return std::unexpected(text.error());
  return parse_audit_config(*text, source);
}

} // namespace handleguard::audit
