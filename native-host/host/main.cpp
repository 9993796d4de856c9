// handleguard-host: the native messaging host the browser extension talks to.
// stdout carries only framed replies; every diagnostic goes to stderr.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <unistd.h>

#include "audit/host_audit.hpp"
#include "config/paths.hpp"
#include "policy/policy_source.hpp"
#include "protocol/host_loop.hpp"
#include "signing/policy_gate.hpp"

int main(int argc, char **argv) {
  // Keep library output away from the channel: anything printing to std::cout would corrupt it.
  std::cout.rdbuf(std::cerr.rdbuf());
  try {
    const std::string caller = argc > 1 ? argv[argc > 2 ? 2 : 1] : "";
    const auto paths = handleguard::config::resolve_paths();
    auto gate = std::make_shared<const handleguard::signing::PolicyGate>(handleguard::signing::load_trust(paths),
                                                                         paths.policy_serial_file());
    handleguard::policy::PolicySource policy_source(paths.policy_file(), gate);
    if (const auto status = policy_source.status(); !status.error.empty()) {
      std::cerr << "handleguard-host: warning: " << status.error << "\n";
    }
    std::string audit_warnings;
    handleguard::audit::HostAudit audit(paths, caller, audit_warnings);
    if (!audit_warnings.empty()) std::cerr << "handleguard-host: warning: " << audit_warnings;
    std::string diagnostics;
    const int status =
        handleguard::protocol::run_host_loop(STDIN_FILENO, STDOUT_FILENO, policy_source, audit.events(), diagnostics);
    audit.stopped(status);
    if (!diagnostics.empty()) std::cerr << "handleguard-host: " << diagnostics << " (caller " << caller << ")\n";
    return status;
  } catch (const std::exception &error) {
    std::cerr << "handleguard-host: error: " << error.what() << "\n";
    return 70; // EX_SOFTWARE
  }
}
