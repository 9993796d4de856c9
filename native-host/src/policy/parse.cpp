#include "policy/parse.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "util/atomic_file.hpp"
#include "util/utf.hpp"

namespace handleguard::policy {

using nlohmann::json;

namespace {

// Reads fields of one JSON object, remembering which keys were used so the rest can be
// reported as unknown: a misspelt rule field must not silently switch a rule off.
class ObjectReader {
public:
  ObjectReader(const json &object, std::string pointer, std::vector<PolicyError> &errors)
      : object_(object), pointer_(std::move(pointer)), errors_(errors) {}

  [[nodiscard]] std::string at(std::string_view key) const { return pointer_ + "/" + std::string(key); }
  void fail(std::string_view key, std::string message) const { errors_.push_back({at(key), std::move(message)}); }

  const json *find(std::string_view key, bool required) {
    known_.insert(std::string(key));
    const auto found = object_.find(std::string(key));
    if (found == object_.end()) {
      if (required) errors_.push_back({pointer_, "missing required field \"" + std::string(key) + "\""});
      return nullptr;
    }
    return &*found;
  }

  std::optional<std::string> string(std::string_view key, bool required) {
    const json *value = find(key, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
      fail(key, "must be a string");
      return std::nullopt;
    }
    return value->get<std::string>();
  }

  std::optional<std::int64_t> integer(std::string_view key, bool required) {
    const json *value = find(key, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer()) {
      fail(key, "must be an integer");
      return std::nullopt;
    }
    return value->get<std::int64_t>();
  }

  template <typename Enum>
  std::optional<Enum> choice(std::string_view key, bool required,
                             std::initializer_list<std::pair<std::string_view, Enum>> options) {
    auto text = string(key, required);
    if (!text) return std::nullopt;
    for (const auto &[name, value] : options) {
      if (*text == name) return value;
    }
    std::string names;
    for (const auto &[name, value] : options) names += (names.empty() ? "" : ", ") + std::string(name);
    fail(key, "must be one of: " + names + " (got \"" + *text + "\")");
    return std::nullopt;
  }

  void report_unknown_keys() const {
    for (const auto &[key, value] : object_.items()) {
      if (!known_.contains(key)) errors_.push_back({at(key), "unknown field \"" + key + "\""});
    }
  }

private:
  const json &object_;
  std::string pointer_;
  std::vector<PolicyError> &errors_;
  std::set<std::string> known_;
};

std::optional<BannedTermsRule> parse_banned_terms(ObjectReader &reader, std::vector<PolicyError> &errors) {
  const json *terms = reader.find("terms", true);
  if (terms == nullptr) return std::nullopt;
  if (!terms->is_array() || terms->empty()) {
    reader.fail("terms", "must be a non-empty array of terms");
    return std::nullopt;
  }
  BannedTermsRule rule;
  for (std::size_t i = 0; i < terms->size(); ++i) {
    const json &term = (*terms)[i];
    const std::string pointer = reader.at("terms") + "/" + std::to_string(i);
    if (term.is_string() && !term.get<std::string>().empty()) {
      rule.terms.push_back({term.get<std::string>(), false});
    } else if (term.is_object()) {
      ObjectReader term_reader(term, pointer, errors);
      auto text = term_reader.string("term", true);
      auto match = term_reader.choice<bool>("match", false, {{"word", false}, {"substring", true}});
      term_reader.report_unknown_keys();
      if (text && !text->empty()) rule.terms.push_back({*text, match.value_or(false)});
      else if (text) errors.push_back({pointer + "/term", "must not be empty"});
    } else {
      errors.push_back({pointer, "must be a non-empty string or {\"term\", \"match\"}"});
    }
  }
  return rule;
}

std::optional<Rule> parse_rule(const json &value, const std::string &pointer, std::vector<PolicyError> &errors) {
  if (!value.is_object()) {
    errors.push_back({pointer, "a rule must be an object"});
    return std::nullopt;
  }
  ObjectReader reader(value, pointer, errors);
  Rule rule;
  rule.id = reader.string("id", true).value_or("");
  auto severity = reader.choice<Severity>("severity", true, {{"warn", Severity::warn}, {"block", Severity::block}});
  rule.message = reader.string("message", false).value_or("");
  const auto kind = reader.string("kind", true);
  std::optional<RuleBody> body;
  if (kind == "banned_terms") {
    if (auto parsed = parse_banned_terms(reader, errors)) body = std::move(*parsed);
  } else if (kind) {
    reader.fail("kind", "unknown rule kind \"" + *kind + "\" (known: banned_terms)");
  }
  reader.report_unknown_keys();
  if (rule.id.empty() || !severity || !body) return std::nullopt;
  rule.severity = *severity;
  rule.body = std::move(*body);
  return rule;
}

std::optional<Account> parse_account(const json &value, const std::string &pointer,
                                     std::vector<PolicyError> &errors) {
  if (!value.is_object()) {
    errors.push_back({pointer, "an account must be an object"});
    return std::nullopt;
  }
  ObjectReader reader(value, pointer, errors);
  Account account;
  bool ok = true;
  if (auto handle = reader.string("handle", true)) {
    if (auto normalized = normalize_handle(*handle)) account.handle = *normalized;
    else {
      reader.fail("handle", "\"" + *handle + "\" is not an X handle (1-15 letters, digits or _)");
      ok = false;
    }
  } else ok = false;
  if (auto user_id = reader.string("user_id", true)) {
    if (is_valid_user_id(*user_id)) account.user_id = *user_id;
    else {
      reader.fail("user_id", "must be a decimal string such as \"783214\" (X ids do not fit a JSON number)");
      ok = false;
    }
  } else ok = false;
  account.display_name = reader.string("display_name", false).value_or("");
  account.client = reader.string("client", true).value_or("");
  auto kind = reader.choice<AccountKind>("kind", true,
                                         {{"brand", AccountKind::brand}, {"personal", AccountKind::personal}});
  ok = ok && kind.has_value();
  if (kind) account.kind = *kind;
  if (const json *rules = reader.find("rules", false)) {
    if (!rules->is_array()) reader.fail("rules", "must be an array");
    else {
      std::set<std::string> ids;
      for (std::size_t i = 0; i < rules->size(); ++i) {
        const std::string rule_pointer = reader.at("rules") + "/" + std::to_string(i);
        if (auto rule = parse_rule((*rules)[i], rule_pointer, errors)) {
          if (!ids.insert(rule->id).second) errors.push_back({rule_pointer + "/id", "duplicate rule id \"" + rule->id + "\""});
          account.rules.push_back(std::move(*rule));
        }
      }
    }
  }
  reader.report_unknown_keys();
  if (!ok) return std::nullopt;
  return account;
}

} // namespace

std::string describe(const std::vector<PolicyError> &errors, const std::string &source) {
  std::string out;
  for (const auto &error : errors) {
    out += source + ": " + (error.pointer.empty() ? "/" : error.pointer) + ": " + error.message + "\n";
  }
  if (!out.empty()) out.pop_back();
  return out;
}

std::expected<Policy, std::vector<PolicyError>> parse_policy(std::string_view json_text) {
  std::vector<PolicyError> errors;
  if (!util::is_valid_utf8(json_text)) return std::unexpected(std::vector<PolicyError>{{"", "not valid UTF-8"}});
  const json document = json::parse(json_text, nullptr, false);
  if (document.is_discarded()) return std::unexpected(std::vector<PolicyError>{{"", "not valid JSON"}});
  if (!document.is_object()) return std::unexpected(std::vector<PolicyError>{{"", "the policy must be a JSON object"}});

  ObjectReader reader(document, "", errors);
  Policy policy;
  if (auto schema = reader.integer("schema", true)) {
    if (*schema != 1) reader.fail("schema", "unsupported schema " + std::to_string(*schema) + " (this version reads 1)");
  }
  if (auto serial = reader.integer("serial", false)) {
    if (*serial < 0) reader.fail("serial", "must not be negative");
    else policy.serial = *serial;
  }
  policy.organization = reader.string("organization", false).value_or("");
  (void)reader.find("expires", false); // checked before parsing, by signing::PolicyGate
  policy.unknown_account = reader
                               .choice<UnknownAccountMode>("unknown_account", false,
                                                           {{"block", UnknownAccountMode::block},
                                                            {"warn", UnknownAccountMode::warn},
                                                            {"allow", UnknownAccountMode::allow}})
                               .value_or(UnknownAccountMode::block);
  if (const json *accounts = reader.find("accounts", true)) {
    if (!accounts->is_array()) reader.fail("accounts", "must be an array");
    else {
      for (std::size_t i = 0; i < accounts->size(); ++i) {
        const std::string pointer = "/accounts/" + std::to_string(i);
        auto account = parse_account((*accounts)[i], pointer, errors);
        if (!account) continue;
        if (policy.find_by_handle(account->handle) != nullptr) {
          errors.push_back({pointer + "/handle", "duplicate handle @" + account->handle});
        } else if (policy.find_by_user_id(account->user_id) != nullptr) {
          errors.push_back({pointer + "/user_id", "duplicate user_id " + account->user_id});
        } else {
          policy.accounts.push_back(std::move(*account));
        }
      }
    }
  }
  reader.report_unknown_keys();
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return policy;
}

std::expected<Policy, std::string> load_policy_file(const std::filesystem::path &path) {
  std::error_code exists_error;
  if (!std::filesystem::exists(path, exists_error)) {
    return std::unexpected(path.string() + ": no policy file (create one with `handleguard policy init`)");
  }
  auto content = util::read_file(path);
  if (!content) return std::unexpected(content.error());
  auto policy = parse_policy(*content);
  if (!policy) return std::unexpected(describe(policy.error(), path.string()));
  return std::move(*policy);
}

} // namespace handleguard::policy
