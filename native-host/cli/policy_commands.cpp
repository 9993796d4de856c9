// `handleguard policy init|validate|show`.
#include <iostream>

#include "cli_support.hpp"
#include "policy/parse.hpp"
#include "policy/policy_document.hpp"

namespace handleguard::cli {

namespace {
std::filesystem::path chosen_policy(const Context &context, const std::string &file) {
  return file.empty() ? context.paths.policy_file() : std::filesystem::path(file);
}
} // namespace

void register_policy_commands(CLI::App &app, Context &context) {
  auto *policy = app.add_subcommand("policy", "Create, validate and show the policy");
  policy->require_subcommand(1);

  auto *init = policy->add_subcommand("init", "Write a starter policy (no accounts yet)");
  auto organization = std::make_shared<std::string>("My agency");
  auto force = std::make_shared<bool>(false);
  init->add_option("--organization", *organization, "Organisation named in the policy");
  auto keep_existing = std::make_shared<bool>(false);
  init->add_flag("--force", *force, "Replace an existing policy");
  init->add_flag("--keep-existing", *keep_existing, "Succeed without change when a policy exists (for scripts)");
  init->callback([&context, organization, force, keep_existing] {
    const auto path = context.paths.policy_file();
    if (std::filesystem::exists(path) && *keep_existing && !*force) {
      std::cout << "kept the existing policy " << path.string() << "\n";
      return;
    }
    if (std::filesystem::exists(path) && !*force) {
      throw CliError(exit_code::cant_create, path.string() + ": a policy already exists",
                     "keep it, or pass --force to replace it with an empty one");
    }
    auto document = policy::PolicyDocument::starter(path, *organization);
    if (auto saved = document.save(); !saved) throw CliError(exit_code::cant_create, saved.error());
    std::cout << "wrote " << path.string() << "\n";
  });

  auto *validate = policy->add_subcommand("validate", "Check a policy file; exit 0 valid, 1 invalid");
  auto validate_file = std::make_shared<std::string>();
  validate->add_option("file", *validate_file, "Policy file (default: the installed policy)");
  validate->callback([&context, validate_file] {
    const auto path = chosen_policy(context, *validate_file);
    if (!std::filesystem::exists(path)) throw CliError(exit_code::no_input, path.string() + ": no such file");
    auto loaded = policy::load_policy_file(path);
    if (!loaded) {
      std::cerr << loaded.error() << "\n";
      context.exit_status = exit_code::warn;
      return;
    }
    std::cout << path.string() << ": valid (serial " << loaded->serial << ", " << loaded->accounts.size()
              << " accounts)\n";
  });

  auto *show = policy->add_subcommand("show", "Print the policy in force");
  show->callback([&context] {
    const auto path = context.paths.policy_file();
    auto document = policy::PolicyDocument::load(path);
    if (!document) throw CliError(exit_code::config, document.error());
    std::cout << document->json().dump(2) << "\n";
  });
}

} // namespace handleguard::cli
