// `handleguard staff add|remove|list`: the people who post, and the OS user names that identify
// them on a workstation (the host knows who is acting by its OS user, never by what a page says).
#include <iostream>

#include "argument_checks.hpp"
#include "cli_support.hpp"
#include "policy/parse.hpp"
#include "policy_editing.hpp"
#include "util/terminal_text.hpp"

namespace handleguard::cli {

void register_staff_commands(CLI::App &app, Context &context) {
  auto *staff = app.add_subcommand("staff", "Manage the staff who post");
  staff->require_subcommand(1);

  struct AddOptions {
    std::string id, name, initials;
    std::vector<std::string> os_users;
  };
  auto add_options = std::make_shared<AddOptions>();
  auto *add = staff->add_subcommand("add", "Add a staff member");
  add->add_option("id", add_options->id, "A short id, e.g. ada")->required()->check(utf8_text());
  add->add_option("--name", add_options->name, "Full name")->required()->check(utf8_text());
  add->add_option("--initials", add_options->initials, "Initials for signed posts, e.g. AD")->check(utf8_text());
  add->add_option("--os-user", add_options->os_users, "OS login name on the workstations (repeatable)")->check(utf8_text());
  add->callback([&context, add_options] {
    auto document = open_policy(context);
    auto &members = document.json()["staff"];
    if (!members.is_array()) members = nlohmann::json::array();
    for (const auto &member : members) {
      if (member.is_object() && member.value("id", "") == add_options->id) {
        throw CliError(exit_code::data_error, "staff \"" + add_options->id + "\" is already in the policy");
      }
    }
    nlohmann::json member = {{"id", add_options->id}, {"name", add_options->name}, {"os_users", add_options->os_users}};
    if (!add_options->initials.empty()) member["initials"] = add_options->initials;
    members.push_back(member);
    save_policy(document);
    std::cout << "added staff " << util::terminal_text(add_options->id) << "\n";
  });

  auto remove_id = std::make_shared<std::string>();
  auto *remove = staff->add_subcommand("remove", "Remove a staff member (refused while an account or rule names them)");
  remove->add_option("id", *remove_id, "The staff id")->required();
  remove->callback([&context, remove_id] {
    auto document = open_policy(context);
    auto &members = document.json()["staff"];
    const auto before = members.size();
    members.erase(std::remove_if(members.begin(), members.end(),
                                 [&](const nlohmann::json &m) { return m.is_object() && m.value("id", "") == *remove_id; }),
                  members.end());
    if (members.size() == before) throw CliError(exit_code::data_error, "no staff \"" + util::terminal_text(*remove_id) + "\" in the policy");
    save_policy(document); // an account still naming them makes the policy invalid: reported, nothing written
    std::cout << "removed staff " << util::terminal_text(*remove_id) << "\n";
  });

  auto list_json = std::make_shared<bool>(false);
  auto *list = staff->add_subcommand("list", "List the staff");
  list->add_flag("--json", *list_json, "Print JSON");
  list->callback([&context, list_json] {
    auto loaded = policy::load_policy_file(context.paths.policy_file());
    if (!loaded) throw CliError(exit_code::config, loaded.error());
    nlohmann::json out = nlohmann::json::array();
    for (const auto &member : loaded->staff) {
      if (*list_json) {
        out.push_back({{"id", member.id}, {"name", member.name}, {"initials", member.initials}, {"os_users", member.os_users}});
        continue;
      }
      std::string users;
      for (const auto &user : member.os_users) users += (users.empty() ? "" : ",") + user;
      std::cout << util::terminal_text(member.id) << "\t" << util::terminal_text(member.name) << "\t" << util::terminal_text(member.initials) << "\t"
                << util::terminal_text(users) << "\n";
    }
    if (*list_json) std::cout << util::terminal_json(out.dump(2)) << "\n";
  });
}

} // namespace handleguard::cli
