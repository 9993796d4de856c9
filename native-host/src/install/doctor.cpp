#include "install/doctor.hpp"

#include <chrono>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <nlohmann/json.hpp>

#include "config/install_config.hpp"
#include "install/host_registration.hpp"
#include "install/registration_apply.hpp"
#include "policy/parse.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::install {

namespace {
std::vector<std::string> program_names(Browser browser) {
  switch (browser) {
  case Browser::chrome: return {"google-chrome", "google-chrome-stable"};
  case Browser::chromium: return {"chromium", "chromium-browser"};
  case Browser::edge: return {"microsoft-edge", "microsoft-edge-stable"};
  case Browser::brave: return {"brave-browser", "brave"};
  case Browser::vivaldi: return {"vivaldi", "vivaldi-stable"};
  case Browser::firefox: return {"firefox", "firefox-esr"};
  }
  return {};
}

bool program_found(Browser browser, const std::vector<std::string> &search_path) {
  for (const auto &folder : search_path) {
    for (const auto &name : program_names(browser)) {
      const auto candidate = std::filesystem::path(folder) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return true;
    }
  }
  return false;
}

bool present(const std::filesystem::path &path) {
  std::error_code error;
  return std::filesystem::exists(std::filesystem::symlink_status(path, error));
}

std::string install_fix(Browser browser, Scope scope) {
  return "handleguard install --browser " + std::string(to_string(browser)) +
         (scope == Scope::system ? " --system (as root)" : "");
}

bool host_answers(const std::filesystem::path &host) {
  namespace bp = boost::process;
  std::error_code error;
  bp::child child(host.string(), "chrome-extension://" + std::string(pinned_extension_id) + "/",
                  bp::std_in < bp::null, bp::std_out > bp::null, bp::std_err > bp::null, error);
  if (error) return false;
  if (!child.wait_for(std::chrono::seconds(5))) {
    child.terminate(error);
    return false;
  }
  return child.exit_code() == 0;
}

// Checks one manifest; appends its lines.
void check_manifest(const DoctorInput &input, const Registration &plan, const std::filesystem::path &file,
                    const config::InstallConfig &allowed, std::vector<CheckLine> &lines) {
  const std::string subject = std::string(to_string(plan.browser)) + " (" + std::string(to_string(plan.scope)) + ")";
  const std::string fix = install_fix(plan.browser, plan.scope);
  auto text = util::read_file(file, 1U << 20U);
  const auto document = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json(nullptr);
  if (!text || document.is_discarded() || !document.is_object()) {
    lines.push_back({Finding::failure, subject, file.string() + " is not a readable JSON manifest", fix});
    return;
  }
  if (const auto reason = unsafe_path_reason(file); !reason.empty()) {
    lines.push_back({Finding::failure, subject, "manifest unsafe: " + reason, "chmod go-w " + file.string()});
  }
  const auto name = document.find("name");
  if (name == document.end() || *name != host_name) {
    lines.push_back({Finding::failure, subject, file.string() + " does not name " + std::string(host_name), fix});
    return;
  }
  const char *list_key = is_chromium_family(plan.browser) ? "allowed_origins" : "allowed_extensions";
  const std::string wanted = is_chromium_family(plan.browser)
                                 ? "chrome-extension://" + std::string(pinned_extension_id) + "/"
                                 : std::string(firefox_addon_id);
  const auto list = document.find(list_key);
  bool names_ours = false;
  if (list != document.end() && list->is_array()) {
    for (const auto &item : *list) {
      if (!item.is_string()) continue;
      const auto &value = item.get_ref<const std::string &>();
      if (value == wanted || allowed.allows_caller(value)) names_ours = true;
    }
  }
  if (!names_ours) {
    lines.push_back({Finding::failure, subject, std::string(list_key) + " in " + file.string() + " does not name our extension (" + wanted + ")", fix});
  }
  const auto path = document.find("path");
  if (path == document.end() || !path->is_string() || !path->get_ref<const std::string &>().starts_with('/')) {
    lines.push_back({Finding::failure, subject, file.string() + " has no absolute \"path\"", fix});
    return;
  }
  const std::filesystem::path host = under_root(input.root, path->get<std::string>());
  if (::access(host.c_str(), X_OK) != 0) {
    lines.push_back({Finding::failure, subject, "host " + host.string() + " is missing or not executable",
                     "reinstall handleguard, then " + fix});
    return;
  }
  if (const auto reason = unsafe_path_reason(host); !reason.empty()) {
    lines.push_back({Finding::failure, subject, "host unsafe: " + reason, "chmod go-w on it, or install to a folder only you or root can write"});
    return;
  }
  if (input.run_host && !host_answers(host)) {
    lines.push_back({Finding::failure, subject, "host " + host.string() + " does not run (see its stderr)", "reinstall handleguard, then " + fix});
    return;
  }
  if (names_ours) lines.push_back({Finding::ok, subject, "manifest " + file.string() + " is in place and its host runs", {}});
}

void check_browsers(const DoctorInput &input, const config::InstallConfig &allowed, std::vector<CheckLine> &lines) {
  for (Browser browser : all_browsers) {
    PlanInput plan_input;
    plan_input.browser = browser;
    plan_input.host_binary = "/usr/bin/handleguard-host"; // any absolute path: only locations matter here
    plan_input.home = input.home;
    plan_input.xdg_config_home = input.xdg_config_home;
    bool any_manifest = false;
    for (Scope scope : {Scope::user, Scope::system}) {
      plan_input.scope = scope;
      auto plan = plan_registration(plan_input);
      if (!plan) continue;
      const auto file = scope == Scope::user ? std::filesystem::path(plan->manifest_path)
                                             : under_root(input.root, plan->manifest_path);
      if (!present(file)) continue;
      any_manifest = true;
      check_manifest(input, *plan, file, allowed, lines);
    }
    if (!any_manifest && program_found(browser, input.search_path)) {
      lines.push_back({Finding::failure, std::string(to_string(browser)), "installed, but the host is not registered for it",
                       install_fix(browser, Scope::user)});
    }
  }
}

void check_policy(const DoctorInput &input, std::vector<CheckLine> &lines) {
  const auto &paths = input.paths;
  const auto file = paths.policy_file();
  if (!present(file)) {
    lines.push_back({Finding::failure, "policy", "no policy at " + file.string() + ": every post is held",
                     paths.managed ? "ask your admin to install " + file.string() : "handleguard policy init"});
    return;
  }
  auto loaded = policy::load_policy_file(file);
  if (!loaded) {
    lines.push_back({Finding::failure, "policy", "invalid: " + loaded.error(), "fix it, then handleguard policy validate"});
    return;
  }
  struct stat info {};
  if (::stat(file.c_str(), &info) == 0) {
    if (paths.managed && (info.st_mode & (S_IWGRP | S_IWOTH)) != 0U) {
      lines.push_back({Finding::failure, "policy", file.string() + " is writable by other users", "sudo chmod 0644 " + file.string()});
    } else if (!paths.managed && (info.st_mode & 077U) != 0U) {
      lines.push_back({Finding::failure, "policy", file.string() + " is readable or writable by other users", "chmod 0600 " + file.string()});
    }
  }
  lines.push_back({Finding::ok, "policy", file.string() + " is valid" + (paths.managed ? " (managed)" : ""), {}});
  if (!present(file.string() + ".minisig")) {
    lines.push_back({Finding::warning, "policy", "unsigned; signing not required by this build's trust settings", {}});
  }
}

void check_folder(const std::string &subject, const std::filesystem::path &folder, std::vector<CheckLine> &lines) {
  struct stat info {};
  if (::stat(folder.c_str(), &info) != 0) {
    lines.push_back({Finding::ok, subject, folder.string() + " will be created on first use", {}});
    return;
  }
  if (!S_ISDIR(info.st_mode) || ::access(folder.c_str(), R_OK | W_OK | X_OK) != 0) {
    lines.push_back({Finding::failure, subject, folder.string() + " is not a folder this user can write", "fix its owner: chown -R $USER " + folder.string()});
    return;
  }
  if ((info.st_mode & 077U) != 0U) {
    lines.push_back({Finding::failure, subject, folder.string() + " is open to other users", "chmod 0700 " + folder.string()});
    return;
  }
  lines.push_back({Finding::ok, subject, folder.string() + " is private and writable", {}});
}

void check_managed(const DoctorInput &input, std::vector<CheckLine> &lines) {
  const auto &dir = input.paths.managed_config_dir;
  struct stat info {};
  if (dir.empty() || ::stat(dir.c_str(), &info) != 0) return;
  if (info.st_uid != 0 || (info.st_mode & (S_IWGRP | S_IWOTH)) != 0U) {
    lines.push_back({Finding::failure, "managed", dir.string() + " must be owned by root and writable by root only",
                     "sudo chown root: " + dir.string() + " && sudo chmod 0755 " + dir.string()});
    return;
  }
  lines.push_back({Finding::ok, "managed", dir.string() + (input.paths.managed ? " holds the policy in force" : " holds no policy; user policies apply"), {}});
}
} // namespace

std::vector<CheckLine> run_doctor(const DoctorInput &input) {
  std::vector<CheckLine> lines;
  auto allowed = config::read_install_config(input.paths.install_config_file());
  if (!allowed) {
    lines.push_back({Finding::failure, "install config", allowed.error() + ": the host refuses every caller", "handleguard install --browser all"});
    allowed = config::default_install_config();
  }
  check_browsers(input, *allowed, lines);
  check_managed(input, lines);
  check_policy(input, lines);
  check_folder("keys", input.paths.keys_dir(), lines);
  check_folder("audit store", input.paths.state_dir, lines);
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

} // namespace handleguard::install
