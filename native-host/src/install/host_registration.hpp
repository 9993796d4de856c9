#pragma once
// Registers the native messaging host with a browser: where the host manifest goes and what
// it says. See docs/install.md for each browser's documented folders.
#include <expected>
#include <filesystem>
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

[[nodiscard]] std::optional<Browser> parse_browser(std::string_view name);
[[nodiscard]] std::string_view to_string(Browser browser);
[[nodiscard]] bool is_chromium_family(Browser browser);

struct Registration {
  std::filesystem::path manifest_path;
  nlohmann::json manifest;
};

// Plans the user-level registration of `host_binary` for `browser` on Linux; with
// `user_data_dir`, the manifest goes into `<dir>/NativeMessagingHosts/` (Chromium family).
[[nodiscard]] std::expected<Registration, std::string>
plan_user_registration(Browser browser, const std::filesystem::path &host_binary,
                       const std::optional<std::filesystem::path> &user_data_dir,
                       const std::vector<std::string> &extra_extension_ids);

[[nodiscard]] std::expected<void, std::string> write_registration(const Registration &registration);

} // namespace handleguard::install
