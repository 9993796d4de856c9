#pragma once
// What every CLI command shares: exit codes, the error type, and where state lives.
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

#include "config/paths.hpp"

namespace handleguard::cli {

// Exit codes (documented in `handleguard --help` and docs/cli.md). sysexits for errors.
namespace exit_code {
inline constexpr int ok = 0;         // also: check allowed, validate/verify/doctor passed
inline constexpr int warn = 1;       // check: warn; validate/verify/doctor: failed
inline constexpr int block = 2;      // check: block
inline constexpr int usage = 64;     // EX_USAGE: bad arguments
inline constexpr int data_error = 65; // EX_DATAERR: bad input data
inline constexpr int no_input = 66;  // EX_NOINPUT: an input file is missing
inline constexpr int software = 70;  // EX_SOFTWARE: internal error
inline constexpr int cant_create = 73; // EX_CANTCREAT: cannot write an output file
inline constexpr int config = 78;    // EX_CONFIG: the policy or configuration is invalid
} // namespace exit_code

// Ends a command: printed once at the edge as "handleguard: error: <message>" plus the hint.
struct CliError : std::runtime_error {
  CliError(int status, const std::string &message, std::string hint_text = {})
      : std::runtime_error(message), exit_status(status), hint(std::move(hint_text)) {}
  int exit_status;
  std::string hint;
};

struct Context {
  config::Paths paths = config::resolve_paths();
  int exit_status = exit_code::ok; // set by commands whose status carries a result (check)
};

void register_policy_commands(CLI::App &app, Context &context);
void register_account_commands(CLI::App &app, Context &context);
void register_check_command(CLI::App &app, Context &context);
void register_install_command(CLI::App &app, Context &context);
void register_rule_commands(CLI::App &app, Context &context);
void register_staff_commands(CLI::App &app, Context &context);
void register_work_as_command(CLI::App &app, Context &context);
void register_text_command(CLI::App &app, Context &context);
void register_key_commands(CLI::App &app, Context &context);
void register_signing_commands(CLI::App &app, Context &context); // after register_policy_commands
void register_log_commands(CLI::App &app, Context &context);
void register_lockdown_command(CLI::App &app, Context &context);

} // namespace handleguard::cli
