// `handleguard lockdown HANDLE --reason …`: freeze an account on this workstation at once.
#include <iostream>

#include "audit/audit_config.hpp"
#include "audit/audit_store.hpp"
#include "audit/forwarder.hpp"
#include "cli_support.hpp"
#include "lockdown/local_lockdowns.hpp"
#include "policy/model.hpp"
#include "signing/policy_gate.hpp"

namespace handleguard::cli {

namespace {
// Records the lock in the audit log; forwarding and response commands run before the CLI exits.
void record_lockdown_event(const Context &context, const std::string &handle, const std::string &action,
                           const std::string &reason) {
  auto store = audit::AuditStore::open(context.paths);
  if (!store) throw CliError(exit_code::cant_create, "the lock is set, but the audit log cannot be opened: " + store.error());
  auto config = audit::load_audit_config(context.paths);
  std::unique_ptr<audit::Forwarder> forwarder;
  if (config) {
    forwarder = std::make_unique<audit::Forwarder>(*config, **store);
    forwarder->attach(**store);
  }
  if (!(*store)->record({"lockdown", {{"account", handle}, {"action", action}, {"reason", reason}}})) {
    throw CliError(exit_code::cant_create, "the lock is set, but recording it failed: " + (*store)->last_error());
  }
  (*store)->set_commit_listener(nullptr);
}
} // namespace

void register_lockdown_command(CLI::App &app, Context &context) {
  auto *lockdown = app.add_subcommand(
      "lockdown", "Freeze an account on this workstation at once (an emergency brake; see docs/threat-model.md)");
  auto handle = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  auto lift = std::make_shared<bool>(false);
  auto list = std::make_shared<bool>(false);
  lockdown->add_option("handle", *handle, "The account, e.g. @acmecars");
  lockdown->add_option("--reason", *reason, "Why (shown to staff and recorded)");
  lockdown->add_flag("--lift", *lift, "Remove the lock");
  lockdown->add_flag("--list", *list, "Show the locks in force here");
  lockdown->callback([&context, handle, reason, lift, list] {
    const auto file = context.paths.lockdowns_file();
    auto locks = lockdown::load_locks(file);
    if (!locks) throw CliError(exit_code::data_error, locks.error(), "remove or repair the file");
    if (*list) {
      for (const auto &[name, lock] : *locks) {
        std::cout << "@" << name << "  since " << lock.since << "  by " << lock.by << "  " << lock.reason << "\n";
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
    record_lockdown_event(context, *normalized, *lift ? "lift" : "lock", *reason);
    std::cout << "@" << *normalized << (*lift ? " unlocked" : " locked down") << " on this workstation\n";
  });
}

} // namespace handleguard::cli
