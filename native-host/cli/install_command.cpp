// `handleguard install|uninstall|doctor`: registers the host with browsers and checks the set-up.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "argument_checks.hpp"
#include "cli_support.hpp"
#include "config/install_config.hpp"
#include "install/doctor.hpp"
#include "install/host_registration.hpp"
#include "install/registration_apply.hpp"
#include "managed_cache_step.hpp"
#include "util/atomic_file.hpp"
#include "util/terminal_text.hpp"

namespace handleguard::cli {

namespace {
struct RegistrationOptions {
  std::string browser, user_data_dir, host_path, os, root;
  std::vector<std::string> extension_ids;
  bool user = false, system = false, dry_run = false;
};

std::string env_or(const char *name, std::string fallback) {
  const char *value = std::getenv(name);
  return value != nullptr && *value == '/' ? std::string(value) : fallback;
}

std::filesystem::path self_folder() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw CliError(exit_code::software, "cannot find this program's own path: " + error.message());
  return self.parent_path();
}

std::string default_host_path(install::TargetOs os) {
  if (os == install::running_os()) return (self_folder() / "handleguard-host").string();
  if (os == install::TargetOs::windows) return "C:\\Program Files\\handleguard\\handleguard-host.exe";
  return "/usr/local/bin/handleguard-host";
}

std::vector<install::Browser> chosen_browsers(const std::string &name) {
  if (name == "all") return {std::begin(install::all_browsers), std::end(install::all_browsers)};
  return {install::parse_browser(name).value()};
}

void add_common_options(CLI::App &command, RegistrationOptions &options) {
  command.add_option("--browser", options.browser, "chrome, chromium, edge, brave, vivaldi, firefox or all")
      ->required()
      ->check(CLI::IsMember({"chrome", "chromium", "edge", "brave", "vivaldi", "firefox", "all"}));
  auto *user = command.add_flag("--user", options.user, "For this user only (the default)");
  command.add_flag("--system", options.system, "For every user of this machine (needs root)")->excludes(user);
  command.add_option("--user-data-dir", options.user_data_dir, "Only this Chromium profile folder");
  command.add_option("--os", options.os, "Plan for linux, macos or windows (other than this OS: --dry-run only)")
      ->check(CLI::IsMember({"linux", "macos", "windows"}));
  command.add_flag("--dry-run", options.dry_run, "Print the plan (paths, keys, file contents); change nothing");
  command.add_option("--root", options.root, "Prefix every system folder with this one (packaging, tests)");
}

std::vector<install::Registration> plan_all(const RegistrationOptions &options) {
  const auto os = options.os.empty() ? install::running_os() : install::parse_target_os(options.os).value();
  install::PlanInput input;
  input.scope = options.system ? install::Scope::system : install::Scope::user;
  input.os = os;
  input.host_binary = options.host_path.empty() ? default_host_path(os) : options.host_path;
  if (os == install::running_os() && os != install::TargetOs::windows) {
    input.host_binary = std::filesystem::absolute(input.host_binary).lexically_normal().string();
  }
  if (!options.user_data_dir.empty()) {
    input.user_data_dir = os == install::running_os() ? std::filesystem::absolute(options.user_data_dir).string() : options.user_data_dir;
  }
  input.extension_ids = options.extension_ids;
  input.home = os == install::TargetOs::linux_os || os == install::running_os() ? env_or("HOME", "") : "/Users/$USER";
  if (input.home.empty()) input.home = "/Users/$USER";
  if (os == install::TargetOs::linux_os) input.xdg_config_home = env_or("XDG_CONFIG_HOME", "");
  std::vector<install::Registration> plans;
  for (auto browser : chosen_browsers(options.browser)) {
    if (input.user_data_dir && !install::is_chromium_family(browser) && options.browser == "all") continue;
    input.browser = browser;
    auto plan = install::plan_registration(input);
    if (!plan) throw CliError(exit_code::usage, plan.error());
    plans.push_back(std::move(*plan));
  }
  return plans;
}

// The install configuration this scope's host reads.
std::filesystem::path install_config_path(const Context &context, const RegistrationOptions &options) {
  if (options.system) return install::under_root(options.root, (context.paths.managed_config_dir / "install.json").string());
  return context.paths.user_install_config_file();
}

void check_host_binary(const RegistrationOptions &options, const install::Registration &plan) {
  const auto host = install::under_root(options.root, plan.manifest["path"].get<std::string>());
  if (::access(host.c_str(), X_OK) != 0) {
    throw CliError(exit_code::no_input, host.string() + ": the host binary is missing or not executable",
                   "build it (cmake --build build) or pass --host-path");
  }
  if (const auto reason = install::unsafe_path_reason(host); !reason.empty()) {
    throw CliError(exit_code::cant_create, "refusing to register " + host.string() + ": " + reason,
                   "install handleguard-host where only you (or root) can write, e.g. installer/install.sh --prefix ~/.local");
  }
}

void run_install(Context &context, const RegistrationOptions &options) {
  const auto plans = plan_all(options);
  if (options.dry_run) {
    for (const auto &plan : plans) std::cout << install::describe_install(plan) << "\n";
    return;
  }
  if (!plans.empty() && plans.front().os != install::running_os()) {
    throw CliError(exit_code::cant_create, "a plan for " + options.os + " can only be printed here", "add --dry-run");
  }
  if (!plans.empty()) check_host_binary(options, plans.front());
  const auto config_path = install_config_path(context, options);
  auto config = config::read_install_config(config_path);
  if (!config) throw CliError(exit_code::config, config.error(), "fix or remove it, then install again");
  const auto before = *config;
  if (auto added = config->add_chromium_ids(options.extension_ids); !added) throw CliError(exit_code::usage, added.error());
  std::error_code ignored;
  if (*config != before || !std::filesystem::exists(config_path, ignored)) {
    // Every user's host reads the system one: its folder must be readable by all.
    if (auto made = util::make_private_dirs(config_path.parent_path(), options.system ? 0755 : 0700); !made) {
      throw CliError(exit_code::cant_create, made.error());
    }
    if (auto written = config::write_install_config(config_path, *config); !written) throw CliError(exit_code::cant_create, written.error());
  }
  for (const auto &plan : plans) {
    auto applied = install::apply_registration(plan, options.root);
    if (!applied) throw CliError(exit_code::cant_create, applied.error());
    std::cout << (*applied ? "registered " : "already registered ") << install::host_name << " for "
              << install::to_string(plan.browser) << ": " << install::under_root(options.root, plan.manifest_path).string()
              << "\n";
  }
  // Not into another root: the host only knows this machine's managed folder.
  const bool this_machine = options.root.empty() || std::filesystem::path(options.root).lexically_normal() == "/";
  if (options.system && this_machine && !plans.empty()) {
    cache_managed_policy(context.paths, plans.front().manifest["path"].get<std::string>());
  }
}

void run_uninstall(Context &context, RegistrationOptions options) {
  const auto plans = plan_all(options);
  if (options.dry_run) {
    for (const auto &plan : plans) std::cout << install::describe_uninstall(plan) << "\n";
    return;
  }
  for (const auto &plan : plans) {
    auto removed = install::remove_registration(plan, options.root);
    if (!removed) throw CliError(exit_code::cant_create, removed.error());
    std::cout << (*removed ? "removed " : "nothing to remove at ")
              << install::under_root(options.root, plan.manifest_path).string() << "\n";
  }
  if (!options.user_data_dir.empty()) return;
  // The install configuration goes with the last registration of this scope.
  options.browser = "all";
  for (const auto &plan : plan_all(options)) {
    std::error_code error;
    if (std::filesystem::exists(install::under_root(options.root, plan.manifest_path), error)) return;
  }
  const auto config_path = install_config_path(context, options);
  std::error_code error;
  if (std::filesystem::remove(config_path, error)) {
    std::cout << "removed " << config_path.string() << "\n";
    // Folders install created for it go too when nothing else is in them (remove() leaves a
    // folder that holds anything, such as a policy).
    std::filesystem::remove(config_path.parent_path(), error);
  }
}

struct DoctorOptions {
  std::string root, os;
  double host_timeout_seconds = 10;
  bool no_run = false, json = false, dry_run = false;
};

void run_doctor_command(Context &context, const DoctorOptions &options) {
  const auto os = options.os.empty() ? install::running_os() : install::parse_target_os(options.os).value();
  if (options.dry_run) {
    for (const auto &line : install::describe_doctor_plan(os, env_or("HOME", "~"))) std::cout << line << "\n";
    return;
  }
  auto input = install::doctor_input_from_environment(context.paths);
  input.root = options.root;
  input.run_host = !options.no_run;
  input.os = os;
  input.host_limit = std::chrono::milliseconds(std::lround(options.host_timeout_seconds * 1000));
  const auto lines = install::run_doctor(input);
  if (options.json) {
    std::cout << util::terminal_json(install::doctor_json(lines).dump(2)) << "\n";
  } else {
    for (const auto &line : lines) std::cout << util::terminal_lines(install::format_line(line)) << "\n";
  }
  if (install::any_failure(lines)) context.exit_status = exit_code::warn;
}
} // namespace

void register_install_command(CLI::App &app, Context &context) {
  auto install_options = std::make_shared<RegistrationOptions>();
  auto *install = app.add_subcommand("install", "Register the native messaging host with browsers");
  add_common_options(*install, *install_options);
  install->add_option("--host-path", install_options->host_path, "The host binary (default: handleguard-host beside this program)");
  install->add_option("--extension-id", install_options->extension_ids, "Extra allowed extension ids (e.g. a store build)");
  install->callback([&context, install_options] { run_install(context, *install_options); });

  auto uninstall_options = std::make_shared<RegistrationOptions>();
  auto *uninstall = app.add_subcommand("uninstall", "Remove exactly what install wrote");
  add_common_options(*uninstall, *uninstall_options);
  uninstall->callback([&context, uninstall_options] { run_uninstall(context, *uninstall_options); });

  auto doctor_options = std::make_shared<DoctorOptions>();
  auto *doctor = app.add_subcommand(
      "doctor", "Check every browser's registration, the host, the policy (signature, expiry), keys and audit store; exit 0 ok, 1 broken");
  doctor->add_option("--root", doctor_options->root, "Look for system folders under this one (tests)");
  doctor->add_flag("--no-run", doctor_options->no_run, "Do not start the host to see it answer hello");
  doctor->add_option("--host-timeout", doctor_options->host_timeout_seconds, "Seconds the started host may take to answer hello (default 10)")
      ->check(seconds_between(0.1, 600.0));
  doctor->add_flag("--json", doctor_options->json, "Print the checks as one JSON object");
  doctor->add_option("--os", doctor_options->os, "Check another OS's browser locations: macos (files), windows (reg.exe query)")
      ->check(CLI::IsMember({"linux", "macos", "windows"}));
  doctor->add_flag("--dry-run", doctor_options->dry_run, "Print what doctor checks on --os; check nothing");
  doctor->callback([&context, doctor_options] { run_doctor_command(context, *doctor_options); });
}

} // namespace handleguard::cli
