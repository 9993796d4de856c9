#include "install/doctor.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <sys/stat.h>

#include "config/install_config.hpp"
#include "install/doctor_checks.hpp"
#include "install/registration_apply.hpp"
#include "policy/policy_cache.hpp"

namespace handleguard::install {

namespace detail {
bool present(const std::filesystem::path &path) {
  std::error_code error;
  return std::filesystem::exists(std::filesystem::symlink_status(path, error));
}

std::string open_to_others(const std::filesystem::path &path, unsigned forbidden) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || (info.st_mode & forbidden) == 0U) return {};
  const bool writable = (info.st_mode & forbidden & (S_IWGRP | S_IWOTH)) != 0U;
  return path.string() + " is " + (writable ? "writable" : "readable") + " by other users";
}

namespace {
void check_managed(const DoctorInput &input, Lines &lines) {
  const auto &dir = input.paths.managed_config_dir;
  struct stat info {};
  if (dir.empty() || ::stat(dir.c_str(), &info) != 0) return;
  if (info.st_uid != 0 || (info.st_mode & (S_IWGRP | S_IWOTH)) != 0U) {
    lines.push_back({Finding::failure, "managed", dir.string() + " must be owned by root and writable by root only",
                     "sudo chown root: " + dir.string() + " && sudo chmod 0755 " + dir.string()});
    return;
  }
  lines.push_back({Finding::ok, "managed",
                   dir.string() + (input.paths.managed ? " holds the policy in force" : " holds no policy; user policies apply"), {}});
  if (!input.paths.managed) return;
  // Whether the cache matches the policy and this build only the host can tell (it is keyed to
  // the host's build id): here, that there is one a host would read.
  const policy::PolicyCache cache = policy::host_policy_cache(input.paths);
  const std::string file = cache.file().string();
  std::error_code missing;
  if (!std::filesystem::exists(cache.file(), missing)) {
    lines.push_back({Finding::warning, "managed", "the managed policy has no cache (" + file + "): every host start parses it",
                     "sudo handleguard-host --cache-managed-policy"});
  } else if (!cache.in_trusted_place()) {
    lines.push_back({Finding::warning, "managed", file + " is ignored: it must be owned by root and writable by root only",
                     "sudo handleguard-host --cache-managed-policy"});
  }
}
} // namespace
} // namespace detail

namespace {
// An absolute path from the environment variable `name`, or empty (a relative one is ignored).
std::string absolute_env(const char *name) {
  const char *value = std::getenv(name);
  return value != nullptr && *value == '/' ? std::string(value) : std::string();
}
} // namespace

DoctorInput doctor_input_from_environment(const config::Paths &paths) {
  DoctorInput input;
  input.paths = paths;
  input.home = absolute_env("HOME");
  input.xdg_config_home = absolute_env("XDG_CONFIG_HOME");
  const char *raw = std::getenv("PATH");
  std::istringstream list(raw != nullptr ? raw : "");
  for (std::string folder; std::getline(list, folder, ':');) {
    if (!folder.empty()) input.search_path.push_back(folder);
  }
  return input;
}

std::vector<CheckLine> run_doctor(const DoctorInput &input) {
  detail::Lines lines;
  auto allowed = config::read_install_config(input.paths.install_config_file());
  if (!allowed) {
    lines.push_back({Finding::failure, "install config", allowed.error() + ": the host refuses every caller",
                     "handleguard install --browser all"});
    allowed = config::default_install_config();
  }
  detail::check_browsers(input, *allowed, lines);
  detail::check_managed(input, lines);
  detail::check_trust_and_policy(input, lines);
  detail::check_keys(input, lines);
  detail::check_audit_store(input, lines);
  return lines;
}

std::string format_line(const CheckLine &line) {
  const char *tag = line.finding == Finding::ok ? "ok  " : line.finding == Finding::warning ? "warn" : "FAIL";
  std::string text = std::string(tag) + " " + line.subject + ": " + line.message;
  if (!line.fix.empty()) text += " -- fix: " + line.fix;
  return text;
}

bool any_failure(const std::vector<CheckLine> &lines) {
  return std::any_of(lines.begin(), lines.end(), [](const CheckLine &line) { return line.finding == Finding::failure; });
}

nlohmann::json doctor_json(const std::vector<CheckLine> &lines) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto &line : lines) {
    const char *status = line.finding == Finding::ok ? "ok" : line.finding == Finding::warning ? "warn" : "fail";
    checks.push_back({{"status", status}, {"subject", line.subject}, {"message", line.message}, {"fix", line.fix}});
  }
  return {{"ok", !any_failure(lines)}, {"checks", checks}};
}

std::vector<std::string> describe_doctor_plan(TargetOs os, const std::string &home) {
  std::vector<std::string> plan;
  for (Browser browser : all_browsers) {
    for (Scope scope : {Scope::user, Scope::system}) {
      PlanInput input;
      input.browser = browser;
      input.scope = scope;
      input.os = os;
      input.home = home;
      input.host_binary = os == TargetOs::windows ? "C:\\Program Files\\handleguard\\handleguard-host.exe" : "/usr/local/bin/handleguard-host";
      auto registration = plan_registration(input);
      if (!registration) continue;
      std::string line = std::string(to_string(browser)) + " (" + std::string(to_string(scope)) + "): ";
      if (registration->registry) {
        line += "reg.exe query " + registration->registry->key + " /ve, then check the manifest its default value names";
      } else {
        line += "check " + registration->manifest_path;
      }
      line += " (name, " + std::string(is_chromium_family(browser) ? "allowed_origins" : "allowed_extensions") +
              ", path executable and not writable by others, host answers hello)";
      plan.push_back(std::move(line));
    }
  }
  return plan;
}

} // namespace handleguard::install
