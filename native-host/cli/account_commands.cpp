// `handleguard account add|edit|remove|list`.
#include <iostream>

#include "argument_checks.hpp"
#include "cli_support.hpp"
#include "policy/model.hpp"
#include "policy/parse.hpp"
#include "policy_editing.hpp"
#include "util/terminal_text.hpp"

namespace handleguard::cli {

namespace {
struct AccountOptions {
  std::string handle, user_id, client, kind, display_name, colour, timezone, guidelines;
  std::vector<std::string> staff;
  bool clear_staff = false;
};

// Adds the options `add` and `edit` share; `add` requires some of them.
void add_account_options(CLI::App *command, AccountOptions &options, bool adding) {
  command->add_option("handle", options.handle, "The account's @handle")->required();
  auto *user_id = command->add_option("--user-id", options.user_id, "The account's numeric X user id (a string of digits)");
  auto *client = command->add_option("--client", options.client, "The client this account belongs to")->check(utf8_text());
  if (adding) {
    user_id->required();
    client->required();
  }
  command->add_option("--kind", options.kind, "brand or personal")->check(CLI::IsMember({"brand", "personal"}));
  command->add_option("--display-name", options.display_name, "Name shown on the account")->check(utf8_text());
  command->add_option("--colour", options.colour, "Banner colour staff recognise the account by, #rrggbb")->check(utf8_text());
  command->add_option("--timezone", options.timezone, "IANA time zone of the account's schedule, e.g. Europe/Berlin")->check(utf8_text());
  command->add_option("--guidelines", options.guidelines, "Guidelines shown to staff with every verdict")->check(utf8_text());
  command->add_option("--staff", options.staff, "Staff ids allowed to post (repeatable; default: anyone)")->check(utf8_text());
  if (!adding) command->add_flag("--clear-staff", options.clear_staff, "Allow every staff member again");
}

void apply_options(nlohmann::json &account, const AccountOptions &options) {
  if (!options.user_id.empty()) {
    if (!policy::is_valid_user_id(options.user_id)) {
      throw CliError(exit_code::usage, "--user-id must be the account's numeric id, e.g. 783214",
                     "find it in the twid cookie (u%3D<id>) or the account's data export");
    }
    account["user_id"] = options.user_id;
  }
  if (!options.client.empty()) account["client"] = options.client;
  if (!options.kind.empty()) account["kind"] = options.kind;
  if (!options.display_name.empty()) account["display_name"] = options.display_name;
  if (!options.colour.empty()) account["colour"] = options.colour;
  if (!options.timezone.empty()) account["timezone"] = options.timezone;
  if (!options.guidelines.empty()) account["guidelines"] = options.guidelines;
  if (!options.staff.empty()) account["staff"] = options.staff;
  if (options.clear_staff) account.erase("staff");
}
} // namespace

void register_account_commands(CLI::App &app, Context &context) {
  auto *account = app.add_subcommand("account", "Manage the X accounts the policy covers");
  account->require_subcommand(1);

  auto add_options = std::make_shared<AccountOptions>();
  auto *add = account->add_subcommand("add", "Add an account to the policy");
  add_account_options(add, *add_options, true);
  add->callback([&context, add_options] {
    const auto handle = checked_handle(add_options->handle);
    auto document = open_policy(context);
    for (const auto &existing : document.json()["accounts"]) {
      if (policy::normalize_handle(existing.value("handle", "")) == handle) {
        throw CliError(exit_code::data_error, "@" + handle + " is already in the policy", "change it with `handleguard account edit`");
      }
    }
    nlohmann::json fresh = {{"handle", handle}, {"kind", "brand"}, {"rules", nlohmann::json::array()}};
    apply_options(fresh, *add_options);
    document.json()["accounts"].push_back(fresh);
    save_policy(document);
    std::cout << "added @" << handle << " (" << util::terminal_text(add_options->client) << ", " << fresh.value("kind", "brand") << ")\n";
  });

  auto edit_options = std::make_shared<AccountOptions>();
  auto *edit = account->add_subcommand("edit", "Change an account's fields");
  add_account_options(edit, *edit_options, false);
  edit->callback([&context, edit_options] {
    const auto handle = checked_handle(edit_options->handle);
    auto document = open_policy(context);
    apply_options(account_json(document, handle), *edit_options);
    save_policy(document);
    std::cout << "changed @" << handle << "\n";
  });

  auto list_json = std::make_shared<bool>(false);
  auto *list = account->add_subcommand("list", "List the accounts of the policy");
  list->add_flag("--json", *list_json, "Print JSON");
  list->callback([&context, list_json] {
    auto loaded = policy::load_policy_file(context.paths.policy_file());
    if (!loaded) throw CliError(exit_code::config, loaded.error());
    if (*list_json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto &a : loaded->accounts) {
        out.push_back({{"handle", a.handle}, {"user_id", a.user_id}, {"display_name", a.display_name}, {"client", a.client},
                       {"kind", policy::to_string(a.kind)}, {"colour", a.colour}, {"timezone", a.timezone},
                       {"staff", a.staff}, {"rules", a.rules.size()}});
      }
      std::cout << util::terminal_json(out.dump(2)) << "\n";
      return;
    }
    for (const auto &a : loaded->accounts) {
      // The policy is anyone's to write: what it holds is shown, never acted on by the terminal.
      std::cout << "@" << a.handle << "\t" << util::terminal_text(a.user_id) << "\t" << util::terminal_text(a.client) << "\t" << policy::to_string(a.kind) << "\t"
                << util::terminal_text(a.timezone) << "\t" << a.rules.size() << " rules\n";
    }
  });

  auto remove_handle = std::make_shared<std::string>();
  auto *remove = account->add_subcommand("remove", "Remove an account from the policy");
  remove->add_option("handle", *remove_handle, "The account's @handle")->required();
  remove->callback([&context, remove_handle] {
    const auto handle = checked_handle(*remove_handle);
    auto document = open_policy(context);
    auto &accounts = document.json()["accounts"];
    const auto before = accounts.size();
    accounts.erase(std::remove_if(accounts.begin(), accounts.end(),
                                  [&](const nlohmann::json &a) { return policy::normalize_handle(a.value("handle", "")) == handle; }),
                   accounts.end());
    if (accounts.size() == before) throw CliError(exit_code::data_error, "@" + handle + " is not in the policy");
    save_policy(document);
    std::cout << "removed @" << handle << "\n";
  });
}

} // namespace handleguard::cli
