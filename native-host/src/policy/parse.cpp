#include "policy/parse.hpp"

#include <limits>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "policy/json_positions.hpp"
#include "policy/object_reader.hpp"
#include "policy/parse_rules.hpp"
#include "util/absent_file.hpp"
#include "util/atomic_file.hpp"
#include "util/json_depth.hpp"
#include "util/local_time.hpp"
#include "util/utf.hpp"

namespace handleguard::policy {

using nlohmann::json;
using detail::ObjectReader;

namespace {

bool is_colour(std::string_view text) {
  return text.size() == 7 && text[0] == '#' && text.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string_view::npos;
}

bool is_os_user_name(std::string_view name) {
  // POSIX portable user names, plus what Debian's adduser allows by default.
  return !name.empty() && name.size() <= 32 && name.front() != '-' &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-$") == std::string_view::npos;
}

std::optional<Staff> parse_staff_member(const json &value, const std::string &pointer, std::vector<PolicyError> &errors) {
  if (!value.is_object()) {
    errors.push_back({pointer, "a staff member must be an object"});
    return std::nullopt;
  }
  const std::size_t errors_before = errors.size();
  ObjectReader reader(value, pointer, errors);
  Staff staff;
  staff.id = reader.non_empty_string("id", true).value_or("");
  staff.name = reader.non_empty_string("name", true).value_or("");
  staff.initials = reader.string("initials", false).value_or("");
  if (!staff.initials.empty() && (staff.initials.size() > 8 || staff.initials.find_first_of(" \t\n") != std::string::npos)) {
    reader.fail("initials", "must be 1-8 characters without spaces, e.g. \"AD\"");
  }
  const auto users = reader.strings("os_users", false).value_or(std::vector<std::string>{});
  for (std::size_t i = 0; i < users.size(); ++i) {
    if (!is_os_user_name(users[i])) {
      errors.push_back({reader.at("os_users") + "/" + std::to_string(i), "\"" + users[i] + "\" is not an OS user name"});
    }
  }
  staff.os_users = users;
  reader.report_unknown_keys();
  if (errors.size() != errors_before) return std::nullopt;
  return staff;
}

std::optional<Account> parse_account(const json &value, const std::string &pointer, std::vector<PolicyError> &errors,
                                     const detail::RuleContext &context) {
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
  if (auto colour = reader.string("colour", false)) {
    if (is_colour(*colour)) account.colour = *colour;
    else {
      reader.fail("colour", "\"" + *colour + "\" is not a colour #rrggbb");
      ok = false;
    }
  }
  if (auto zone = reader.string("timezone", false)) {
    if (util::is_known_time_zone(*zone)) account.timezone = *zone;
    else {
      reader.fail("timezone", "\"" + *zone + "\" is not an IANA time zone such as \"Europe/Berlin\"");
      ok = false;
    }
  }
  account.guidelines = reader.string("guidelines", false).value_or("");
  if (auto staff = reader.strings("staff", false)) {
    for (std::size_t i = 0; i < staff->size(); ++i) {
      if (!context.staff_ids->contains((*staff)[i])) {
        errors.push_back({reader.at("staff") + "/" + std::to_string(i), "unknown staff id \"" + (*staff)[i] + "\""});
        ok = false;
      }
    }
    account.staff = *staff;
  }
  account.confirm_handle = reader.boolean("confirm_handle", false);
  if (const json *rules = reader.find("rules", false)) {
    if (!rules->is_array()) reader.fail("rules", "must be an array");
    else {
      std::set<std::string> ids;
      for (std::size_t i = 0; i < rules->size(); ++i) {
        const std::string rule_pointer = reader.at("rules") + "/" + std::to_string(i);
        if (auto rule = detail::parse_rule(rules->at(i), rule_pointer, errors, context)) {
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

// The `audit` section: how post text is kept, the syslog collector and the response commands.
void parse_audit_settings(const json &value, std::vector<PolicyError> &errors, AuditSettings &settings) {
  if (!value.is_object()) {
    errors.push_back({"/audit", "must be an object"});
    return;
  }
  ObjectReader reader(value, "/audit", errors);
  settings.post_text = reader.choice<PostTextMode>("post_text", false, {{"hash", PostTextMode::hash}, {"full", PostTextMode::full}})
                           .value_or(PostTextMode::hash);
  if (const json *syslog = reader.find("syslog", false)) {
    auto target = audit::parse_syslog_target(*syslog, "/audit/syslog");
    if (target) settings.syslog = std::move(*target);
    else errors.push_back({target.error().pointer, target.error().message});
  }
  if (const json *commands = reader.find("commands", false)) {
    auto parsed = audit::parse_response_commands(*commands, "/audit/commands");
    if (parsed) settings.commands = std::move(*parsed);
    else errors.push_back({parsed.error().pointer, parsed.error().message});
  }
  reader.report_unknown_keys();
}

void parse_document(const json &document, std::vector<PolicyError> &errors, Policy &policy,
                    const std::filesystem::path &base_dir) {
  ObjectReader reader(document, "", errors);
  if (auto schema = reader.integer("schema", true, 1, 1000)) {
    if (*schema != 1) reader.fail("schema", "unsupported schema " + std::to_string(*schema) + " (this version reads 1)");
  }
  if (auto serial = reader.integer("serial", false, 0, std::numeric_limits<std::int64_t>::max())) policy.serial = *serial;
  policy.organization = reader.string("organization", false).value_or("");
  (void)reader.find("expires", false); // checked before parsing, by signing::PolicyGate
  policy.unknown_account = reader
                               .choice<UnknownAccountMode>("unknown_account", false,
                                                           {{"block", UnknownAccountMode::block},
                                                            {"warn", UnknownAccountMode::warn},
                                                            {"allow", UnknownAccountMode::allow}})
                               .value_or(UnknownAccountMode::block);
  policy.require_work_as = reader.boolean("require_work_as", false).value_or(false);
  policy.confirm_handle = reader
                              .choice<ConfirmHandle>("confirm_handle", false,
                                                     {{"never", ConfirmHandle::never},
                                                      {"brand", ConfirmHandle::brand},
                                                      {"always", ConfirmHandle::always}})
                              .value_or(ConfirmHandle::never);

  if (const json *audit = reader.find("audit", false)) parse_audit_settings(*audit, errors, policy.audit);

  std::set<std::string> staff_ids;
  std::map<std::string, std::string> os_user_owner;
  if (const json *staff = reader.find("staff", false)) {
    if (!staff->is_array()) reader.fail("staff", "must be an array");
    else {
      for (std::size_t i = 0; i < staff->size(); ++i) {
        const std::string pointer = "/staff/" + std::to_string(i);
        auto member = parse_staff_member(staff->at(i), pointer, errors);
        if (!member) continue;
        if (!staff_ids.insert(member->id).second) {
          errors.push_back({pointer + "/id", "duplicate staff id \"" + member->id + "\""});
          continue;
        }
        for (std::size_t u = 0; u < member->os_users.size(); ++u) {
          const auto [owner, fresh] = os_user_owner.emplace(member->os_users[u], member->id);
          if (!fresh) {
            errors.push_back({pointer + "/os_users/" + std::to_string(u),
                              "OS user \"" + member->os_users[u] + "\" already belongs to staff \"" + owner->second + "\""});
          }
        }
        policy.staff.push_back(std::move(*member));
      }
    }
  }

  detail::LexiconCache lexicons;
  const detail::RuleContext context{base_dir, &staff_ids, &lexicons};
  std::set<std::string> seen_handles, seen_user_ids;
  if (const json *accounts = reader.find("accounts", true)) {
    if (!accounts->is_array()) reader.fail("accounts", "must be an array");
    else {
      for (std::size_t i = 0; i < accounts->size(); ++i) {
        const std::string pointer = "/accounts/" + std::to_string(i);
        // Duplicates are found from the raw values, so an account with another mistake still
        // claims its handle and id (one error per mistake, none hidden behind another).
        const json &raw = accounts->at(i);
        bool duplicate = false;
        if (raw.is_object()) {
          const auto handle = raw.contains("handle") && raw.at("handle").is_string()
                                  ? normalize_handle(raw.at("handle").get<std::string>()) : std::nullopt;
          const auto user_id = raw.contains("user_id") && raw.at("user_id").is_string()
                                   ? std::optional<std::string>(raw.at("user_id").get<std::string>()) : std::nullopt;
          if (handle && !seen_handles.insert(*handle).second) {
            errors.push_back({pointer + "/handle", "duplicate handle @" + *handle});
            duplicate = true;
          } else if (user_id && !seen_user_ids.insert(*user_id).second) {
            errors.push_back({pointer + "/user_id", "duplicate user_id " + *user_id});
            duplicate = true;
          }
        }
        auto account = parse_account(raw, pointer, errors, context);
        if (account && !duplicate) policy.accounts.push_back(std::move(*account));
      }
    }
  }
  reader.report_unknown_keys();
}

} // namespace

std::string describe(const std::vector<PolicyError> &errors, const std::string &source) {
  std::string out;
  for (const auto &error : errors) {
    out += source;
    if (error.line > 0) out += ":" + std::to_string(error.line) + ":" + std::to_string(error.column);
    out += ": " + (error.pointer.empty() ? std::string("/") : error.pointer) + ": " + error.message + "\n";
  }
  if (!out.empty()) out.pop_back();
  return out;
}

std::expected<Policy, std::vector<PolicyError>> parse_policy(std::string_view json_text, const std::filesystem::path &base_dir) {
  return parse_policy(json_text, json::parse(json_text, nullptr, false), base_dir);
}

std::expected<Policy, std::vector<PolicyError>> parse_policy(std::string_view json_text, const json &document,
                                                             const std::filesystem::path &base_dir) {
  if (!util::is_valid_utf8(json_text)) return std::unexpected(std::vector<PolicyError>{{"", "not valid UTF-8", 0, 0}});
  // Before anything recursive (syntax check, key positions) sees it: a policy file nested
  // 100,000 deep overflowed the host's stack (tests/fuzz/regressions/policy_parse/).
  constexpr std::size_t max_policy_depth = 64; // a policy nests about six levels
  if (util::json_nesting_exceeds(json_text, max_policy_depth)) {
    return std::unexpected(std::vector<PolicyError>{
        {"", "nests deeper than " + std::to_string(max_policy_depth) + " levels; no policy does", 0, 0}});
  }
  if (document.is_discarded()) {
    // Only a text that failed to parse is scanned again, for where and why.
    if (auto syntax = find_syntax_error(json_text)) {
      return std::unexpected(
          std::vector<PolicyError>{{"", "not valid JSON: " + syntax->message, syntax->position.line, syntax->position.column}});
    }
    return std::unexpected(std::vector<PolicyError>{{"", "not valid JSON", 0, 0}});
  }
  if (!document.is_object()) return std::unexpected(std::vector<PolicyError>{{"", "the policy must be a JSON object", 1, 1}});

  std::vector<PolicyError> errors;
  const JsonPositions keys(json_text, false);
  for (const auto &duplicate : keys.duplicate_keys()) {
    errors.push_back({duplicate.pointer, "duplicate key (JSON keeps only one of them silently)", duplicate.position.line,
                      duplicate.position.column});
  }
  Policy policy;
  parse_document(document, errors, policy, base_dir);
  if (errors.empty()) return policy;
  // Positions are needed only to report errors: a valid policy does not pay for them.
  const JsonPositions positions(json_text);
  for (auto &error : errors) {
    if (error.line != 0) continue;
    const auto position = positions.locate(error.pointer);
    error.line = position.line;
    error.column = position.column;
  }
  return std::unexpected(std::move(errors));
}

std::expected<Policy, std::vector<PolicyError>> load_policy_file_detailed(const std::filesystem::path &path) {
  if (util::is_absent(path)) { // a policy that cannot be looked at is not missing: read_file says why
    return std::unexpected(std::vector<PolicyError>{{"", "no policy file (create one with `handleguard policy init`)", 0, 0}});
  }
  auto content = util::read_file(path);
  if (!content) return std::unexpected(std::vector<PolicyError>{{"", content.error(), 0, 0}});
  return parse_policy(*content, path.parent_path());
}

std::expected<Policy, std::string> load_policy_file(const std::filesystem::path &path) {
  auto policy = load_policy_file_detailed(path);
  if (!policy) return std::unexpected(describe(policy.error(), path.string()));
  return std::move(*policy);
}

} // namespace handleguard::policy
