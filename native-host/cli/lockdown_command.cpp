// `handleguard lockdown HANDLE --reason …`: freeze an account on this workstation at once.
#include <iostream>

#include "audit/audit_store.hpp"
#include "argument_checks.hpp"
#include "audit_recording.hpp"
#include "cli_support.hpp"
#include "lockdown/local_lockdowns.hpp"
#include "policy/model.hpp"
#include "signing/policy_gate.hpp"
#include "util/terminal_text.hpp"

namespace handleguard::cli {


void register_lockdown_command(CLI::App &app, Context &context) {
  auto *lockdown = app.add_subcommand(
      "lockdown", "Freeze an account on this workstation at once (an emergency brake; see docs/threat-model.md)");
  auto handle = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  auto lift = std::make_shared<bool>(false);
  auto list = std::make_shared<bool>(false);
  lockdown->add_option("handle", *handle, "The account, e.g. @acmecars");
  lockdown->add_option("--reason", *reason, "Why (shown to staff and recorded)")->check(utf8_text());
  lockdown->add_flag("--lift", *lift, "Remove the lock");
  lockdown->add_flag("--list", *list, "Show the locks in force here");
  lockdown->callback([&context, handle, reason, lift, list] {
    const auto file = context.paths.lockdowns_file();
    auto locks = lockdown::load_locks(file);
    if (!locks) throw CliError(exit_code::data_error, locks.error(), "remove or repair the file");
    if (*list) {
      for (const auto &[name, lock] : *locks) {
        std::cout << "@" << util::terminal_text(name) << "  since " << util::terminal_text(lock.since) << "  by " << util::terminal_text(lock.by)
                  << "  " << util::terminal_text(lock.reason) << "\n";
      }
      return;
    }
    const auto normalized = policy::normalize_handle(*handle);
    if (!normalized) throw CliError(exit_code::usage, "give the account's handle, e.g. @acmecars");
    if (*lift) {
      if (locks->erase(*normalized) == 0) throw CliError(exit_code::usage, "@" + *normalized + " is not locked here");
    } else {
      if (reason->empty()) throw CliError(exit_code::usage, "--reason is required", "say why, e.g. --reason \"client crisis\"");
      (*locks)[*normalized] = {*reason, signing::format_utc_time(signing::Clock::now()), audit::os_user_name()};
    }
    if (auto saved = lockdown::save_locks(file, *locks); !saved) throw CliError(exit_code::cant_create, saved.error());
    // Recorded after the lock is in force: an emergency brake must not wait for the log.
    record_cli_event(context, {"lockdown", {{"account", *normalized}, {"action", *lift ? "lift" : "lock"}, {"reason", *reason}}},
                     *lift ? "the lock is lifted" : "the lock is set");
    std::cout << "@" << *normalized << (*lift ? " unlocked" : " locked down") << " on this workstation\n";
  });
}

} // namespace handleguard::cli
