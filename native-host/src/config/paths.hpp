#pragma once
// Where handleguard keeps its files. See docs/state-layout.md.
//
// Two places: the user's own (HANDLEGUARD_HOME or the XDG folders) and the machine's managed
// folder (/etc/handleguard on Linux), which only root can write. When the managed folder holds
// a policy or trust settings, both come from there and the user's copies are ignored: the
// environment reaches the host from the browser, so it must not be a way around an admin's
// policy. Per-user state (audit, counters, work-as, keys) always stays with the user.
#include <filesystem>
#include <string>

namespace handleguard::config {

// The machine-wide folder; set at build time (-DHANDLEGUARD_MANAGED_DIR=...), never from the
// environment.
[[nodiscard]] std::filesystem::path managed_dir();

struct Paths {
  std::filesystem::path config_dir; // the user's policy, trust settings, keys, install config
  std::filesystem::path state_dir;  // audit store, rate counters, work-as declaration
  std::filesystem::path managed_config_dir{}; // the machine's managed folder (may not exist)
  bool managed = false; // the managed folder holds a policy or trust settings: they win

  // The policy and trust settings in force: the managed ones when `managed`.
  [[nodiscard]] std::filesystem::path policy_file() const { return policy_dir() / "policy.json"; }
  [[nodiscard]] std::filesystem::path trust_file() const { return policy_dir() / "trust.json"; }
  // The user's own copies, whether or not they are in force (for messages and `doctor`).
  [[nodiscard]] std::filesystem::path user_policy_file() const { return config_dir / "policy.json"; }
  [[nodiscard]] std::filesystem::path user_trust_file() const { return config_dir / "trust.json"; }
  // Allowed extension ids for the host's caller check: the managed file when it exists.
  [[nodiscard]] std::filesystem::path install_config_file() const;
  [[nodiscard]] std::filesystem::path user_install_config_file() const { return config_dir / "install.json"; }
  [[nodiscard]] std::filesystem::path keys_dir() const { return config_dir / "keys"; }
  [[nodiscard]] std::filesystem::path audit_db() const { return state_dir / "audit.sqlite"; }
  [[nodiscard]] std::filesystem::path counters_db() const { return state_dir / "counters.sqlite"; }
  [[nodiscard]] std::filesystem::path work_as_file() const { return state_dir / "work-as.json"; }
  // Highest signed policy serial seen here (rollback protection), see docs/signing.md.
  [[nodiscard]] std::filesystem::path policy_serial_file() const { return state_dir / "policy-serial.json"; }
  // Forwarding and response commands for audit events, see docs/audit.md.
  // Like the policy, the managed copy wins when the managed folder is in force.
  [[nodiscard]] std::filesystem::path audit_config_file() const {
    return (managed ? managed_config_dir : config_dir) / "audit.json";
  }
  [[nodiscard]] std::filesystem::path lockdowns_file() const { return state_dir / "lockdowns.json"; }

private:
  [[nodiscard]] const std::filesystem::path &policy_dir() const { return managed ? managed_config_dir : config_dir; }
};

// Resolves the user's folders from HANDLEGUARD_HOME (DIR/config, DIR/state) or else the XDG
// base directories ($XDG_CONFIG_HOME/handleguard, $XDG_STATE_HOME/handleguard, defaulting under
// $HOME), and whether the managed folder is in force.
[[nodiscard]] Paths resolve_paths();

namespace testing {
// Points managed_dir() at `dir` for this process only (unit tests); empty restores the
// build-time folder. Not reachable from the environment or the command line.
void override_managed_dir(const std::filesystem::path &dir);
} // namespace testing

} // namespace handleguard::config
