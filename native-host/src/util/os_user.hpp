#pragma once
// The login name of the user this process runs as (from the password database, not $USER,
// which the caller controls).
#include <string>

namespace handleguard::util {

[[nodiscard]] std::string current_os_user();

} // namespace handleguard::util
