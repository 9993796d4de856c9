#pragma once
// Parses one rule of an account (its common fields and its kind's body); used by parse.cpp.
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "policy/model.hpp"
#include "policy/parse.hpp"

namespace handleguard::policy::detail {

struct RuleContext {
  std::filesystem::path base_dir;       // lexicon paths are relative to it
  const std::set<std::string> *staff_ids; // known staff, for staff rules
};

[[nodiscard]] std::optional<Rule> parse_rule(const nlohmann::json &value, const std::string &pointer,
                                             std::vector<PolicyError> &errors, const RuleContext &context);

} // namespace handleguard::policy::detail
