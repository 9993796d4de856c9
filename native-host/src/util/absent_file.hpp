#pragma once
// Tells a file that is not there from one that cannot be looked at.
#include <filesystem>

namespace handleguard::util {

// True only when nothing is at `path` (or a folder on the way is missing); a dangling symbolic
// link counts as nothing. A path that cannot be looked at (a symbolic link loop, a folder
// without search permission) is not absent: a caller reading "no file" as "nothing applies"
// (no lock, no trust settings) would otherwise fail open on it.
[[nodiscard]] bool is_absent(const std::filesystem::path &path);

} // namespace handleguard::util
