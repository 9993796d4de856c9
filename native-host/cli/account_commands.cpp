// `handleguard account add|list|remove`.
#include <iostream>

#include "cli_support.hpp"
#include "policy/model.hpp"
#include "policy/parse.hpp"
#include "policy/policy_document.hpp"

namespace handleguard::cli {

namespace {
policy::PolicyDocument open_policy(const Context &context) {
  auto document = policy::PolicyDocument::load(context.paths.policy_file());
  if (!document) throw CliError(exit_code::config, document.error(), "create one with `handleguard policy init`");
  return std::move(*document);
}

std::string checked_handle(const std::string &raw) {
  auto handle = policy::normalize_handle(raw);
  if (!handle) throw CliError(exit_code::usage, "\"" + raw + "\" is not an X handle", "1-15 letters, digits or _, e.g. @acme");
  return *handle;
}
} // namespace

void register_account_commands(CLI::App &app, Context &context) {
  auto *account = app.add_subcommand("account", "Manage the X accounts the policy covers");
  account->require_subcommand(1);

  struct AddOptions {
    std::string handle, user_id, client, kind = "brand", display_name;
  };
  auto add_options = std::make_shared<AddOptions>();
  auto *add = account->add_subcommand("add", "Add an account to the policy");
  add->add_option("handle", add_options->handle, "The account's @handle")->required();
  add->add_option("--user-id", add_options->user_id, "The account's numeric X user id (a string of digits)")->required();
  add->add_option("--client", add_options->client, "The client this account belongs to")->required();
  add->add_option("--kind", add_options->kind, "brand or personal")->check(CLI::IsMember({"brand", "personal"}));
  add->add_option("--display-name", add_options->display_name, "Name shown on the account");
  add->callback([&context, add_options] {
    const auto handle = checked_handle(add_options->handle);
    if (!policy::is_valid_user_id(add_options->user_id)) {
      throw CliError(exit_code::usage, "--user-id must be the account's numeric id, e.g. 783214",
                     "find it in the twid cookie (u%3D<id>) or the account's data export");
    }
    auto document = open_policy(context);
    auto &accounts = document.json()["accounts"];
    for (const auto &existing : accounts) {
      if (policy::normalize_handle(existing.value("handle", "")) == handle) {
        throw CliError(exit_code::data_error, "@" + handle + " is already in the policy");
      }
    }
    accounts.push_back({{"handle", handle},
                        {"user_id", add_options->user_id},
                        {"display_name", add_options->display_name},
                        {"client", add_options->client},
                        {"kind", add_options->kind},
                        {"rules", nlohmann::json::array()}});
    if (auto saved = document.save(); !saved) throw CliError(exit_code::data_error, saved.error());
    std::cout << "added @" << handle << " (" << add_options->client << ", " << add_options->kind << ")\n";
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
        out.push_back({{"handle", a.handle}, {"user_id", a.user_id}, {"display_name", a.display_name},
                       {"client", a.client}, {"kind", policy::to_string(a.kind)}, {"rules", a.rules.size()}});
      }
      std::cout << out.dump(2) << "\n";
      return;
    }
    for (const auto &a : loaded->accounts) {
      std::cout << "@" << a.handle << "\t" << a.user_id << "\t" << a.client << "\t" << policy::to_string(a.kind) << "\t"
                << a.rules.size() << " rules\n";
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
    if (auto saved = document.save(); !saved) throw CliError(exit_code::data_error, saved.error());
    std::cout << "removed @" << handle << "\n";
  });
}

} // namespace handleguard::cli
