#pragma once
// Checks on what the command line names before a command acts on it: text that must be UTF-8,
// files that must exist. Each failure ends the command with its documented exit code, never as
// an internal error.
#include <cstdint>
#include <filesystem>

#include <CLI/CLI.hpp>

namespace handleguard::cli {

// Refuses an argument that is not UTF-8 (exit 64, naming the option). Put it on every option
// whose value goes into the policy, the audit log or JSON output: JSON cannot hold such bytes,
// so the write would fail half-way and leave the command's change (an account, a lock) unmade.
[[nodiscard]] const CLI::Validator &utf8_text();

// Accepts decimal digits only, for a value from 0 to `max` (exit 64 otherwise, naming the option
// and the range), and hands the number on written plainly. CLI11's own conversion reads "0x10"
// as hex and "010" as octal, takes a sign or a leading space, and turns a number past 64 bits
// into the largest one there is: `--limit 99999999999999999999` would have meant "no limit".
[[nodiscard]] CLI::Validator whole_number(std::uint64_t max);
// The same for a decimal number of seconds from `min` to `max`, fraction allowed: "nan" would
// pass any range check, since no comparison with it holds.
[[nodiscard]] CLI::Validator seconds_between(double min, double max);

// Ends the command with exit 66 when `path` is missing or cannot even be looked at (a symbolic
// link loop, a folder without search permission, a name too long), saying which.
void require_input_file(const std::filesystem::path &path);

// The content of the input file `path` (checked as require_input_file does): exit 66 when it
// cannot be read, 65 when it holds more than `max_bytes` (it is there, but no valid input is
// that large, as standard input over its limit is 65 too).
[[nodiscard]] std::string read_input_file(const std::filesystem::path &path, std::size_t max_bytes = 64U << 20U);

// Whether a file is at `path` already (std::filesystem::exists); a path that cannot be looked
// at ends the command (exit 73), since writing there could replace something unseen.
[[nodiscard]] bool output_exists(const std::filesystem::path &path);

} // namespace handleguard::cli
