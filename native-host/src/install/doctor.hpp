#pragma once
// `handleguard doctor`: finds every browser on this machine and checks, one line each, that the
// guard can work there — registrations, the host answering, the policy (valid, signed by a
// trusted key, not rolled back, not expired), keys and the audit store — naming the fix for
// each failure. See docs/install.md.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/paths.hpp"
#include "install/caller_check.hpp"
#include "install/host_registration.hpp"

namespace handleguard::install {

enum class Finding { ok, warning, failure };

struct CheckLine {
  Finding finding = Finding::ok;
  std::string subject; // "chromium (user)", "policy", ...
  std::string message;
  std::string fix;     // empty when nothing is to be done
};

struct DoctorInput {
  config::Paths paths;
  std::string home;                       // for user-level manifests
  std::string xdg_config_home;            // empty = <home>/.config
  std::filesystem::path root;             // prefix for system folders ("" = real)
  std::vector<std::string> search_path;   // folders searched for browser programs
  bool run_host = true;                   // start the host to see it answer hello
  TargetOs os = running_os();             // whose browser locations to check (macOS: files under `root`)
  std::chrono::milliseconds host_limit = std::chrono::seconds(10); // how long the started host may take to answer
  // Set when the host itself runs doctor for the browser that started it (the `doctor`
  // message): only that browser family's manifests are checked, browsers found without a
  // registration are not reported (that is another browser's business), and the host is not
  // started again: it is answering over the browser's own pipe.
  std::optional<Caller> asked_by;
};

// The input for doctor on this machine, from the environment: HOME, XDG_CONFIG_HOME, PATH.
[[nodiscard]] DoctorInput doctor_input_from_environment(const config::Paths &paths);

[[nodiscard]] std::vector<CheckLine> run_doctor(const DoctorInput &input);
[[nodiscard]] std::string format_line(const CheckLine &line);
[[nodiscard]] bool any_failure(const std::vector<CheckLine> &lines);
// {"ok": bool, "checks": [{"status": "ok"|"warn"|"fail", "subject", "message", "fix"}]}
[[nodiscard]] nlohmann::json doctor_json(const std::vector<CheckLine> &lines);

// What doctor checks on `os` where it cannot run (Windows: the `reg.exe query` commands and the
// manifest each key names), one line per browser and scope.
[[nodiscard]] std::vector<std::string> describe_doctor_plan(TargetOs os, const std::string &home);

} // namespace handleguard::install
