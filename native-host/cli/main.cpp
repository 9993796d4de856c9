// handleguard: the command line for agency admins and staff.
#include <iostream>

#include "cli_support.hpp"
#include "util/terminal_text.hpp"

namespace {
constexpr const char *exit_status_help = R"(Exit status:
  0   success; check: allow
  1   check: warn; validate/verify/doctor: failed
  2   check: block
  64  usage error          65  bad input data      66  input file missing
  70  internal error       73  cannot write output 78  invalid policy or configuration
State lives under $HANDLEGUARD_HOME when set, else the XDG config and state folders.)";
}

int main(int argc, char **argv) {
  using namespace handleguard::cli;
  CLI::App app{"handleguard: guards the X accounts an agency runs, post by post", "handleguard"};
  app.footer(exit_status_help);
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("handleguard ") + HANDLEGUARD_VERSION);
  Context context;
  register_policy_commands(app, context);
  register_account_commands(app, context);
  register_rule_commands(app, context);
  register_staff_commands(app, context);
  register_work_as_command(app, context);
  register_check_command(app, context);
  register_install_command(app, context);
  register_text_command(app, context);
  register_key_commands(app, context);
  register_signing_commands(app, context);
  register_log_commands(app, context);
  register_lockdown_command(app, context);
  try {
    app.parse(argc, argv);
    return context.exit_status;
  } catch (const CLI::ParseError &error) { // also --help and --version, which exit 0
    const int status = app.exit(error, std::cout, std::cerr);
    return status == 0 ? exit_code::ok : exit_code::usage;
  } catch (const CliError &error) {
    // Messages quote the policy, files and arguments: shown, never acted on by the terminal.
    std::cerr << "handleguard: error: " << handleguard::util::terminal_lines(error.what()) << "\n";
    if (!error.hint.empty()) std::cerr << "hint: " << handleguard::util::terminal_lines(error.hint) << "\n";
    return error.exit_status;
  } catch (const std::exception &error) {
    std::cerr << "handleguard: error: " << handleguard::util::terminal_lines(error.what()) << "\n";
    return exit_code::software;
  }
}
