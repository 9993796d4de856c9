#pragma once
// Checks on what the command line names before a command acts on it: files that must exist. Each failure ends the command with its documented exit code, never as
// an internal error.
#include <filesystem>

namespace handleguard::cli {

// Ends the command with exit 66 when `path` is missing or cannot even be looked at (a symbolic
// link loop, a folder without search permission, a name too long), saying which.
void require_input_file(const std::filesystem::path &path);

// Whether a file is at `path` already (std::filesystem::exists); a path that cannot be looked
// at ends the command (exit 73), since writing there could replace something unseen.
[[nodiscard]] bool output_exists(const std::filesystem::path &path);

} // namespace handleguard::cli
