#pragma once
// Where handleguard keeps its files. See docs/state-layout.md.
#include <filesystem>
#include <string>

namespace handleguard::config {

struct Paths {
  std::filesystem::path config_dir; // policy, trust settings, keys
  std::filesystem::path state_dir;  // audit store, rate counters, work-as declaration

  [[nodiscard]] std::filesystem::path policy_file() const { return config_dir / "policy.json"; }
  [[nodiscard]] std::filesystem::path trust_file() const { return config_dir / "trust.json"; }
  [[nodiscard]] std::filesystem::path keys_dir() const { return config_dir / "keys"; }
  [[nodiscard]] std::filesystem::path audit_db() const { return state_dir / "audit.sqlite"; }
  [[nodiscard]] std::filesystem::path counters_db() const { return state_dir / "counters.sqlite"; }
  [[nodiscard]] std::filesystem::path work_as_file() const { return state_dir / "work-as.json"; }
};

// Resolves from HANDLEGUARD_HOME (DIR/config, DIR/state) or else the XDG base directories
// ($XDG_CONFIG_HOME/handleguard, $XDG_STATE_HOME/handleguard, defaulting under $HOME).
[[nodiscard]] Paths resolve_paths();

} // namespace handleguard::config
