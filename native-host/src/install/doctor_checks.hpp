#pragma once
// The parts of `doctor`, one file each: browsers (doctor_browsers.cpp), policy and trust
// (doctor_policy.cpp), keys and the audit store (doctor_state.cpp).
#include <string>
#include <vector>

#include "config/install_config.hpp"
#include "install/doctor.hpp"

namespace handleguard::install::detail {

using Lines = std::vector<CheckLine>;

void check_browsers(const DoctorInput &input, const config::InstallConfig &allowed, Lines &lines);
void check_trust_and_policy(const DoctorInput &input, Lines &lines);
void check_keys(const DoctorInput &input, Lines &lines);
void check_audit_store(const DoctorInput &input, Lines &lines);

// Why others could read or change `path` (mode bits in `forbidden`), or empty.
[[nodiscard]] std::string open_to_others(const std::filesystem::path &path, unsigned forbidden);
[[nodiscard]] bool present(const std::filesystem::path &path);

} // namespace handleguard::install::detail
