#include "config/paths.hpp"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace handleguard::config {

namespace {
std::filesystem::path env_path(const char *name) {
  const char *value = std::getenv(name);
  // Relative XDG values are invalid per the spec and must be ignored.
  if (value == nullptr || *value == '\0' || value[0] != '/') return {};
  return value;
}

std::filesystem::path home_dir() {
  if (auto home = env_path("HOME"); !home.empty()) return home;
  if (const passwd *entry = ::getpwuid(::getuid()); entry != nullptr && entry->pw_dir != nullptr) {
    return entry->pw_dir;
  }
  return "/";
}
} // namespace

Paths resolve_paths() {
  if (const char *root = std::getenv("HANDLEGUARD_HOME"); root != nullptr && *root != '\0') {
    const auto base = std::filesystem::absolute(root);
    return {base / "config", base / "state"};
  }
  auto config_home = env_path("XDG_CONFIG_HOME");
  if (config_home.empty()) config_home = home_dir() / ".config";
  auto state_home = env_path("XDG_STATE_HOME");
  if (state_home.empty()) state_home = home_dir() / ".local" / "state";
  return {config_home / "handleguard", state_home / "handleguard"};
}

} // namespace handleguard::config
