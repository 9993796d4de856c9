// `handleguard policy sign|verify`: minisign signatures over the policy file.
#include <chrono>
#include <iostream>

#include <nlohmann/json.hpp>

#include "argument_checks.hpp"
#include "cli_support.hpp"
#include "password_prompt.hpp"
#include "policy_editing.hpp"
#include "signing/minisign.hpp"
#include "signing/policy_gate.hpp"
#include "signing/trust.hpp"
#include "util/atomic_file.hpp"
#include "util/terminal_text.hpp"

namespace handleguard::cli {

namespace {
std::int64_t serial_of(std::string_view policy_text) {
  const auto document = nlohmann::json::parse(policy_text, nullptr, false);
  if (!document.is_object()) return 0;
  const auto serial = document.find("serial");
  return serial != document.end() && serial->is_number_integer() ? serial->get<std::int64_t>() : 0;
}
} // namespace

void register_signing_commands(CLI::App &app, Context &context) {
  auto *policy = app.get_subcommand("policy");

  auto *sign = policy->add_subcommand("sign", "Sign a policy: writes FILE.minisig, which `minisign -V` also verifies");
  auto sign_file = std::make_shared<std::string>();
  auto secret_key = std::make_shared<std::string>();
  auto comment = std::make_shared<std::string>();
  sign->add_option("file", *sign_file, "Policy file (default: the installed policy)");
  sign->add_option("-s,--secret-key", *secret_key, "Secret key file (default: the config folder's keys/policy-signing.key)");
  sign->add_option("-t,--trusted-comment", *comment, "Trusted comment (default: time, file name and serial)");
  sign->callback([&context, sign_file, secret_key, comment] {
    const std::filesystem::path path = sign_file->empty() ? context.paths.policy_file() : std::filesystem::path(*sign_file);
    const std::filesystem::path key_path =
        secret_key->empty() ? context.paths.keys_dir() / "policy-signing.key" : std::filesystem::path(*secret_key);
    require_input_file(path);
    const std::string key_text = read_input_file(key_path);
    Password password;
    if (signing::secret_key_is_encrypted(key_text)) password = read_password("Password for " + key_path.string(), false);
    auto key = signing::parse_secret_key(key_text, password.buffer ? password.text() : std::string_view());
    if (!key) throw CliError(exit_code::data_error, key_path.string() + ": " + key.error());
    // Locked only now, after the password prompt, which may take longer than an editing command
    // waits: a policy edited while being signed would be left with a signature of the old text.
    const FolderLock lock = lock_policy_folder(path);
    const util::FileStamp before = util::stamp_of(path);
    const std::string policy_text = read_input_file(path);
    std::string trusted_comment = *comment;
    if (trusted_comment.empty()) {
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::system_clock::now().time_since_epoch());
      trusted_comment = "timestamp:" + std::to_string(now.count()) + "\tfile:" + path.filename().string() +
                        "\tserial:" + std::to_string(serial_of(policy_text)) + "\thashed";
    }
    auto signature = signing::sign(signing::as_bytes(policy_text), *key, trusted_comment);
    if (!signature) throw CliError(exit_code::data_error, signature.error());
    const auto signature_file = signing::signature_path(path);
    require_unchanged(path, before, "the signature");
    if (auto saved = util::write_file_atomically(signature_file, *signature, 0644); !saved) {
      throw CliError(exit_code::cant_create, saved.error());
    }
    std::cout << "signed " << path.string() << " with key " << key->public_key().id_text() << ": wrote "
              << signature_file.string() << "\n";
  });

  auto *verify = policy->add_subcommand(
      "verify", "Check a policy's signature, serial and expiry as the host would; exit 0 ok, 1 refused");
  auto verify_file = std::make_shared<std::string>();
  auto public_key = std::make_shared<std::string>();
  verify->add_option("file", *verify_file, "Policy file (default: the installed policy)");
  verify->add_option("-p,--public-key", *public_key,
                     "Trust only this .pub file and require a signature (default: the trust settings)");
  verify->callback([&context, verify_file, public_key] {
    const std::filesystem::path path =
        verify_file->empty() ? context.paths.policy_file() : std::filesystem::path(*verify_file);
    const std::string policy_text = read_input_file(path);
    std::expected<signing::TrustSettings, std::string> trust = signing::load_trust(context.paths);
    if (!public_key->empty()) {
      auto key = signing::parse_public_key(read_input_file(*public_key));
      if (!key) throw CliError(exit_code::data_error, *public_key + ": " + key.error());
      trust = signing::TrustSettings{{*key}, true, *public_key};
    }
    const signing::PolicyGate gate(trust, context.paths.policy_serial_file());
    auto accepted = gate.check(path, policy_text);
    if (!accepted) {
      std::cerr << util::terminal_lines(accepted.error()) << "\n";
      context.exit_status = exit_code::warn;
      return;
    }
    std::cout << path.string() << ": " << (accepted->is_signed ? "signature ok, key " + accepted->signer_key_id : "not signed (not required)")
              << ", serial " << accepted->serial;
    if (accepted->expires) std::cout << ", expires " << signing::format_utc_time(*accepted->expires);
    std::cout << "\n";
    if (accepted->is_signed) std::cout << "trusted comment: " << util::terminal_lines(accepted->trusted_comment) << "\n";
    if (auto warning = signing::PolicyGate::expiry_warning(*accepted, signing::Clock::now()); !warning.empty()) {
      std::cerr << "warning: " << warning << "\n";
    }
  });
}

} // namespace handleguard::cli
