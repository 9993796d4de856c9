#pragma once
// Turns policy JSON into the model, reporting every problem found (not just the first), each
// with its JSON pointer and its line:column in the file.
#include <cstddef>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "policy/model.hpp"

namespace handleguard::policy {

struct PolicyError {
  std::string pointer; // RFC 6901 JSON pointer of the offending value ("" = the document)
  std::string message;
  std::size_t line = 0;   // 1-based; 0 when unknown
  std::size_t column = 0; // 1-based, in code points
};

// One line per error: "<source>:<line>:<column>: <pointer>: <message>".
[[nodiscard]] std::string describe(const std::vector<PolicyError> &errors, const std::string &source);

// `base_dir` is where relative lexicon paths are read from (the policy file's folder).
[[nodiscard]] std::expected<Policy, std::vector<PolicyError>> parse_policy(std::string_view json_text,
                                                                           const std::filesystem::path &base_dir = {});
// The same, for a caller that has already parsed `json_text` into `document` (with
// `json::parse(json_text, nullptr, false)`), so a large policy is not parsed twice.
[[nodiscard]] std::expected<Policy, std::vector<PolicyError>>
parse_policy(std::string_view json_text, const nlohmann::json &document, const std::filesystem::path &base_dir);

// Reads and parses `path`; errors name the file.
[[nodiscard]] std::expected<Policy, std::string> load_policy_file(const std::filesystem::path &path);
// The same, keeping every error apart (for `policy validate --json`).
[[nodiscard]] std::expected<Policy, std::vector<PolicyError>> load_policy_file_detailed(const std::filesystem::path &path);

} // namespace handleguard::policy
