#pragma once
// Shared by the commands that edit the policy file (account, rule, staff).
#include <string>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "policy/policy_document.hpp"

namespace handleguard::cli {

// Loads the policy for editing; a missing or broken file ends the command.
[[nodiscard]] policy::PolicyDocument open_policy(const Context &context);
// Validates and writes it atomically, raising the serial; an invalid result ends the command.
void save_policy(policy::PolicyDocument &document);
// The normalised handle, or a usage error.
[[nodiscard]] std::string checked_handle(const std::string &raw);
// The account object of `handle` in the document, or a data error.
[[nodiscard]] nlohmann::json &account_json(policy::PolicyDocument &document, const std::string &handle);

} // namespace handleguard::cli
