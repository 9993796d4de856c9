#include "install/host_registration.hpp"

#include <cstdlib>

#include "util/atomic_file.hpp"

namespace handleguard::install {

namespace {
std::filesystem::path home() {
  const char *value = std::getenv("HOME");
  return value != nullptr && *value == '/' ? std::filesystem::path(value) : std::filesystem::path("/");
}

std::filesystem::path config_home() {
  const char *value = std::getenv("XDG_CONFIG_HOME");
  return value != nullptr && *value == '/' ? std::filesystem::path(value) : home() / ".config";
}

std::filesystem::path user_profile_root(Browser browser) {
  switch (browser) {
  case Browser::chrome: return config_home() / "google-chrome";
  case Browser::chromium: return config_home() / "chromium";
  case Browser::edge: return config_home() / "microsoft-edge";
  case Browser::brave: return config_home() / "BraveSoftware" / "Brave-Browser";
  case Browser::vivaldi: return config_home() / "vivaldi";
  case Browser::firefox: return home() / ".mozilla";
  }
  return {};
}
} // namespace

std::optional<Browser> parse_browser(std::string_view name) {
  for (Browser browser : {Browser::chrome, Browser::chromium, Browser::edge, Browser::brave, Browser::vivaldi, Browser::firefox}) {
    if (to_string(browser) == name) return browser;
  }
  return std::nullopt;
}

std::string_view to_string(Browser browser) {
  switch (browser) {
  case Browser::chrome: return "chrome";
  case Browser::chromium: return "chromium";
  case Browser::edge: return "edge";
  case Browser::brave: return "brave";
  case Browser::vivaldi: return "vivaldi";
  case Browser::firefox: return "firefox";
  }
  return "?";
}

bool is_chromium_family(Browser browser) { return browser != Browser::firefox; }

std::expected<Registration, std::string>
plan_user_registration(Browser browser, const std::filesystem::path &host_binary,
                       const std::optional<std::filesystem::path> &user_data_dir,
                       const std::vector<std::string> &extra_extension_ids) {
  if (!host_binary.is_absolute()) return std::unexpected("the host path must be absolute: " + host_binary.string());
  nlohmann::json manifest = {{"name", host_name},
                             {"description", "handleguard: checks every X post against the agency's policy"},
                             {"path", host_binary.string()},
                             {"type", "stdio"}};
  std::filesystem::path folder;
  if (is_chromium_family(browser)) {
    nlohmann::json origins = nlohmann::json::array({"chrome-extension://" + std::string(pinned_extension_id) + "/"});
    for (const auto &id : extra_extension_ids) origins.push_back("chrome-extension://" + id + "/");
    manifest["allowed_origins"] = origins;
    folder = (user_data_dir ? *user_data_dir : user_profile_root(browser)) / "NativeMessagingHosts";
  } else {
    if (user_data_dir) return std::unexpected("--user-data-dir applies to Chromium-family browsers only");
    manifest["allowed_extensions"] = nlohmann::json::array({firefox_addon_id});
    folder = user_profile_root(browser) / "native-messaging-hosts";
  }
  return Registration{folder / (std::string(host_name) + ".json"), std::move(manifest)};
}

std::expected<void, std::string> write_registration(const Registration &registration) {
  return util::write_file_atomically(registration.manifest_path, registration.manifest.dump(2) + "\n", 0644);
}

} // namespace handleguard::install
