// `handleguard install`: registers the host with a browser.
#include <iostream>
#include <unistd.h>

#include "cli_support.hpp"
#include "install/host_registration.hpp"

namespace handleguard::cli {

namespace {
std::filesystem::path host_beside_cli() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw CliError(exit_code::software, "cannot find this program's own path: " + error.message());
  return self.parent_path() / "handleguard-host";
}
} // namespace

void register_install_command(CLI::App &app, Context & /*context*/) {
  struct Options {
    std::string browser, user_data_dir, host_path;
    std::vector<std::string> extension_ids;
  };
  auto options = std::make_shared<Options>();
  auto *install = app.add_subcommand("install", "Register the native messaging host with a browser");
  install->add_option("--browser", options->browser, "chrome, chromium, edge, brave, vivaldi or firefox")
      ->required()
      ->check(CLI::IsMember({"chrome", "chromium", "edge", "brave", "vivaldi", "firefox"}));
  install->add_option("--user-data-dir", options->user_data_dir, "Register for this browser profile folder only");
  install->add_option("--host-path", options->host_path, "The host binary (default: handleguard-host beside this program)");
  install->add_option("--extension-id", options->extension_ids, "Extra allowed extension ids (e.g. a store build)");
  install->callback([options] {
    const auto browser = install::parse_browser(options->browser).value();
    const std::filesystem::path host = options->host_path.empty() ? host_beside_cli() : std::filesystem::absolute(options->host_path);
    if (::access(host.c_str(), X_OK) != 0) {
      throw CliError(exit_code::no_input, host.string() + ": the host binary is missing or not executable",
                     "build it (cmake --build build) or pass --host-path");
    }
    std::optional<std::filesystem::path> user_data_dir;
    if (!options->user_data_dir.empty()) user_data_dir = std::filesystem::absolute(options->user_data_dir);
    auto plan = install::plan_user_registration(browser, host, user_data_dir, options->extension_ids);
    if (!plan) throw CliError(exit_code::usage, plan.error());
    if (auto written = install::write_registration(*plan); !written) throw CliError(exit_code::cant_create, written.error());
    std::cout << "registered " << install::host_name << " for " << options->browser << ": " << plan->manifest_path.string()
              << "\n";
  });
}

} // namespace handleguard::cli
