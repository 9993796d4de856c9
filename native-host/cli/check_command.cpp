// `handleguard check`: the same verdict the host gives, for one text.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "policy/parse.hpp"
#include "rules/engine.hpp"
#include "util/utf.hpp"

namespace handleguard::cli {

namespace {
int exit_status_for(rules::Decision decision) {
  switch (decision) {
  case rules::Decision::allow: return exit_code::ok;
  case rules::Decision::warn: return exit_code::warn;
  case rules::Decision::block: return exit_code::block;
  }
  return exit_code::block;
}

void print_human(const rules::Verdict &verdict, const std::string &text) {
  std::cout << rules::to_string(verdict.decision);
  if (verdict.identity.account != nullptr) {
    std::cout << " @" << verdict.identity.account->handle << " (" << verdict.identity.account->client << ")";
  }
  std::cout << "\n";
  const auto utf16 = util::to_utf16(text);
  for (const auto &violation : verdict.violations) {
    std::cout << "  " << policy::to_string(violation.severity) << " [" << violation.rule_id << "] " << violation.message;
    if (violation.span) {
      std::cout << " at " << violation.span->begin << "-" << violation.span->end << ": \""
                << util::to_utf8(std::u16string_view(utf16).substr(violation.span->begin, violation.span->end - violation.span->begin))
                << "\"";
    }
    std::cout << "\n";
  }
}
} // namespace

void register_check_command(CLI::App &app, Context &context) {
  struct Options {
    std::string account, user_id, text, action = "post";
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  auto *check = app.add_subcommand("check", "Judge a draft as the guard would; exit 0 allow, 1 warn, 2 block");
  check->add_option("--account", options->account, "The @handle the post would go out from")->required();
  check->add_option("--user-id", options->user_id, "The logged-in user id (default: the policy's id for the handle)");
  check->add_option("--text", options->text, "The post text")->required();
  check->add_option("--action", options->action, "post, reply, quote, dm, schedule, repost, like or follow")
      ->check(CLI::IsMember({"post", "reply", "quote", "dm", "schedule", "repost", "like", "follow"}));
  check->add_flag("--json", options->json, "Print the verdict as JSON");
  check->callback([&context, options] {
    auto loaded = policy::load_policy_file(context.paths.policy_file());
    if (!loaded) throw CliError(exit_code::config, loaded.error());
    if (!util::is_valid_utf8(options->text)) throw CliError(exit_code::data_error, "--text is not valid UTF-8");
    const rules::RuleEngine engine(std::move(*loaded));
    rules::CheckRequest request{options->account, options->user_id, options->text, options->action};
    if (request.user_id.empty()) {
      // An admin's dry run names the account by handle; the id is the policy's own.
      if (const auto *account = engine.policy().find_by_handle(request.handle)) request.user_id = account->user_id;
      else request.user_id = "0";
    }
    const auto verdict = engine.check(request);
    if (options->json) std::cout << rules::to_json(verdict).dump(2) << "\n";
    else print_human(verdict, options->text);
    context.exit_status = exit_status_for(verdict.decision);
  });
}

} // namespace handleguard::cli
