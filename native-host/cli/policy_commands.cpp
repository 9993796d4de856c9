// `handleguard policy init|validate|show`.
#include <iostream>

#include "argument_checks.hpp"
#include "cli_support.hpp"
#include "password_prompt.hpp"
#include "policy_editing.hpp"

#include "policy/parse.hpp"
#include "policy/passphrase.hpp"
#include "policy/policy_document.hpp"
#include "util/atomic_file.hpp"
#include "util/terminal_text.hpp"

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
  init->add_option("--organization", *organization, "Organisation named in the policy")->check(utf8_text());
  auto keep_existing = std::make_shared<bool>(false);
  init->add_flag("--force", *force, "Replace an existing policy");
  init->add_flag("--keep-existing", *keep_existing, "Succeed without change when a policy exists (for scripts)");
  init->callback([&context, organization, force, keep_existing] {
    const auto path = context.paths.policy_file();
    // The folder first, so that even the first policy is written under its lock: an `account
    // add` running meanwhile must not see its account replaced by an empty starter.
    if (auto made = util::make_private_dirs(path.parent_path()); !made) throw CliError(exit_code::cant_create, made.error());
    const FolderLock lock = lock_policy_folder(path);
    const util::FileStamp before = util::stamp_of(path);
    const bool exists = output_exists(path);
    if (exists && *keep_existing && !*force) {
      std::cout << "kept the existing policy " << path.string() << "\n";
      return;
    }
    if (exists && !*force) {
      throw CliError(exit_code::cant_create, path.string() + ": a policy already exists",
                     "keep it, or pass --force to replace it with an empty one");
    }
    auto document = policy::PolicyDocument::starter(path, *organization);
    require_unchanged(path, before, "the starter policy");
    if (auto saved = document.save(); !saved) throw CliError(exit_code::cant_create, saved.error().message);
    std::cout << "wrote " << path.string() << "\n";
  });

  auto *validate = policy->add_subcommand("validate", "Check a policy file; exit 0 valid, 1 invalid (one line per problem)");
  auto validate_file = std::make_shared<std::string>();
  auto validate_json = std::make_shared<bool>(false);
  validate->add_option("file", *validate_file, "Policy file (default: the installed policy)");
  validate->add_flag("--json", *validate_json, "Print the result as JSON: {valid, errors: [{pointer, line, column, message}]}");
  validate->callback([&context, validate_file, validate_json] {
    const auto path = chosen_policy(context, *validate_file);
    require_input_file(path);
    auto loaded = policy::load_policy_file_detailed(path);
    if (*validate_json) {
      nlohmann::json errors = nlohmann::json::array();
      if (!loaded) {
        for (const auto &error : loaded.error()) {
          errors.push_back({{"pointer", error.pointer}, {"line", error.line}, {"column", error.column}, {"message", error.message}});
        }
      }
      nlohmann::json out = {{"file", path.string()}, {"valid", loaded.has_value()}, {"errors", errors}};
      if (loaded) {
        out["serial"] = loaded->serial;
        out["accounts"] = loaded->accounts.size();
      }
      std::cout << util::terminal_json(out.dump(2)) << "\n";
    } else if (!loaded) {
      std::cerr << util::terminal_lines(policy::describe(loaded.error(), path.string())) << "\n";
      std::cerr << loaded.error().size() << (loaded.error().size() == 1 ? " problem" : " problems") << "; the policy is invalid\n";
    } else {
      std::cout << path.string() << ": valid (serial " << loaded->serial << ", " << loaded->accounts.size() << " accounts, "
                << loaded->staff.size() << " staff)\n";
    }
    if (!loaded) context.exit_status = exit_code::warn;
  });

  auto *hash = policy->add_subcommand("hash-passphrase",
                                      "Read a supervisor passphrase from standard input and print its Argon2id hash for the policy");
  hash->callback([] {
    // As a key's password: one line of at most 1024 bytes, in memory that is wiped; a stream
    // without a line end (`< /dev/zero`) is refused at that size instead of read forever.
    const Password passphrase = read_password("Supervisor passphrase", false);
    auto hashed = policy::hash_passphrase(passphrase.text());
    if (!hashed) throw CliError(exit_code::usage, hashed.error(), "choose a passphrase of several words");
    std::cout << *hashed << "\n";
  });

  auto *show = policy->add_subcommand("show", "Print the policy in force");
  show->callback([&context] {
    const auto path = context.paths.policy_file();
    auto document = policy::PolicyDocument::load(path);
    if (!document) throw CliError(exit_code::config, document.error());
    std::cout << util::terminal_json(document->json().dump(2)) << "\n";
  });
}

} // namespace handleguard::cli
