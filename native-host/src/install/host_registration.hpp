#pragma once
// Registers the native messaging host with a browser: where the host manifest goes and what
// it says, for every supported browser, user or system scope, on Linux, macOS and Windows.
// Planning is pure (any OS can print any OS's plan); applying happens in registration_apply.
// The folders and keys come from each browser's documentation: see docs/install.md.
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/install_config.hpp"

namespace handleguard::install {

inline constexpr std::string_view host_name = "org.handleguard.host";
inline constexpr std::string_view firefox_addon_id = config::firefox_addon_id;
inline constexpr std::string_view pinned_extension_id = config::pinned_extension_id;

enum class Browser { chrome, chromium, edge, brave, vivaldi, firefox };
enum class Scope { user, system };
enum class TargetOs { linux_os, macos, windows };

inline constexpr Browser all_browsers[] = {Browser::chrome, Browser::chromium, Browser::edge,
                                           Browser::brave,  Browser::vivaldi,  Browser::firefox};

[[nodiscard]] std::optional<Browser> parse_browser(std::string_view name);
[[nodiscard]] std::string_view to_string(Browser browser);
[[nodiscard]] bool is_chromium_family(Browser browser);
[[nodiscard]] std::optional<TargetOs> parse_target_os(std::string_view name);
[[nodiscard]] std::string_view to_string(TargetOs os);
[[nodiscard]] std::string_view to_string(Scope scope);
[[nodiscard]] TargetOs running_os();

struct PlanInput {
  Browser browser = Browser::chromium;
  Scope scope = Scope::user;
  TargetOs os = TargetOs::linux_os;
  std::string host_binary;                  // absolute path on the target OS
  std::optional<std::string> user_data_dir; // Chromium family, user scope: that profile folder only
  std::vector<std::string> extension_ids;   // store ids allowed besides the pinned unpacked id
  std::string home;                         // the user's home (Linux, macOS)
  std::string xdg_config_home;              // Linux; empty = <home>/.config
  std::string local_app_data = "%LOCALAPPDATA%"; // Windows, user scope
  std::string program_files = "%ProgramFiles%";  // Windows, system scope
};

// A Windows registry key whose default value is the manifest's path.
struct RegistryEntry {
  std::string key; // e.g. HKCU\SOFTWARE\Google\Chrome\NativeMessagingHosts\org.handleguard.host
  std::string value;
};

struct Registration {
  Browser browser = Browser::chromium;
  Scope scope = Scope::user;
  TargetOs os = TargetOs::linux_os;
  std::string manifest_path;
  // The deepest folder assumed to exist already; uninstall removes the emptied folders below it.
  std::string anchor_dir;
  nlohmann::json manifest;
  std::optional<RegistryEntry> registry; // Windows only
  std::string shared_with;               // another browser reading the same location, if any
};

[[nodiscard]] std::expected<Registration, std::string> plan_registration(const PlanInput &input);

// The manifest's bytes as written (pretty JSON, trailing newline).
[[nodiscard]] std::string manifest_text(const Registration &registration);

// reg.exe argument vectors (without the program) to add and to delete the registry entry.
[[nodiscard]] std::vector<std::string> registry_add_arguments(const RegistryEntry &entry);
[[nodiscard]] std::vector<std::string> registry_delete_arguments(const RegistryEntry &entry);

// Human-readable plan for --dry-run: paths, keys, commands and the file contents.
[[nodiscard]] std::string describe_install(const Registration &registration);
[[nodiscard]] std::string describe_uninstall(const Registration &registration);

} // namespace handleguard::install
