#include "policy_editing.hpp"

#include "policy/model.hpp"
#include "util/message_excerpt.hpp"

namespace handleguard::cli {

policy::PolicyDocument open_policy(const Context &context) {
  auto document = policy::PolicyDocument::load(context.paths.policy_file());
  if (!document) throw CliError(exit_code::config, document.error(), "create one with `handleguard policy init`");
  return std::move(*document);
}

void save_policy(policy::PolicyDocument &document) {
  if (auto saved = document.save(); !saved) {
    const bool invalid = saved.error().kind == policy::SaveError::Kind::invalid;
    throw CliError(invalid ? exit_code::data_error : exit_code::cant_create, saved.error().message, "nothing was written");
  }
}

std::string checked_handle(const std::string &raw) {
  auto handle = policy::normalize_handle(raw);
  if (!handle) throw CliError(exit_code::usage, "\"" + util::message_excerpt(raw) + "\" is not an X handle", "1-15 letters, digits or _, e.g. @acme");
  return *handle;
}

nlohmann::json &account_json(policy::PolicyDocument &document, const std::string &handle) {
  auto &accounts = document.json()["accounts"];
  for (auto &account : accounts) {
    if (account.is_object() && account.contains("handle") && account["handle"].is_string() &&
        policy::normalize_handle(account["handle"].get<std::string>()) == handle) {
      return account;
    }
  }
  throw CliError(exit_code::data_error, "@" + handle + " is not in the policy", "see `handleguard account list`");
}

} // namespace handleguard::cli
