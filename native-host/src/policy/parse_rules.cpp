#include "policy/parse_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "policy/lexicon_file.hpp"
#include "policy/object_reader.hpp"
#include "policy/passphrase.hpp"
#include "text/pattern.hpp"
#include "text/term_matcher.hpp"
#include "util/local_time.hpp"

namespace handleguard::policy::detail {

using nlohmann::json;

namespace {

constexpr std::string_view known_kinds =
    "banned_terms, pattern, required, hashtags, mentions, links, length, schedule, rate, staff, signature, lockdown";
constexpr int max_long_post_length = 25000;

std::vector<BannedTerm> parse_terms(ObjectReader &reader, std::string_view key, bool required) {
  std::vector<BannedTerm> terms;
  const json *list = reader.find(key, required);
  if (list == nullptr) return terms;
  if (!list->is_array()) {
    reader.fail(key, "must be an array of terms");
    return terms;
  }
  terms.reserve(list->size());
  // The pointer of a term is spelt out only when needed: a lexicon may hold thousands of terms.
  const auto pointer = [&](std::size_t i) { return reader.at(key) + "/" + std::to_string(i); };
  // A term the matcher folds to nothing (an emoji, punctuation) would never match: a rule that
  // silently guards nothing. Lexicon files refuse such terms too (text/lexicon.cpp).
  const auto matchable = [&](std::size_t i, const std::string &text) {
    const bool has_ascii_letter_or_digit = std::ranges::any_of(text, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
    if (has_ascii_letter_or_digit || text::TermMatcher::can_match(text)) return true;
    reader.errors().push_back({pointer(i), "\"" + text + "\" has no letter or digit, so it could never match (emoji and punctuation alone are not matched)"});
    return false;
  };
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json &term = list->at(i);
    if (term.is_string() && !term.get_ref<const std::string &>().empty()) {
      if (matchable(i, term.get_ref<const std::string &>())) terms.push_back({term.get<std::string>(), false});
    } else if (term.is_object()) {
      ObjectReader term_reader(term, pointer(i), reader.errors());
      auto text = term_reader.non_empty_string("term", true);
      auto match = term_reader.choice<bool>("match", false, {{"word", false}, {"substring", true}});
      term_reader.report_unknown_keys();
      if (text && matchable(i, *text)) terms.push_back({*text, match.value_or(false)});
    } else {
      reader.errors().push_back({pointer(i), "must be a non-empty string or {\"term\", \"match\"}"});
    }
  }
  return terms;
}

std::optional<BannedTermsRule> parse_banned_terms(ObjectReader &reader, const RuleContext &context) {
  BannedTermsRule rule;
  const std::size_t problems_before = reader.errors().size();
  rule.terms = parse_terms(reader, "terms", false);
  const bool terms_refused = reader.errors().size() > problems_before; // each reported by itself, not as "no terms" too
  bool has_lexicon = false;
  if (const json *lexicons = reader.find("lexicons", false)) {
    if (!lexicons->is_array()) reader.fail("lexicons", "must be an array of {\"path\", \"sha256\"}");
    else {
      for (std::size_t i = 0; i < lexicons->size(); ++i) {
        const std::string pointer = reader.at("lexicons") + "/" + std::to_string(i);
        if (!lexicons->at(i).is_object()) {
          reader.errors().push_back({pointer, "must be {\"path\", \"sha256\"}"});
          continue;
        }
        ObjectReader lexicon(lexicons->at(i), pointer, reader.errors());
        auto path = lexicon.non_empty_string("path", true);
        auto hash = lexicon.string("sha256", true);
        lexicon.report_unknown_keys();
        if (hash && (hash->size() != 64 || hash->find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)) {
          lexicon.fail("sha256", "must be 64 hexadecimal digits (sha256sum of the file)");
          hash.reset();
        }
        has_lexicon = true; // listed: a broken one is reported by itself, not as "no terms" too
        if (!path || !hash) continue;
        std::filesystem::path file(*path);
        if (file.is_relative()) file = context.base_dir / file;
        std::optional<std::expected<text::Lexicon, std::string>> read_here;
        const auto &terms = [&]() -> const std::expected<text::Lexicon, std::string> & {
          if (context.lexicons == nullptr) return read_here.emplace(read_pinned_lexicon(file, *hash));
          const auto key = std::make_pair(file.lexically_normal().string(), *hash);
          if (const auto found = context.lexicons->find(key); found != context.lexicons->end()) return found->second;
          return context.lexicons->emplace(key, read_pinned_lexicon(file, *hash)).first->second;
        }();
        if (!terms) {
          lexicon.fail(terms.error().find("SHA-256") != std::string::npos ? "sha256" : "path", terms.error());
          continue;
        }
        for (const auto &term : terms->terms) rule.terms.push_back({term.text, term.substring});
        rule.allow.insert(rule.allow.end(), terms->allow.begin(), terms->allow.end());
      }
    }
  }
  if (rule.terms.empty() && !has_lexicon) {
    if (!terms_refused) reader.errors().push_back({reader.pointer(), "a banned_terms rule needs \"terms\" or \"lexicons\""});
    return std::nullopt;
  }
  return rule;
}

std::optional<PatternRule> parse_pattern(ObjectReader &reader) {
  auto pattern = reader.non_empty_string("pattern", true);
  auto case_insensitive = reader.boolean("case_insensitive", false);
  if (!pattern) return std::nullopt;
  const auto compiled = text::Pattern::compile(*pattern, {case_insensitive.value_or(true)});
  if (!compiled) {
    reader.fail("pattern", "not a valid RE2 expression: " + compiled.error());
    return std::nullopt;
  }
  return PatternRule{*pattern, case_insensitive.value_or(true)};
}

std::optional<RequiredRule> parse_required(ObjectReader &reader) {
  RequiredRule rule;
  const std::size_t problems_before = reader.errors().size();
  rule.any_of = parse_terms(reader, "any_of", false);
  rule.all_of = parse_terms(reader, "all_of", false);
  const bool terms_refused = reader.errors().size() > problems_before; // each reported by itself, not as "no terms" too
  if (rule.any_of.empty() && rule.all_of.empty()) {
    if (!terms_refused) reader.errors().push_back({reader.pointer(), "a required rule needs \"any_of\" or \"all_of\" terms"});
    return std::nullopt;
  }
  return rule;
}

std::string lower_ascii(std::string text) {
  for (char &c : text) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return text;
}

std::vector<std::string> hashtag_list(ObjectReader &reader, std::string_view key) {
  std::vector<std::string> out;
  for (auto tag : reader.strings(key, false).value_or(std::vector<std::string>{})) {
    if (tag.starts_with('#')) tag.erase(0, 1);
    if (tag.empty()) reader.fail(key, "a hashtag must not be empty");
    else out.push_back(lower_ascii(std::move(tag)));
  }
  return out;
}

std::optional<HashtagsRule> parse_hashtags(ObjectReader &reader) {
  HashtagsRule rule;
  rule.forbidden = hashtag_list(reader, "forbidden");
  rule.required = hashtag_list(reader, "required");
  if (auto max = reader.integer("max", false, 0, 100)) rule.max = static_cast<int>(*max);
  if (rule.forbidden.empty() && rule.required.empty() && !rule.max) {
    reader.errors().push_back({reader.pointer(), "a hashtags rule needs \"forbidden\", \"required\" or \"max\""});
    return std::nullopt;
  }
  return rule;
}

std::optional<MentionsRule> parse_mentions(ObjectReader &reader) {
  MentionsRule rule;
  const auto handles = reader.strings("forbidden", true);
  if (!handles) return std::nullopt;
  for (std::size_t i = 0; i < handles->size(); ++i) {
    if (auto handle = normalize_handle((*handles)[i])) rule.forbidden.push_back(*handle);
    else reader.errors().push_back({reader.at("forbidden") + "/" + std::to_string(i), "\"" + (*handles)[i] + "\" is not an X handle"});
  }
  return rule;
}

bool is_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253 || domain.front() == '.' || domain.back() == '.' || domain.find('.') == std::string_view::npos) {
    return false;
  }
  return domain.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-.") == std::string_view::npos &&
         domain.find("..") == std::string_view::npos;
}

std::vector<std::string> domain_list(ObjectReader &reader, std::string_view key) {
  std::vector<std::string> out;
  const auto domains = reader.strings(key, false);
  if (!domains) return out;
  for (std::size_t i = 0; i < domains->size(); ++i) {
    std::string domain = lower_ascii((*domains)[i]);
    if (domain.starts_with("*.")) domain.erase(0, 2);
    if (is_domain(domain)) out.push_back(std::move(domain));
    else {
      reader.errors().push_back({reader.at(key) + "/" + std::to_string(i),
                                 "\"" + (*domains)[i] + "\" is not a domain name such as example.com (IDN: use its xn-- form)"});
    }
  }
  return out;
}

std::optional<LinksRule> parse_links(ObjectReader &reader) {
  LinksRule rule;
  rule.allowed_domains = domain_list(reader, "allowed_domains");
  rule.denied_domains = domain_list(reader, "denied_domains");
  rule.deny_shorteners = reader.boolean("deny_shorteners", false).value_or(true);
  rule.deny_lookalikes = reader.boolean("deny_lookalikes", false).value_or(true);
  return rule;
}

std::optional<LengthRule> parse_length(ObjectReader &reader) {
  LengthRule rule;
  if (auto max = reader.integer("max", false, 1, max_long_post_length)) rule.max = static_cast<int>(*max);
  return rule;
}

std::optional<int> parse_clock(std::string_view text, bool allow_24) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(text[0]) || !digit(text[1]) || !digit(text[3]) || !digit(text[4])) return std::nullopt;
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (minute > 59 || hour > 24 || (hour == 24 && (minute != 0 || !allow_24))) return std::nullopt;
  return hour * 60 + minute;
}

std::optional<TimeWindow> parse_window(const json &value, const std::string &pointer, std::vector<PolicyError> &errors) {
  if (!value.is_object()) {
    errors.push_back({pointer, "a window must be {\"days\", \"from\", \"to\"}"});
    return std::nullopt;
  }
  ObjectReader reader(value, pointer, errors);
  TimeWindow window;
  bool ok = true;
  if (auto days = reader.strings("days", false)) {
    static constexpr std::array<std::string_view, 7> names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    window.days = 0;
    for (std::size_t i = 0; i < days->size(); ++i) {
      const auto found = std::ranges::find(names, lower_ascii((*days)[i]).substr(0, 3));
      if (found == names.end() || (*days)[i].size() < 3) {
        errors.push_back({reader.at("days") + "/" + std::to_string(i), "\"" + (*days)[i] + "\" is not a weekday (mon ... sun)"});
        ok = false;
      } else {
        window.days |= 1U << static_cast<unsigned>(found - names.begin());
      }
    }
    if (days->empty()) {
      reader.fail("days", "must name at least one weekday");
      ok = false;
    }
  }
  const auto from = reader.string("from", true);
  const auto to = reader.string("to", true);
  // Plain ints with -1 for "missing": g++ 12 misreads optional<int> here (maybe-uninitialized).
  const int from_minute = from ? parse_clock(*from, false).value_or(-1) : -1;
  const int to_minute = to ? parse_clock(*to, true).value_or(-1) : -1;
  if (from && from_minute < 0) reader.fail("from", "\"" + *from + "\" is not a time of day HH:MM (00:00-23:59)");
  if (to && to_minute < 0) reader.fail("to", "\"" + *to + "\" is not a time of day HH:MM (00:00-24:00)");
  if (from_minute >= 0 && to_minute >= 0 && from_minute == to_minute) {
    reader.fail("to", "the window is empty (from equals to); leave the window out to allow any time");
    ok = false;
  }
  reader.report_unknown_keys();
  if (!ok || from_minute < 0 || to_minute < 0) return std::nullopt;
  window.from_minute = from_minute;
  window.to_minute = to_minute;
  return window;
}

std::optional<ScheduleRule> parse_schedule(ObjectReader &reader) {
  ScheduleRule rule;
  bool ok = true;
  if (const json *windows = reader.find("windows", false)) {
    if (!windows->is_array()) {
      reader.fail("windows", "must be an array of {\"days\", \"from\", \"to\"}");
      ok = false;
    } else {
      for (std::size_t i = 0; i < windows->size(); ++i) {
        if (auto window = parse_window(windows->at(i), reader.at("windows") + "/" + std::to_string(i), reader.errors())) {
          rule.windows.push_back(*window);
        } else {
          ok = false;
        }
      }
    }
  }
  if (auto dates = reader.strings("blackout_dates", false)) {
    for (std::size_t i = 0; i < dates->size(); ++i) {
      const std::string &text = (*dates)[i];
      LocalDate date;
      const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                          text.find_first_not_of("0123456789-") == std::string::npos;
      if (shaped) {
        date = {std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2))};
      }
      if (!shaped || !util::is_valid_date(date.year, date.month, date.day)) {
        reader.errors().push_back({reader.at("blackout_dates") + "/" + std::to_string(i),
                                   "\"" + text + "\" is not a date YYYY-MM-DD"});
        ok = false;
        continue;
      }
      rule.blackout_dates.push_back(date);
    }
  }
  if (!ok) return std::nullopt;
  if (rule.windows.empty() && rule.blackout_dates.empty()) {
    reader.errors().push_back({reader.pointer(), "a schedule rule needs \"windows\" or \"blackout_dates\""});
    return std::nullopt;
  }
  return rule;
}

std::optional<RateRule> parse_rate(ObjectReader &reader) {
  RateRule rule;
  if (auto value = reader.integer("per_hour", false, 1, 1000)) rule.per_hour = static_cast<int>(*value);
  if (auto value = reader.integer("per_day", false, 1, 10000)) rule.per_day = static_cast<int>(*value);
  if (auto value = reader.integer("min_gap_minutes", false, 1, 1440)) rule.min_gap_minutes = static_cast<int>(*value);
  if (!rule.per_hour && !rule.per_day && !rule.min_gap_minutes) {
    reader.errors().push_back({reader.pointer(), "a rate rule needs \"per_hour\", \"per_day\" or \"min_gap_minutes\""});
    return std::nullopt;
  }
  return rule;
}

std::optional<StaffRule> parse_staff_rule(ObjectReader &reader, const RuleContext &context) {
  StaffRule rule;
  const auto ids = reader.strings("staff", false);
  if (!ids) return rule;
  bool ok = true;
  for (std::size_t i = 0; i < ids->size(); ++i) {
    if (!context.staff_ids->contains((*ids)[i])) {
      reader.errors().push_back({reader.at("staff") + "/" + std::to_string(i), "unknown staff id \"" + (*ids)[i] + "\""});
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  rule.staff = *ids;
  return rule;
}

std::optional<SignatureRule> parse_signature(ObjectReader &reader) {
  SignatureRule rule;
  if (auto prefix = reader.string("prefix", false)) rule.prefix = *prefix;
  return rule;
}

std::optional<LockdownRule> parse_lockdown(ObjectReader &reader) {
  auto reason = reader.non_empty_string("reason", true);
  if (!reason) return std::nullopt;
  return LockdownRule{*reason};
}

std::optional<Override> parse_override(ObjectReader &reader, Severity severity) {
  Override result;
  result.mode = severity == Severity::warn ? OverrideMode::confirm : OverrideMode::none;
  const json *value = reader.find("override", false);
  if (value == nullptr) return result;
  if (value->is_string()) {
    if (*value == "none") result.mode = OverrideMode::none;
    else if (*value == "confirm") result.mode = OverrideMode::confirm;
    else {
      reader.fail("override", "must be \"none\", \"confirm\" or {\"mode\", \"reason_required\", \"passphrase_hash\"}");
      return std::nullopt;
    }
  } else if (value->is_object()) {
    ObjectReader fields(*value, reader.at("override"), reader.errors());
    auto mode = fields.choice<OverrideMode>("mode", true,
                                            {{"none", OverrideMode::none},
                                             {"confirm", OverrideMode::confirm},
                                             {"supervisor", OverrideMode::supervisor}});
    result.reason_required = fields.boolean("reason_required", false).value_or(false);
    auto hash = fields.string("passphrase_hash", false);
    fields.report_unknown_keys();
    if (!mode) return std::nullopt;
    result.mode = *mode;
    if (result.mode == OverrideMode::supervisor) {
      result.reason_required = true; // a supervisor override always says why
      if (!hash) {
        fields.fail("passphrase_hash", "a supervisor override needs the passphrase's hash (handleguard policy hash-passphrase)");
        return std::nullopt;
      }
      if (!is_argon2id_hash(*hash)) {
        fields.fail("passphrase_hash", "must be an Argon2id hash \"$argon2id$v=19$...\" (handleguard policy hash-passphrase)");
        return std::nullopt;
      }
      result.passphrase_hash = *hash;
    } else if (hash) {
      fields.fail("passphrase_hash", "only a supervisor override has a passphrase");
      return std::nullopt;
    }
  } else {
    reader.fail("override", "must be \"none\", \"confirm\" or an object");
    return std::nullopt;
  }
  if (severity == Severity::block && result.mode == OverrideMode::confirm) {
    reader.fail("override", "a block rule can only be overridden by a supervisor (mode \"supervisor\") or not at all");
    return std::nullopt;
  }
  return result;
}

unsigned default_actions(std::string_view kind) {
  return kind == "lockdown" || kind == "staff" ? all_actions : text_actions;
}

} // namespace

std::optional<Rule> parse_rule(const json &value, const std::string &pointer, std::vector<PolicyError> &errors,
                               const RuleContext &context) {
  if (!value.is_object()) {
    errors.push_back({pointer, "a rule must be an object"});
    return std::nullopt;
  }
  const std::size_t errors_before = errors.size();
  ObjectReader reader(value, pointer, errors);
  Rule rule;
  rule.id = reader.non_empty_string("id", true).value_or("");
  auto severity = reader.choice<Severity>("severity", true, {{"warn", Severity::warn}, {"block", Severity::block}});
  rule.message = reader.string("message", false).value_or("");
  const auto kind = reader.string("kind", true);
  if (kind) rule.actions = default_actions(*kind);
  if (auto actions = reader.strings("actions", false)) {
    rule.actions = 0;
    for (std::size_t i = 0; i < actions->size(); ++i) {
      if (auto action = parse_action((*actions)[i])) rule.actions |= static_cast<unsigned>(*action);
      else {
        errors.push_back({reader.at("actions") + "/" + std::to_string(i),
                          "unknown action \"" + (*actions)[i] + "\" (post, reply, quote, dm, schedule, repost, like, follow)"});
      }
    }
    if (actions->empty()) reader.fail("actions", "must name at least one action");
  }
  std::optional<Override> override_;
  if (severity) override_ = parse_override(reader, *severity);
  else (void)reader.find("override", false);

  std::optional<RuleBody> body;
  if (kind == "banned_terms") body = parse_banned_terms(reader, context);
  else if (kind == "pattern") body = parse_pattern(reader);
  else if (kind == "required") body = parse_required(reader);
  else if (kind == "hashtags") body = parse_hashtags(reader);
  else if (kind == "mentions") body = parse_mentions(reader);
  else if (kind == "links") body = parse_links(reader);
  else if (kind == "length") body = parse_length(reader);
  else if (kind == "schedule") body = parse_schedule(reader);
  else if (kind == "rate") body = parse_rate(reader);
  else if (kind == "staff") body = parse_staff_rule(reader, context);
  else if (kind == "signature") body = parse_signature(reader);
  else if (kind == "lockdown") body = parse_lockdown(reader);
  else if (kind) reader.fail("kind", "unknown rule kind \"" + *kind + "\" (known: " + std::string(known_kinds) + ")");
  // An unknown kind's fields cannot be judged, so only a known kind's strays are reported.
  if (kind && (", " + std::string(known_kinds) + ", ").find(", " + *kind + ", ") != std::string::npos) {
    reader.report_unknown_keys();
  }
  if (errors.size() != errors_before || rule.id.empty() || !severity || !body || !override_) return std::nullopt;
  rule.severity = *severity;
  rule.override_ = *override_;
  rule.body = std::move(*body);
  return rule;
}

} // namespace handleguard::policy::detail
