#pragma once
// `handleguard doctor`: finds every browser on this machine and checks, one line each, that the
// guard can work there, naming the fix for each failure.
#include <filesystem>
#include <string>
#include <vector>

#include "config/paths.hpp"

namespace handleguard::install {

enum class Finding { ok, warning, failure };

struct CheckLine {
  Finding finding = Finding::ok;
  std::string subject; // "chromium", "policy", ...
  std::string message;
  std::string fix;     // empty when nothing is to be done
};

struct DoctorInput {
  config::Paths paths;
  std::string home;                       // for user-level manifests
  std::string xdg_config_home;            // empty = <home>/.config
  std::filesystem::path root;             // prefix for system folders ("" = real)
  std::vector<std::string> search_path;   // folders searched for browser programs
  bool run_host = true;                   // start the host once to see it answer
};

[[nodiscard]] std::vector<CheckLine> run_doctor(const DoctorInput &input);
[[nodiscard]] std::string format_line(const CheckLine &line);
[[nodiscard]] bool any_failure(const std::vector<CheckLine> &lines);

} // namespace handleguard::install
