#include "install/host_registration.hpp"

#include <algorithm>
#include <sstream>

namespace handleguard::install {

namespace {
// Where one browser reads host manifests on one OS.
struct Location {
  std::string folder;
  std::string anchor;
  std::string shared_with;
};

std::string join(std::string base, std::string_view tail) {
  if (!base.empty() && base.back() != '/') base += '/';
  return base + std::string(tail);
}

Location linux_location(const PlanInput &in) {
  const std::string config_home = in.xdg_config_home.empty() ? join(in.home, ".config") : in.xdg_config_home;
  if (in.scope == Scope::user) {
    switch (in.browser) {
    case Browser::chrome: return {join(config_home, "google-chrome/NativeMessagingHosts"), config_home, {}};
    case Browser::chromium: return {join(config_home, "chromium/NativeMessagingHosts"), config_home, {}};
    case Browser::edge: return {join(config_home, "microsoft-edge/NativeMessagingHosts"), config_home, {}};
    case Browser::brave:
      return {join(config_home, "BraveSoftware/Brave-Browser/NativeMessagingHosts"), config_home, {}};
    case Browser::vivaldi: return {join(config_home, "vivaldi/NativeMessagingHosts"), config_home, {}};
    case Browser::firefox: return {join(in.home, ".mozilla/native-messaging-hosts"), in.home, {}};
    }
  }
  switch (in.browser) {
  case Browser::chrome: return {"/etc/opt/chrome/native-messaging-hosts", "/etc/opt", "brave"};
  case Browser::chromium: return {"/etc/chromium/native-messaging-hosts", "/etc", "vivaldi"};
  case Browser::edge: return {"/etc/opt/edge/native-messaging-hosts", "/etc/opt", {}};
  case Browser::brave: return {"/etc/opt/chrome/native-messaging-hosts", "/etc/opt", "chrome"};
  case Browser::vivaldi: return {"/etc/chromium/native-messaging-hosts", "/etc", "chromium"};
  case Browser::firefox: return {"/usr/lib/mozilla/native-messaging-hosts", "/usr/lib", {}};
  }
  return {};
}

Location macos_location(const PlanInput &in) {
  if (in.scope == Scope::user) {
    const std::string support = join(in.home, "Library/Application Support");
    switch (in.browser) {
    case Browser::chrome: return {join(support, "Google/Chrome/NativeMessagingHosts"), support, {}};
    case Browser::chromium: return {join(support, "Chromium/NativeMessagingHosts"), support, {}};
    case Browser::edge: return {join(support, "Microsoft Edge/NativeMessagingHosts"), support, {}};
    case Browser::brave: return {join(support, "BraveSoftware/Brave-Browser/NativeMessagingHosts"), support, {}};
    case Browser::vivaldi: return {join(support, "Vivaldi/NativeMessagingHosts"), support, {}};
    case Browser::firefox: return {join(support, "Mozilla/NativeMessagingHosts"), support, {}};
    }
  }
  switch (in.browser) {
  case Browser::chrome: return {"/Library/Google/Chrome/NativeMessagingHosts", "/Library", "brave"};
  case Browser::chromium:
    return {"/Library/Application Support/Chromium/NativeMessagingHosts", "/Library/Application Support", "vivaldi"};
  case Browser::edge: return {"/Library/Microsoft/Edge/NativeMessagingHosts", "/Library", {}};
  case Browser::brave: return {"/Library/Google/Chrome/NativeMessagingHosts", "/Library", "chrome"};
  case Browser::vivaldi:
    return {"/Library/Application Support/Chromium/NativeMessagingHosts", "/Library/Application Support", "chromium"};
  case Browser::firefox:
    return {"/Library/Application Support/Mozilla/NativeMessagingHosts", "/Library/Application Support", {}};
  }
  return {};
}

// The registry path below HKCU/HKLM; Brave and Vivaldi read Google Chrome's key.
std::string windows_vendor_key(Browser browser) {
  switch (browser) {
  case Browser::chrome:
  case Browser::brave:
  case Browser::vivaldi: return "SOFTWARE\\Google\\Chrome\\NativeMessagingHosts\\";
  case Browser::chromium: return "SOFTWARE\\Chromium\\NativeMessagingHosts\\";
  case Browser::edge: return "SOFTWARE\\Microsoft\\Edge\\NativeMessagingHosts\\";
  case Browser::firefox: return "SOFTWARE\\Mozilla\\NativeMessagingHosts\\";
  }
  return {};
}

std::string windows_shared_with(Browser browser) {
  switch (browser) {
  case Browser::chrome: return "brave, vivaldi";
  case Browser::brave: return "chrome, vivaldi";
  case Browser::vivaldi: return "chrome, brave";
  default: return {};
  }
}

nlohmann::json make_manifest(const PlanInput &in) {
  nlohmann::json manifest = {{"name", host_name},
                             {"description", "handleguard: checks every X post against the agency's policy"},
                             {"path", in.host_binary},
                             {"type", "stdio"}};
  if (is_chromium_family(in.browser)) {
    auto origins = nlohmann::json::array({"chrome-extension://" + std::string(pinned_extension_id) + "/"});
    for (const auto &id : in.extension_ids) {
      const std::string origin = "chrome-extension://" + id + "/";
      if (std::find(origins.begin(), origins.end(), origin) == origins.end()) origins.push_back(origin);
    }
    manifest["allowed_origins"] = origins;
  } else {
    manifest["allowed_extensions"] = nlohmann::json::array({firefox_addon_id});
  }
  return manifest;
}

bool is_absolute_for(TargetOs os, std::string_view path) {
  if (os == TargetOs::windows) {
    return (path.size() > 2 && path[1] == ':' && (path[2] == '\\' || path[2] == '/')) || path.starts_with("\\\\");
  }
  return path.starts_with('/');
}

std::string quote_argument(const std::string &argument) {
  if (argument.find_first_of(" \t\"") == std::string::npos) return argument;
  std::string quoted = "\"";
  for (char c : argument) quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
  return quoted + "\"";
}
} // namespace

std::optional<Browser> parse_browser(std::string_view name) {
  for (Browser browser : all_browsers) {
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

std::optional<TargetOs> parse_target_os(std::string_view name) {
  if (name == "linux") return TargetOs::linux_os;
  if (name == "macos") return TargetOs::macos;
  if (name == "windows") return TargetOs::windows;
  return std::nullopt;
}

std::string_view to_string(TargetOs os) {
  switch (os) {
  case TargetOs::linux_os: return "linux";
  case TargetOs::macos: return "macos";
  case TargetOs::windows: return "windows";
  }
  return "?";
}

std::string_view to_string(Scope scope) { return scope == Scope::user ? "user" : "system"; }

TargetOs running_os() {
#if defined(_WIN32)
  return TargetOs::windows;
#elif defined(__APPLE__)
  return TargetOs::macos;
#else
  return TargetOs::linux_os;
#endif
}

std::expected<Registration, std::string> plan_registration(const PlanInput &in) {
  if (!is_absolute_for(in.os, in.host_binary)) {
    return std::unexpected("the host path must be absolute on " + std::string(to_string(in.os)) + ": " + in.host_binary);
  }
  for (const auto &id : in.extension_ids) {
    if (!config::is_chromium_extension_id(id)) {
      return std::unexpected("not a Chromium extension id (32 letters a-p): \"" + id + "\"");
    }
  }
  if (in.user_data_dir) {
    if (!is_chromium_family(in.browser)) return std::unexpected(std::string("--user-data-dir applies to Chromium-family browsers only"));
    if (in.scope == Scope::system) return std::unexpected(std::string("--user-data-dir is a per-user registration; drop --system"));
    if (!is_absolute_for(in.os, *in.user_data_dir)) return std::unexpected("--user-data-dir must be absolute: " + *in.user_data_dir);
  }
  if (in.os != TargetOs::windows && in.scope == Scope::user && !in.home.starts_with('/')) {
    return std::unexpected(std::string("cannot tell the user's home folder (set HOME)"));
  }
  Registration plan{in.browser, in.scope, in.os, {}, {}, make_manifest(in), std::nullopt, {}};
  const std::string file_name = std::string(host_name) + ".json";
  if (in.user_data_dir) {
    // Chromium reads <user-data-dir>/NativeMessagingHosts for a profile started with --user-data-dir.
    const char separator = in.os == TargetOs::windows ? '\\' : '/';
    plan.anchor_dir = *in.user_data_dir;
    plan.manifest_path = *in.user_data_dir + separator + "NativeMessagingHosts" + separator + file_name;
    if (in.os != TargetOs::windows) return plan;
  }
  if (in.os == TargetOs::windows) {
    const std::string hive = in.scope == Scope::user ? "HKCU\\" : "HKLM\\";
    if (!in.user_data_dir) {
      const std::string root = in.scope == Scope::user ? in.local_app_data : in.program_files;
      plan.anchor_dir = root;
      plan.manifest_path = root + "\\handleguard\\NativeMessagingHosts\\" + std::string(to_string(in.browser)) + "\\" + file_name;
    }
    plan.registry = RegistryEntry{hive + windows_vendor_key(in.browser) + std::string(host_name), plan.manifest_path};
    plan.shared_with = windows_shared_with(in.browser);
    return plan;
  }
  const Location location = in.os == TargetOs::linux_os ? linux_location(in) : macos_location(in);
  plan.manifest_path = join(location.folder, file_name);
  plan.anchor_dir = location.anchor;
  plan.shared_with = location.shared_with;
  return plan;
}

std::string manifest_text(const Registration &registration) { return registration.manifest.dump(2) + "\n"; }

std::vector<std::string> registry_add_arguments(const RegistryEntry &entry) {
  return {"add", entry.key, "/ve", "/t", "REG_SZ", "/d", entry.value, "/f"};
}

std::vector<std::string> registry_delete_arguments(const RegistryEntry &entry) { return {"delete", entry.key, "/f"}; }

std::string describe_install(const Registration &registration) {
  std::ostringstream out;
  out << "# " << to_string(registration.browser) << ", " << to_string(registration.scope) << " scope, "
      << to_string(registration.os) << "\n";
  out << "write " << registration.manifest_path << " (mode 0644)\n";
  if (registration.registry) {
    out << "run reg.exe";
    for (const auto &argument : registry_add_arguments(*registration.registry)) out << ' ' << quote_argument(argument);
    out << "\n";
  }
  if (!registration.shared_with.empty()) out << "note: " << registration.shared_with << " read the same location\n";
  out << manifest_text(registration);
  return out.str();
}

std::string describe_uninstall(const Registration &registration) {
  std::ostringstream out;
  out << "# " << to_string(registration.browser) << ", " << to_string(registration.scope) << " scope, "
      << to_string(registration.os) << "\n";
  if (registration.registry) {
    out << "run reg.exe";
    for (const auto &argument : registry_delete_arguments(*registration.registry)) out << ' ' << quote_argument(argument);
    out << "\n";
  }
  out << "remove " << registration.manifest_path << " (when it is ours), then its emptied folders below "
      << registration.anchor_dir << "\n";
  if (!registration.shared_with.empty()) out << "note: " << registration.shared_with << " read the same location\n";
  return out.str();
}

} // namespace handleguard::install
