#pragma once
// Turns policy JSON into the model, reporting every problem found (not just the first).
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "policy/model.hpp"

namespace handleguard::policy {

struct PolicyError {
  std::string pointer; // RFC 6901 JSON pointer of the offending value ("" = the document)
  std::string message;
};

[[nodiscard]] std::string describe(const std::vector<PolicyError> &errors, const std::string &source);

[[nodiscard]] std::expected<Policy, std::vector<PolicyError>> parse_policy(std::string_view json_text);

// Reads and parses `path`; errors name the file.
[[nodiscard]] std::expected<Policy, std::string> load_policy_file(const std::filesystem::path &path);

} // namespace handleguard::policy
