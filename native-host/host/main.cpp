// handleguard-host: the native messaging host the browser extension talks to.
// stdout carries only framed replies; every diagnostic goes to stderr.
//
//   handleguard-host [--audit=off] <caller arguments from the browser>
//   sudo handleguard-host --cache-managed-policy
//
// --audit=off is for benchmarks only (docs/performance.md); browsers never pass it.
// --cache-managed-policy writes the managed policy's cache (policy/policy_cache.hpp) for every
// user's host to start from; run it as root after the managed policy or its lexicons change.
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <poll.h>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "audit/host_audit.hpp"
#include "config/install_config.hpp"
#include "config/paths.hpp"
#include "install/caller_check.hpp"
#include "policy/policy_source.hpp"
#include "protocol/host_loop.hpp"
#include "protocol/termination.hpp"
#include "signing/policy_gate.hpp"
#include "util/message_excerpt.hpp"

namespace {
constexpr int exit_refused_caller = 77; // EX_NOPERM
constexpr int exit_usage = 64;          // EX_USAGE
constexpr int exit_failed = 1;

int cache_managed_policy() {
  const auto paths = handleguard::config::resolve_paths();
  if (!paths.managed) {
    std::cerr << "handleguard-host: no managed policy is in force (" << paths.managed_config_dir.string()
              << " holds none): only a managed policy has a cache written by root\n";
    return exit_failed;
  }
  if (::geteuid() != 0) {
    std::cerr << "handleguard-host: the managed policy's cache is written by root only: run it with sudo\n";
    return exit_refused_caller;
  }
  const auto load = [&] {
    return handleguard::policy::PolicySource(
        paths.policy_file(),
        std::make_shared<const handleguard::signing::PolicyGate>(handleguard::signing::load_trust(paths), paths.policy_serial_file()),
        handleguard::policy::host_policy_cache(paths));
  };
  const auto first = load();
  if (const auto status = first.status(); !status.loaded) {
    std::cerr << "handleguard-host: the managed policy was refused, nothing cached: " << status.error << "\n";
    return exit_failed;
  }
  const std::string cache = handleguard::policy::host_policy_cache(paths).file().string();
  // Loaded again, as a user's host will: from the cache, or the cache is not usable.
  if (!load().loaded_from_cache()) {
    std::cerr << "handleguard-host: could not write a usable cache at " << cache
              << " (its folder must be root's and writable by no one else)\n";
    return exit_failed;
  }
  std::cerr << "handleguard-host: " << cache << (first.loaded_from_cache() ? " was already up to date\n" : " written\n");
  return 0;
}

// True when standard input has data (or its end) ready, without waiting.
bool input_waiting(int fd) {
  pollfd input{fd, POLLIN, 0};
  return ::poll(&input, 1, 0) > 0;
}
} // namespace

int main(int argc, char **argv) {
  // Keep library output away from the channel: anything printing to std::cout would corrupt it.
  std::cout.rdbuf(std::cerr.rdbuf());
  // A browser that closes the port must not kill the host mid-write: write() reports EPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    std::vector<std::string_view> arguments(argv + 1, argv + argc);
    if (arguments.size() == 1 && arguments.front() == "--cache-managed-policy") return cache_managed_policy();
    bool audit_on = true;
    while (!arguments.empty() && arguments.front().starts_with("--")) {
      if (arguments.front() == "--audit=off") audit_on = false;
      else if (!arguments.front().starts_with("--parent-window=")) {
        std::cerr << "handleguard-host: unknown option " << handleguard::util::message_excerpt(arguments.front()) << "\n";
        return exit_usage;
      }
      arguments.erase(arguments.begin());
    }
    const auto caller = handleguard::install::caller_from_arguments(arguments);
    if (!caller) {
      std::cerr << "handleguard-host: refused: " << caller.error() << "\n";
      return exit_refused_caller;
    }
    const auto paths = handleguard::config::resolve_paths();
    // The pinned ids, plus those `handleguard install` recorded; an unreadable or invalid
    // install configuration refuses every caller rather than guess.
    const auto install_config = handleguard::config::read_install_config(paths.install_config_file());
    if (!install_config) {
      std::cerr << "handleguard-host: refused: " << install_config.error() << "\n";
      return exit_refused_caller;
    }
    auto allowed = handleguard::install::default_allowed_callers();
    allowed.chromium_extension_ids.insert(allowed.chromium_extension_ids.end(),
                                          install_config->chromium_extension_ids.begin(),
                                          install_config->chromium_extension_ids.end());
    allowed.firefox_extension_ids.insert(allowed.firefox_extension_ids.end(),
                                         install_config->firefox_extension_ids.begin(),
                                         install_config->firefox_extension_ids.end());
    if (const std::string refusal = handleguard::install::refuse_caller(*caller, allowed); !refusal.empty()) {
      std::cerr << "handleguard-host: refused: " << refusal << "\n";
      return exit_refused_caller;
    }
    // Before any thread starts (policy reload, heartbeat, forwarding), so they inherit the mask.
    handleguard::protocol::install_termination_handling();
    auto gate = std::make_shared<const handleguard::signing::PolicyGate>(handleguard::signing::load_trust(paths),
                                                                         paths.policy_serial_file());
    // The user's own cache for their policy; root's, beside it, for a managed one (policy_cache.hpp).
    handleguard::policy::PolicySource policy_source(paths.policy_file(), gate, handleguard::policy::host_policy_cache(paths));
    if (const auto status = policy_source.status(); !status.error.empty()) {
      std::cerr << "handleguard-host: warning: " << status.error << "\n";
    }
    std::optional<handleguard::audit::HostAudit> audit;
    handleguard::audit::NullEventSink no_audit;
    if (audit_on) {
      std::string audit_warnings;
      audit.emplace(paths, caller->extension_id, policy_source, audit_warnings);
      if (!audit_warnings.empty()) std::cerr << "handleguard-host: warning: " << audit_warnings;
    }
    // A browser's first message is often already waiting: host_start is then committed with
    // its verdict. Otherwise it is committed now, while nobody waits for the host.
    if (audit && !input_waiting(STDIN_FILENO)) {
      std::string start_warnings;
      audit->commit_start(start_warnings);
      if (!start_warnings.empty()) std::cerr << "handleguard-host: warning: " << start_warnings;
    }
    std::string diagnostics;
    const int status = handleguard::protocol::run_host_loop(STDIN_FILENO, STDOUT_FILENO, policy_source,
                                                            audit ? audit->events() : no_audit, diagnostics, &*caller);
    if (audit) audit->stopped(status);
    if (!diagnostics.empty()) {
      std::cerr << "handleguard-host: " << diagnostics << " (caller " << caller->extension_id << ")\n";
    }
    return status;
  } catch (const std::exception &error) {
    std::cerr << "handleguard-host: error: " << error.what() << "\n";
    return 70; // EX_SOFTWARE
  }
}
