// `handleguard key generate`: an admin's policy-signing key pair, in minisign's formats.
#include <iostream>

#include "argument_checks.hpp"
#include "cli_support.hpp"
#include "password_prompt.hpp"
#include "signing/minisign.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::cli {

void register_key_commands(CLI::App &app, Context &context) {
  auto *key = app.add_subcommand("key", "Create policy-signing keys (minisign format)");
  key->require_subcommand(1);

  auto *generate = key->add_subcommand(
      "generate", "Write NAME.pub and NAME.key (secret key encrypted with a password, as minisign does)");
  auto dir = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>("policy-signing");
  auto unencrypted = std::make_shared<bool>(false);
  auto fast_kdf = std::make_shared<bool>(false);
  auto force = std::make_shared<bool>(false);
  generate->add_option("--dir", *dir, "Folder for the key files (default: the config folder's keys/)");
  generate->add_option("--name", *name, "Base name of the key files");
  generate->add_flag("--unencrypted", *unencrypted, "Store the secret key without a password (like minisign -W)");
  generate->add_flag("--fast-kdf", *fast_kdf,
                     "Derive the key's encryption with 16 MiB of scrypt instead of minisign's 1 GiB (tests only)");
  generate->add_flag("--force", *force, "Replace existing key files");
  generate->callback([&context, dir, name, unencrypted, fast_kdf, force] {
    const std::filesystem::path folder = dir->empty() ? context.paths.keys_dir() : std::filesystem::path(*dir);
    const auto public_path = folder / (*name + ".pub");
    const auto secret_path = folder / (*name + ".key");
    if (!*force && (output_exists(public_path) || output_exists(secret_path))) {
      throw CliError(exit_code::cant_create, secret_path.string() + ": a key already exists",
                     "keep it, choose another --name, or pass --force to replace it");
    }
    Password password;
    if (!*unencrypted) {
      password = read_password("Password for the new secret key", true);
      if (password.length == 0) {
        throw CliError(exit_code::usage, "empty password", "give a password, or pass --unencrypted for a key without one");
      }
    }
    auto pair = signing::generate_key_pair(*unencrypted ? std::string_view() : password.text(), !*unencrypted,
                                           *fast_kdf ? signing::KdfStrength::interactive
                                                     : signing::KdfStrength::sensitive);
    if (!pair) throw CliError(exit_code::software, pair.error());
    if (auto made = util::make_private_dirs(folder); !made) throw CliError(exit_code::cant_create, made.error());
    if (auto saved = util::write_file_atomically(secret_path, pair->secret_file, 0600); !saved) {
      throw CliError(exit_code::cant_create, saved.error());
    }
    if (auto saved = util::write_file_atomically(public_path, pair->public_file, 0644); !saved) {
      throw CliError(exit_code::cant_create, saved.error());
    }
    std::cerr << "wrote " << secret_path.string() << " (keep it secret) and " << public_path.string() << "\n"
              << "add the public key to trust.json's \"trusted_keys\" on every workstation\n";
    std::cout << pair->public_key.base64() << "\n";
  });
}

} // namespace handleguard::cli
