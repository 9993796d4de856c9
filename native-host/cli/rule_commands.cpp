// `handleguard rule add|remove|list`: an account's rules. A rule is given as JSON (the format of
// docs/policy.md), since kinds differ too much for one set of flags.
#include <iostream>

#include "argument_checks.hpp"
#include "cli_support.hpp"
#include "policy/json_positions.hpp"
#include "policy/parse.hpp"
#include "policy_editing.hpp"
#include "util/message_excerpt.hpp"
#include "util/terminal_text.hpp"

namespace handleguard::cli {

void register_rule_commands(CLI::App &app, Context &context) {
  auto *rule = app.add_subcommand("rule", "Manage an account's rules");
  rule->require_subcommand(1);

  struct AddOptions {
    std::string handle, json_text, file;
  };
  auto add_options = std::make_shared<AddOptions>();
  auto *add = rule->add_subcommand("add", "Add a rule to an account, given as JSON (docs/policy.md)");
  add->add_option("handle", add_options->handle, "The account's @handle")->required();
  auto *inline_json = add->add_option("--json", add_options->json_text,
                                      R"(The rule, e.g. '{"id":"no-refunds","kind":"banned_terms","severity":"block","terms":["refund"]}')");
  auto *file = add->add_option("--file", add_options->file, "Read the rule from this JSON file");
  inline_json->excludes(file);
  add->callback([&context, add_options] {
    const auto handle = checked_handle(add_options->handle);
    std::string text = add_options->json_text;
    if (!add_options->file.empty()) {
      text = read_input_file(add_options->file);
    }
    if (text.empty()) throw CliError(exit_code::usage, "give the rule with --json or --file");
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded()) {
      throw CliError(exit_code::data_error, "the rule is not valid JSON", "check its quotes, brackets and numbers (1e999 is too large)");
    }
    if (!parsed.is_object()) throw CliError(exit_code::data_error, "the rule is not a JSON object");
    if (auto problem = policy::repeated_key_problem(text)) throw CliError(exit_code::data_error, "the rule: " + *problem);
    auto document = open_policy(context);
    auto &account = account_json(document, handle);
    if (!account.contains("rules") || !account["rules"].is_array()) account["rules"] = nlohmann::json::array();
    account["rules"].push_back(parsed);
    save_policy(document); // validates: a bad rule is reported with its pointer and nothing is written
    std::cout << "added rule " << util::terminal_text(parsed.value("id", "?")) << " to @" << handle << "\n";
  });

  struct RemoveOptions {
    std::string handle, id;
  };
  auto remove_options = std::make_shared<RemoveOptions>();
  auto *remove = rule->add_subcommand("remove", "Remove a rule from an account");
  remove->add_option("handle", remove_options->handle, "The account's @handle")->required();
  remove->add_option("id", remove_options->id, "The rule's id")->required();
  remove->callback([&context, remove_options] {
    const auto handle = checked_handle(remove_options->handle);
    auto document = open_policy(context);
    auto &account = account_json(document, handle);
    auto &rules = account["rules"];
    const auto before = rules.size();
    rules.erase(std::remove_if(rules.begin(), rules.end(),
                               [&](const nlohmann::json &r) { return r.is_object() && r.value("id", "") == remove_options->id; }),
                rules.end());
    if (rules.size() == before) throw CliError(exit_code::data_error, "@" + handle + " has no rule \"" + util::message_excerpt(remove_options->id) + "\"");
    save_policy(document);
    std::cout << "removed rule " << util::terminal_text(remove_options->id) << " from @" << handle << "\n";
  });

  struct ListOptions {
    std::string handle;
    bool json = false;
  };
  auto list_options = std::make_shared<ListOptions>();
  auto *list = rule->add_subcommand("list", "List an account's rules (all accounts without a handle)");
  list->add_option("handle", list_options->handle, "The account's @handle");
  list->add_flag("--json", list_options->json, "Print JSON");
  list->callback([&context, list_options] {
    // A listing changes nothing: it neither waits for an edit in progress (up to 10 s, then 73)
    // nor holds one up, as `account list` does not.
    auto loaded = policy::PolicyDocument::load(context.paths.policy_file());
    if (!loaded) throw CliError(exit_code::config, loaded.error());
    auto &document = *loaded;
    nlohmann::json out = nlohmann::json::array();
    const std::string only = list_options->handle.empty() ? "" : checked_handle(list_options->handle);
    if (!only.empty()) (void)account_json(document, only);
    for (const auto &account : document.json()["accounts"]) {
      const auto handle = policy::normalize_handle(account.value("handle", "")).value_or("");
      if (!only.empty() && handle != only) continue;
      for (const auto &r : account.value("rules", nlohmann::json::array())) {
        if (list_options->json) {
          nlohmann::json item = r;
          item["account"] = handle;
          out.push_back(item);
        } else {
          std::cout << "@" << handle << "\t" << util::terminal_text(r.value("id", "")) << "\t" << util::terminal_text(r.value("kind", ""))
                    << "\t" << util::terminal_text(r.value("severity", "")) << "\t" << util::terminal_text(r.value("message", "")) << "\n";
        }
      }
    }
    if (list_options->json) std::cout << util::terminal_json(out.dump(2)) << "\n";
  });
}

} // namespace handleguard::cli
