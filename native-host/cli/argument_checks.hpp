#pragma once
// Checks on what the command line names before a command acts on it: text that must be UTF-8,
// files that must exist. Each failure ends the command with its documented exit code, never as
// an internal error.
#include <filesystem>

#include <CLI/CLI.hpp>

namespace handleguard::cli {

// Refuses an argument that is not UTF-8 (exit 64, naming the option). Put it on every option
// whose value goes into the policy, the audit log or JSON output: JSON cannot hold such bytes,
// so the write would fail half-way and leave the command's change (an account, a lock) unmade.
[[nodiscard]] const CLI::Validator &utf8_text();

// Ends the command with exit 66 when `path` is missing or cannot even be looked at (a symbolic
// link loop, a folder without search permission, a name too long), saying which.
void require_input_file(const std::filesystem::path &path);

// Whether a file is at `path` already (std::filesystem::exists); a path that cannot be looked
// at ends the command (exit 73), since writing there could replace something unseen.
[[nodiscard]] bool output_exists(const std::filesystem::path &path);

} // namespace handleguard::cli
