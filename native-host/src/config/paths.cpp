#include "config/paths.hpp"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

#ifndef HANDLEGUARD_MANAGED_DIR
#define HANDLEGUARD_MANAGED_DIR "/etc/handleguard"
#endif

namespace handleguard::config {

namespace {
std::filesystem::path &managed_dir_override() {
  static std::filesystem::path dir;
  return dir;
}

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

bool exists_quietly(const std::filesystem::path &path) {
  std::error_code error;
  // An unreadable managed file still counts as present, and so does one in a folder that cannot
  // be looked into: neither may silently hand control back to the user's files.
  return std::filesystem::symlink_status(path, error).type() != std::filesystem::file_type::not_found;
}
} // namespace

std::filesystem::path managed_dir() {
  const auto &override_dir = managed_dir_override();
  return override_dir.empty() ? std::filesystem::path(HANDLEGUARD_MANAGED_DIR) : override_dir;
}

std::filesystem::path Paths::install_config_file() const {
  if (!managed_config_dir.empty() && exists_quietly(managed_config_dir / "install.json")) {
    return managed_config_dir / "install.json";
  }
  return user_install_config_file();
}

Paths resolve_paths() {
  Paths paths;
  if (const char *root = std::getenv("HANDLEGUARD_HOME"); root != nullptr && *root != '\0') {
    const auto base = std::filesystem::absolute(root);
    paths.config_dir = base / "config";
    paths.state_dir = base / "state";
  } else {
    auto config_home = env_path("XDG_CONFIG_HOME");
    if (config_home.empty()) config_home = home_dir() / ".config";
    auto state_home = env_path("XDG_STATE_HOME");
    if (state_home.empty()) state_home = home_dir() / ".local" / "state";
    paths.config_dir = config_home / "handleguard";
    paths.state_dir = state_home / "handleguard";
  }
  paths.managed_config_dir = managed_dir();
  paths.managed = exists_quietly(paths.managed_config_dir / "policy.json") ||
                  exists_quietly(paths.managed_config_dir / "trust.json");
  return paths;
}

namespace testing {
void override_managed_dir(const std::filesystem::path &dir) { managed_dir_override() = dir; }
} // namespace testing

} // namespace handleguard::config
