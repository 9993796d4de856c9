// doctor: is the host registered with every browser found, safely, and does it answer?
#include <map>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "install/doctor_checks.hpp"
#include "install/host_probe.hpp"
#include "install/registration_apply.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::install::detail {

namespace {
std::vector<std::string> linux_program_names(Browser browser) {
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

std::string macos_app_name(Browser browser) {
  switch (browser) {
  case Browser::chrome: return "Google Chrome.app";
  case Browser::chromium: return "Chromium.app";
  case Browser::edge: return "Microsoft Edge.app";
  case Browser::brave: return "Brave Browser.app";
  case Browser::vivaldi: return "Vivaldi.app";
  case Browser::firefox: return "Firefox.app";
  }
  return {};
}

// Linux: a program of the browser's name on PATH; macOS: its app in /Applications or ~/Applications.
bool browser_found(const DoctorInput &input, Browser browser) {
  if (input.os == TargetOs::macos) {
    return present(under_root(input.root, "/Applications/" + macos_app_name(browser))) ||
           present(std::filesystem::path(input.home) / "Applications" / macos_app_name(browser));
  }
  for (const auto &folder : input.search_path) {
    for (const auto &name : linux_program_names(browser)) {
      if (::access((std::filesystem::path(folder) / name).c_str(), X_OK) == 0) return true;
    }
  }
  return false;
}

std::string install_fix(Browser browser, Scope scope) {
  return "handleguard install --browser " + std::string(to_string(browser)) +
         (scope == Scope::system ? " --system (as root)" : "");
}

// The arguments the browser passes: Chromium the extension's origin, Firefox the manifest's
// path and the add-on id.
std::vector<std::string> caller_arguments(Browser browser, const std::filesystem::path &manifest) {
  if (is_chromium_family(browser)) return {"chrome-extension://" + std::string(pinned_extension_id) + "/"};
  return {manifest.string(), std::string(firefox_addon_id)};
}

class ManifestChecker {
public:
  ManifestChecker(const DoctorInput &input, const config::InstallConfig &allowed, Lines &lines)
      : input_(input), allowed_(allowed), lines_(lines) {}

  void check(const Registration &plan, const std::filesystem::path &file) {
    const std::string subject = std::string(to_string(plan.browser)) + " (" + std::string(to_string(plan.scope)) + ")";
    const std::string fix = install_fix(plan.browser, plan.scope);
    auto fail = [&](std::string message, std::string how) {
      lines_.push_back({Finding::failure, subject, std::move(message), std::move(how)});
    };
    auto text = util::read_file(file, 1U << 20U);
    const auto document = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json(nullptr);
    if (!text || document.is_discarded() || !document.is_object()) {
      return fail(file.string() + " is not a readable JSON manifest", fix);
    }
    if (const auto reason = unsafe_path_reason(file); !reason.empty()) {
      fail("manifest unsafe: " + reason, "chmod go-w " + file.string());
    }
    const auto name = document.find("name");
    if (name == document.end() || *name != host_name) {
      return fail(file.string() + " does not name " + std::string(host_name), fix);
    }
    const bool chromium = is_chromium_family(plan.browser);
    const char *list_key = chromium ? "allowed_origins" : "allowed_extensions";
    const std::string wanted =
        chromium ? "chrome-extension://" + std::string(pinned_extension_id) + "/" : std::string(firefox_addon_id);
    const auto list = document.find(list_key);
    bool names_ours = false;
    if (list != document.end() && list->is_array()) {
      for (const auto &item : *list) {
        if (item.is_string() && (item == wanted || allowed_.allows_caller(item.get_ref<const std::string &>()))) names_ours = true;
      }
    }
    if (!names_ours) {
      fail(std::string(list_key) + " in " + file.string() + " does not name our extension (" + wanted + ")", fix);
    }
    const auto path = document.find("path");
    if (path == document.end() || !path->is_string() || !path->get_ref<const std::string &>().starts_with('/')) {
      return fail(file.string() + " has no absolute \"path\"", fix);
    }
    const std::filesystem::path host = under_root(input_.root, path->get<std::string>());
    if (::access(host.c_str(), X_OK) != 0) {
      return fail("host " + host.string() + " is missing or not executable", "reinstall handleguard, then " + fix);
    }
    if (const auto reason = unsafe_path_reason(host); !reason.empty()) {
      return fail("host unsafe: " + reason, "chmod go-w on it, or install to a folder only you or root can write");
    }
    if (!names_ours) return;
    if (input_.asked_by) {
      lines_.push_back({Finding::ok, subject, "manifest " + file.string() + " is in place", {}});
      return;
    }
    if (!input_.run_host) {
      lines_.push_back({Finding::ok, subject, "manifest " + file.string() + " is in place (host not started: --no-run)", {}});
      return;
    }
    const auto &answer = ask(host, caller_arguments(plan.browser, file));
    if (!answer.answered) {
      return fail("host " + host.string() + ", started as " + std::string(to_string(plan.browser)) + " starts it: " +
                      answer.problem + (answer.stderr_tail.empty() ? "" : " (its stderr: " + answer.stderr_tail + ")"),
                  "reinstall handleguard, then " + fix + "; if it names the caller, add the extension's id with --extension-id");
    }
    lines_.push_back({Finding::ok, subject, "manifest " + file.string() + " is in place; its host answers hello (" + summary(answer.hello) + ")", {}});
  }

private:
  // One start per host and caller: manifests of several browsers usually name the same binary.
  const HostAnswer &ask(const std::filesystem::path &host, const std::vector<std::string> &arguments) {
    std::string key = host.string();
    for (const auto &argument : arguments) key += '\n' + argument;
    auto found = answers_.find(key);
    if (found == answers_.end()) found = answers_.emplace(key, ask_host_hello(host, arguments, input_.host_limit)).first;
    return found->second;
  }

  static std::string summary(const nlohmann::json &hello) {
    std::string version = "?";
    if (const auto host = hello.find("host"); host != hello.end() && host->is_object()) {
      if (const auto v = host->find("version"); v != host->end() && v->is_string()) version = v->get<std::string>();
    }
    std::string policy = "no policy in force";
    if (const auto p = hello.find("policy"); p != hello.end() && p->is_object()) {
      if (const auto loaded = p->find("loaded"); loaded != p->end() && *loaded == true) {
        const auto serial = p->find("serial");
        policy = "policy serial " + (serial != p->end() ? serial->dump() : std::string("?")) + " in force";
      }
    }
    return "version " + version + ", " + policy;
  }

  const DoctorInput &input_;
  const config::InstallConfig &allowed_;
  Lines &lines_;
  std::map<std::string, HostAnswer> answers_;
};
} // namespace

void check_browsers(const DoctorInput &input, const config::InstallConfig &allowed, Lines &lines) {
  ManifestChecker checker(input, allowed, lines);
  if (input.asked_by) {
    const auto &caller = *input.asked_by;
    lines.push_back({Finding::ok, "host",
                     std::string("answering ") + (caller.firefox ? "Firefox add-on " : "Chromium extension ") + caller.extension_id +
                         " over the browser's pipe (version " + HANDLEGUARD_VERSION + ")",
                     {}});
  }
  for (Browser browser : all_browsers) {
    // From inside the host: only the family of the browser that started it.
    if (input.asked_by && input.asked_by->firefox == is_chromium_family(browser)) continue;
    PlanInput plan_input;
    plan_input.browser = browser;
    plan_input.os = input.os;
    // Any absolute path of that OS: only the locations matter here.
    plan_input.host_binary = input.os == TargetOs::windows ? "C:\\handleguard\\handleguard-host.exe" : "/usr/bin/handleguard-host";
    plan_input.home = input.home;
    plan_input.xdg_config_home = input.xdg_config_home;
    bool any_manifest = false;
    for (Scope scope : {Scope::user, Scope::system}) {
      plan_input.scope = scope;
      auto plan = plan_registration(plan_input);
      if (!plan) continue;
      std::filesystem::path file = scope == Scope::user ? std::filesystem::path(plan->manifest_path)
                                                        : under_root(input.root, plan->manifest_path);
      if (plan->registry) {
        // Windows: the registry key names the manifest, wherever it is.
        auto named = query_registry_default(*plan->registry);
        if (!named) {
          lines.push_back({Finding::failure, "registry", named.error(), "run doctor on Windows, or add --dry-run to see what it checks"});
          return;
        }
        if (named->empty()) continue;
        file = *named;
      }
      if (!present(file)) {
        any_manifest = any_manifest || plan->registry.has_value();
        if (plan->registry) lines.push_back({Finding::failure, std::string(to_string(browser)) + " (" + std::string(to_string(scope)) + ")",
                                            plan->registry->key + " names " + file.string() + ", which does not exist",
                                            install_fix(browser, scope)});
        continue;
      }
      any_manifest = true;
      checker.check(*plan, file);
    }
    if (!any_manifest && !input.asked_by && input.os != TargetOs::windows && browser_found(input, browser)) {
      lines.push_back({Finding::failure, std::string(to_string(browser)), "installed, but the host is not registered for it",
                       install_fix(browser, Scope::user)});
    }
  }
}

} // namespace handleguard::install::detail
