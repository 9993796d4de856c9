#pragma once
// Parses one rule of an account (its common fields and its kind's body); used by parse.cpp.
#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "policy/model.hpp"
#include "policy/parse.hpp"
#include "text/lexicon.hpp"

namespace handleguard::policy::detail {

// Lexicon files already read during one parse, by path and pinned hash: accounts often share a
// list, which is then read, hashed and checked once.
using LexiconCache = std::map<std::pair<std::string, std::string>, std::expected<text::Lexicon, std::string>>;

struct RuleContext {
  std::filesystem::path base_dir;       // lexicon paths are relative to it
  const std::set<std::string> *staff_ids; // known staff, for staff rules
  LexiconCache *lexicons = nullptr;       // may be null: then every listing reads its file
};

[[nodiscard]] std::optional<Rule> parse_rule(const nlohmann::json &value, const std::string &pointer,
                                             std::vector<PolicyError> &errors, const RuleContext &context);

} // namespace handleguard::policy::detail
