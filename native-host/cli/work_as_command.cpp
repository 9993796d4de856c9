// `handleguard work-as [HANDLE] [--for 2h] [--clear]`: declare the account you are working as.
// Every host process of your OS user sees the declaration; posts from other accounts are held.
#include <iostream>

#include <nlohmann/json.hpp>

#include "audit_recording.hpp"
#include "cli_support.hpp"
#include "policy/parse.hpp"
#include "rules/work_as_store.hpp"
#include "util/local_time.hpp"
#include "util/message_excerpt.hpp"
#include "util/os_user.hpp"
#include "util/terminal_text.hpp"

namespace handleguard::cli {

namespace {
// Reads "90m", "2h", "1h30m" or plain minutes.
std::chrono::minutes parse_duration(const std::string &text) {
  std::int64_t total = 0, number = 0;
  bool digits = false, unit_seen = false;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      number = number * 10 + (c - '0');
      digits = true;
      if (number > 100000) break;
    } else if ((c == 'h' || c == 'm') && digits) {
      total += c == 'h' ? number * 60 : number;
      number = 0;
      digits = false;
      unit_seen = true;
    } else {
      throw CliError(exit_code::usage, "--for \"" + text + "\" is not a duration", "e.g. 2h, 90m or 1h30m");
    }
  }
  if (digits) total += number; // a bare number is minutes
  if ((!unit_seen && !digits) || total < 1 || total > 24 * 60) {
    throw CliError(exit_code::usage, "--for must be between 1 minute and 24 hours", "e.g. 2h, 90m or 1h30m");
  }
  return std::chrono::minutes(total);
}

// The staff id of the OS user in the policy in force, or null.
nlohmann::json staff_of(const Context &context) {
  const auto engine = policy_in_force(context);
  const policy::Staff *staff = engine ? engine->policy().find_staff_by_os_user(util::current_os_user()) : nullptr;
  return staff != nullptr ? nlohmann::json(staff->id) : nlohmann::json(nullptr);
}
} // namespace

void register_work_as_command(CLI::App &app, Context &context) {
  struct Options {
    std::string handle, duration;
    bool clear = false, json = false;
  };
  auto options = std::make_shared<Options>();
  auto *work_as = app.add_subcommand("work-as", "Declare the account you are working as (posts from any other account are held)");
  work_as->add_option("handle", options->handle, "The account's @handle; without it, show the declaration in force");
  work_as->add_option("--for", options->duration, "How long it holds: 2h, 90m, 1h30m (default 8h, at most 24h)");
  work_as->add_flag("--clear", options->clear, "End the declaration");
  work_as->add_flag("--json", options->json, "Print JSON");
  work_as->callback([&context, options] {
    rules::WorkAsStore store(context.paths.work_as_file());
    const auto now = std::chrono::system_clock::now();
    if (options->clear) {
      if (auto cleared = store.clear(); !cleared) throw CliError(exit_code::cant_create, cleared.error());
      record_cli_event(context, {"work_as", {{"account", nullptr}, {"staff", staff_of(context)}, {"source", "cli"}}},
                       "the declaration is cleared");
      std::cout << (options->json ? "{\"work_as\": null}\n" : "no account declared\n");
      return;
    }
    if (options->handle.empty()) {
      auto current = store.current(now);
      if (!current) throw CliError(exit_code::data_error, current.error());
      if (options->json) std::cout << util::terminal_json(nlohmann::json{{"work_as", *current ? rules::to_json(**current) : nlohmann::json(nullptr)}}.dump(2)) << "\n";
      else if (*current) std::cout << "working as @" << (*current)->handle << " until " << util::format_iso8601_utc((*current)->until) << "\n";
      else std::cout << "no account declared\n";
      return;
    }
    const auto handle = policy::normalize_handle(options->handle);
    if (!handle) throw CliError(exit_code::usage, "\"" + util::message_excerpt(options->handle) + "\" is not an X handle");
    auto loaded = policy::load_policy_file(context.paths.policy_file());
    if (!loaded) throw CliError(exit_code::config, loaded.error());
    if (loaded->find_by_handle(*handle) == nullptr) {
      throw CliError(exit_code::data_error, "@" + *handle + " is not an account of the policy", "see `handleguard account list`");
    }
    const auto duration = options->duration.empty() ? std::chrono::duration_cast<std::chrono::minutes>(rules::default_work_as_duration)
                                                    : parse_duration(options->duration);
    auto declared = store.declare(*handle, duration, now, util::current_os_user());
    if (!declared) throw CliError(exit_code::cant_create, declared.error());
    // As in the host: a declaration the audit log cannot record is not made.
    try {
      record_cli_event(context,
                       {"work_as", {{"account", *handle}, {"minutes", duration.count()}, {"staff", staff_of(context)}, {"source", "cli"}}}, "");
    } catch (const CliError &) {
      (void)store.clear();
      throw;
    }
    if (options->json) std::cout << util::terminal_json(nlohmann::json{{"work_as", rules::to_json(*declared)}}.dump(2)) << "\n";
    else std::cout << "working as @" << declared->handle << " until " << util::format_iso8601_utc(declared->until) << "\n";
  });
}

} // namespace handleguard::cli
