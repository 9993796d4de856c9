#include "rules/engine.hpp"

#include <algorithm>

#include <unicode/unistr.h>

#include "rules/link_check.hpp"
#include "rules/rate_ledger.hpp"
#include "rules/schedule_check.hpp"
#include "text/tweet_text.hpp"
#include "util/utf.hpp"

namespace handleguard::rules {

using policy::Severity;

namespace {

// Actions that send something out under the account's name (the handle confirmation guards them).
constexpr unsigned confirmed_actions = policy::text_actions | static_cast<unsigned>(policy::Action::repost);

std::vector<text::TermPattern> patterns_of(const std::vector<policy::BannedTerm> &terms) {
  std::vector<text::TermPattern> out;
  out.reserve(terms.size());
  for (const auto &term : terms) out.push_back({term.text, term.substring});
  return out;
}

std::string with_rule_message(std::string detail, const policy::Rule &rule) {
  if (!rule.message.empty()) detail += ": " + rule.message;
  return detail;
}

Violation violation_of(const policy::Rule &rule, std::string detail, std::optional<Span> span = std::nullopt) {
  return {rule.id, std::string(rule.kind()), rule.severity, with_rule_message(std::move(detail), rule), span, rule.override_};
}

Violation built_in(std::string id, std::string kind, std::string message, Severity severity = Severity::block) {
  return {std::move(id), std::move(kind), severity, std::move(message), std::nullopt, {}};
}

// Text facts computed once per check and only when a rule needs them.
class TextFacts {
public:
  explicit TextFacts(const std::string &text) : text_(text) {}
  const std::expected<text::Entities, std::string> &entities() {
    if (!entities_) entities_ = text::extract_entities(text_);
    return *entities_;
  }

private:
  const std::string &text_;
  std::optional<std::expected<text::Entities, std::string>> entities_;
};

std::string staff_list(const std::vector<std::string> &ids) {
  std::string out;
  for (const auto &id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

} // namespace

std::string fold_case(std::string_view text) {
  auto unicode = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::string out;
  unicode.foldCase().toUTF8String(out);
  return out;
}

RuleEngine::RuleEngine(policy::Policy policy)
    : policy_(std::move(policy)), compiled_(std::make_unique<AccountRules[]>(policy_.accounts.size())) {
  by_user_id_.reserve(policy_.accounts.size());
  by_handle_.reserve(policy_.accounts.size());
  for (const auto &account : policy_.accounts) {
    by_user_id_.emplace(account.user_id, &account);
    by_handle_.emplace(account.handle, &account);
  }
}

std::shared_ptr<const text::TermMatcher> RuleEngine::shared_matcher(const std::vector<policy::BannedTerm> &terms,
                                                                     const std::vector<std::string> &allow) const {
  // The key spells out every term, its option and every allowed word, length-prefixed, so two
  // keys are equal only when the matchers would be.
  std::string key;
  const auto append = [&key](std::string_view part, char tag) {
    key += std::to_string(part.size());
    key += tag;
    key += part;
  };
  for (const auto &term : terms) append(term.text, term.substring ? 's' : 'w');
  for (const auto &word : allow) append(word, 'a');
  const std::scoped_lock lock(matchers_mutex_);
  auto &slot = matchers_[key];
  if (!slot) slot = std::make_shared<const text::TermMatcher>(patterns_of(terms), allow);
  return slot;
}

const std::vector<RuleEngine::CompiledRule> &RuleEngine::compiled_rules(std::size_t index) const {
  AccountRules &account_rules = compiled_[index];
  std::call_once(account_rules.compiled, [&] {
    for (const auto &rule : policy_.accounts[index].rules) {
      CompiledRule compiled{&rule, nullptr, nullptr, std::nullopt, {}};
      if (const auto *banned = std::get_if<policy::BannedTermsRule>(&rule.body)) {
        compiled.terms = shared_matcher(banned->terms, banned->allow);
      } else if (const auto *required = std::get_if<policy::RequiredRule>(&rule.body)) {
        compiled.terms = shared_matcher(required->any_of, {});
        compiled.all_of = shared_matcher(required->all_of, {});
      } else if (const auto *pattern = std::get_if<policy::PatternRule>(&rule.body)) {
        // The parser compiled it already, so this cannot fail; if it somehow did, the rule
        // would block every post (see check_account_rules), never pass silently.
        if (auto program = text::Pattern::compile(pattern->pattern, {pattern->case_insensitive})) compiled.pattern = *program;
      } else if (const auto *hashtags = std::get_if<policy::HashtagsRule>(&rule.body)) {
        for (const auto &tag : hashtags->forbidden) compiled.folded.push_back(fold_case(tag));
        for (const auto &tag : hashtags->required) compiled.folded.push_back(fold_case(tag));
      }
      account_rules.rules.push_back(std::move(compiled));
    }
  });
  return account_rules.rules;
}

Identity RuleEngine::identify(std::string_view handle, std::string_view user_id) const {
  const auto normalized = policy::normalize_handle(handle);
  if (user_id.empty() || !policy::is_valid_user_id(user_id)) {
    return {IdentityStatus::missing, nullptr,
            "the logged-in account could not be read (no valid twid cookie): log in to x.com again"};
  }
  if (!handle.empty() && !normalized) {
    return {IdentityStatus::missing, nullptr, "the page shows an invalid handle"};
  }
  const auto id_entry = by_user_id_.find(user_id);
  const policy::Account *by_id = id_entry == by_user_id_.end() ? nullptr : id_entry->second;
  const auto handle_entry = normalized ? by_handle_.find(*normalized) : by_handle_.end();
  const policy::Account *by_handle = handle_entry == by_handle_.end() ? nullptr : handle_entry->second;
  if (by_id != nullptr && (by_handle == nullptr || by_handle == by_id) && (!normalized || *normalized == by_id->handle)) {
    return {IdentityStatus::managed, by_id, {}};
  }
  if (by_id != nullptr) {
    return {IdentityStatus::mismatch, by_id,
            "user id " + std::string(user_id) + " belongs to @" + by_id->handle + " in the policy, but the page shows @" +
                *normalized + ": the account was renamed or is being impersonated"};
  }
  if (by_handle != nullptr) {
    return {IdentityStatus::mismatch, by_handle,
            "@" + by_handle->handle + " has user id " + by_handle->user_id + " in the policy, but the logged-in account is " +
                std::string(user_id) + ": the handle now belongs to someone else, or the policy is out of date"};
  }
  return {IdentityStatus::unknown, nullptr,
          (normalized ? "@" + *normalized : "user id " + std::string(user_id)) + " is not an account of this policy"};
}

std::vector<const policy::Rule *> RuleEngine::rate_rules(const policy::Account &account, policy::Action action) const {
  std::vector<const policy::Rule *> out;
  for (const auto &rule : account.rules) {
    if (std::holds_alternative<policy::RateRule>(rule.body) && rule.applies_to(action)) out.push_back(&rule);
  }
  return out;
}

Verdict RuleEngine::check(const CheckRequest &request, RateHistorySource *rates) const {
  Verdict verdict;
  verdict.identity = identify(request.handle, request.user_id);
  verdict.os_user = request.os_user;
  verdict.action = request.action;
  verdict.at = request.at;
  const auto &identity = verdict.identity;
  const auto action = policy::parse_action(request.action);
  if (!action) {
    verdict.violations.push_back(built_in("unknown_action", "guard", "unknown action \"" + request.action + "\""));
    settle(verdict);
    return verdict;
  }

  // Who is acting: an admin's dry run names them; otherwise the OS user the program runs as.
  if (request.staff_id) {
    verdict.staff = policy_.find_staff(*request.staff_id);
    if (verdict.staff == nullptr) {
      verdict.violations.push_back(built_in("unknown_staff", "staff", "staff id \"" + *request.staff_id + "\" is not in the policy"));
    }
  } else {
    verdict.staff = policy_.find_staff_by_os_user(request.os_user);
  }

  // The wrong-account guard: a declared account, then the identity of the logged-in account.
  const policy::Account *current = identity.status == IdentityStatus::managed ? identity.account : nullptr;
  if (request.work_as) {
    const std::string shown = current != nullptr ? current->handle : policy::normalize_handle(request.handle).value_or("");
    if (shown != *request.work_as) {
      verdict.violations.push_back(built_in(
          "wrong_account", "work_as",
          "you are working as @" + *request.work_as + ", but the logged-in account is " +
              (shown.empty() ? std::string("not known") : "@" + shown) + ": switch accounts, or declare the one you mean with work-as"));
    }
  } else if (policy_.require_work_as) {
    verdict.violations.push_back(built_in("work_as_required", "work_as",
                                          "declare the account you are working as first (handleguard work-as @HANDLE, or the "
                                          "extension's account picker)"));
  }

  if (identity.status != IdentityStatus::managed) {
    Severity severity = Severity::block;
    bool skip = false;
    if (identity.status == IdentityStatus::unknown) {
      if (policy_.unknown_account == policy::UnknownAccountMode::allow) skip = true;
      if (policy_.unknown_account == policy::UnknownAccountMode::warn) severity = Severity::warn;
    }
    const std::string rule_id = identity.status == IdentityStatus::unknown    ? "unknown_account"
                                : identity.status == IdentityStatus::mismatch ? "account_mismatch"
                                                                              : "account_unreadable";
    if (!skip) {
      Violation violation = built_in(rule_id, "account", identity.reason, severity);
      if (severity == Severity::warn) violation.override_.mode = policy::OverrideMode::confirm;
      verdict.violations.push_back(std::move(violation));
    }
  } else {
    check_account_rules(request, *action, *identity.account, verdict.staff, rates, verdict);
    verdict.confirmation_required =
        policy_.confirmation_required(*identity.account) && (confirmed_actions & static_cast<unsigned>(*action)) != 0;
  }
  settle(verdict);
  return verdict;
}

void RuleEngine::check_account_rules(const CheckRequest &request, policy::Action action, const policy::Account &account,
                                     const policy::Staff *staff, RateHistorySource *rates, Verdict &verdict) const {
  const auto index = static_cast<std::size_t>(&account - policy_.accounts.data());
  auto &out = verdict.violations;
  const std::string &text = request.text;
  TextFacts facts(text);
  const auto entities_unavailable = [&](const policy::Rule &rule) {
    out.push_back(violation_of(rule, "the text engine is unavailable, so this rule cannot be checked: " + facts.entities().error()));
    out.back().severity = Severity::block; // fail closed
    out.back().override_ = {};
  };

  // The account's allowed staff, enforced by itself unless a staff rule says more.
  const bool has_staff_rule = std::ranges::any_of(
      account.rules, [](const policy::Rule &rule) { return std::holds_alternative<policy::StaffRule>(rule.body); });
  if (!has_staff_rule && !account.staff.empty() &&
      (staff == nullptr || std::ranges::find(account.staff, staff->id) == account.staff.end())) {
    out.push_back(built_in("staff", "staff",
                           (staff == nullptr ? "OS user \"" + request.os_user + "\" is not in the policy's staff"
                                             : staff->name + " (" + staff->id + ") is not") +
                               " allowed to post to @" + account.handle + " (allowed: " + staff_list(account.staff) + ")"));
  }

  for (const auto &compiled : compiled_rules(index)) {
    const policy::Rule &rule = *compiled.rule;
    if (!rule.applies_to(action)) continue;
    if (const auto *banned = std::get_if<policy::BannedTermsRule>(&rule.body)) {
      (void)banned;
      for (const auto &match : compiled.terms->find(text)) {
        const auto &term = compiled.terms->patterns()[match.pattern_index].text;
        out.push_back(violation_of(rule, "\"" + term + "\" is banned on @" + account.handle, Span{match.begin, match.end}));
      }
      for (const auto &match : matches_across_posts(*compiled.terms, request.thread)) {
        const auto &term = compiled.terms->patterns()[match.pattern_index].text;
        out.push_back(violation_of(rule, "\"" + term + "\" is banned on @" + account.handle + across_posts_note(match), match.span));
      }
    } else if (std::holds_alternative<policy::PatternRule>(rule.body)) {
      if (!compiled.pattern) {
        out.push_back(violation_of(rule, "the pattern could not be compiled"));
        out.back().severity = Severity::block;
        continue;
      }
      for (const auto &match : compiled.pattern->find_all(text)) {
        out.push_back(violation_of(rule, "matches the forbidden pattern " + compiled.pattern->expression(), Span{match.begin, match.end}));
      }
    } else if (const auto *required = std::get_if<policy::RequiredRule>(&rule.body)) {
      if (!required->any_of.empty() && compiled.terms->find(text).empty()) {
        std::string list;
        for (const auto &term : required->any_of) list += (list.empty() ? "\"" : ", \"") + term.text + "\"";
        out.push_back(violation_of(rule, "the post must carry one of " + list));
      }
      if (!required->all_of.empty()) {
        std::vector<bool> seen(required->all_of.size(), false);
        for (const auto &match : compiled.all_of->find(text)) seen[match.pattern_index] = true;
        for (std::size_t i = 0; i < seen.size(); ++i) {
          if (!seen[i]) out.push_back(violation_of(rule, "the post must carry \"" + required->all_of[i].text + "\""));
        }
      }
    } else if (const auto *hashtags = std::get_if<policy::HashtagsRule>(&rule.body)) {
      const auto &entities = facts.entities();
      if (!entities) {
        entities_unavailable(rule);
        continue;
      }
      const std::size_t forbidden_count = hashtags->forbidden.size();
      std::vector<bool> required_seen(hashtags->required.size(), false);
      for (const auto &tag : entities->hashtags) {
        const std::string folded = fold_case(tag.text);
        for (std::size_t i = 0; i < compiled.folded.size(); ++i) {
          if (compiled.folded[i] != folded) continue;
          if (i < forbidden_count) {
            out.push_back(violation_of(rule, "#" + tag.text + " is a forbidden hashtag on @" + account.handle, Span{tag.begin, tag.end}));
          } else {
            required_seen[i - forbidden_count] = true;
          }
        }
      }
      for (std::size_t i = 0; i < required_seen.size(); ++i) {
        if (!required_seen[i]) out.push_back(violation_of(rule, "the post must carry #" + hashtags->required[i]));
      }
      if (hashtags->max && static_cast<int>(entities->hashtags.size()) > *hashtags->max) {
        const auto &extra = entities->hashtags[static_cast<std::size_t>(*hashtags->max)];
        out.push_back(violation_of(rule,
                                   std::to_string(entities->hashtags.size()) + " hashtags; at most " +
                                       std::to_string(*hashtags->max) + " are allowed",
                                   Span{extra.begin, entities->hashtags.back().end}));
      }
    } else if (const auto *mentions = std::get_if<policy::MentionsRule>(&rule.body)) {
      const auto &entities = facts.entities();
      if (!entities) {
        entities_unavailable(rule);
        continue;
      }
      for (const auto &mention : entities->mentions) {
        const auto handle = policy::normalize_handle(mention.text);
        if (handle && std::ranges::find(mentions->forbidden, *handle) != mentions->forbidden.end()) {
          out.push_back(violation_of(rule, "@" + *handle + " must not be mentioned from @" + account.handle, Span{mention.begin, mention.end}));
        }
      }
    } else if (const auto *links = std::get_if<policy::LinksRule>(&rule.body)) {
      const auto &entities = facts.entities();
      if (!entities) {
        entities_unavailable(rule);
        continue;
      }
      for (const auto &url : entities->urls) {
        const auto host = url_host(url.text);
        if (!host) continue;
        if (auto why = judge_link_host(*links, *host)) out.push_back(violation_of(rule, *why, Span{url.begin, url.end}));
      }
    } else if (const auto *length = std::get_if<policy::LengthRule>(&rule.body)) {
      const auto engine = text::shared_tweet_text();
      if (!engine) {
        out.push_back(violation_of(rule, "the text engine is unavailable, so the length cannot be counted: " + engine.error()));
        out.back().severity = Severity::block;
        out.back().override_ = {};
        continue;
      }
      text::TextConfig config = (*engine)->config(text::ConfigVersion::v3);
      config.max_weighted_tweet_length = length->max;
      const auto parsed = (*engine)->parse_tweet(text, config);
      if (parsed.weighted_length > length->max) {
        const std::size_t total = util::Utf16Offsets(text).utf16_length();
        out.push_back(violation_of(rule,
                                   "the post counts " + std::to_string(parsed.weighted_length) + " characters as X counts them; at most " +
                                       std::to_string(length->max) + " are allowed",
                                   Span{static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.valid_range_end + 1, 0)), total}));
      }
    } else if (const auto *schedule = std::get_if<policy::ScheduleRule>(&rule.body)) {
      if (auto why = judge_schedule(*schedule, account.timezone, request.at)) out.push_back(violation_of(rule, *why));
    } else if (const auto *rate = std::get_if<policy::RateRule>(&rule.body)) {
      const RateHistory history = rates != nullptr ? rates->history(account.handle, rule.actions, request.at) : RateHistory{};
      if (!history.error.empty()) {
        out.push_back(violation_of(rule, "the post counts cannot be read, so the rate limit cannot be checked: " + history.error));
        out.back().severity = Severity::block; // fail closed
        out.back().override_ = {};
        continue;
      }
      if (auto refusal = rate_refusal(*rate, history, request.at)) {
        out.push_back(violation_of(rule, "@" + account.handle + " has reached its rate limit: " + *refusal));
      }
    } else if (const auto *staff_rule = std::get_if<policy::StaffRule>(&rule.body)) {
      const auto &allowed = staff_rule->staff.empty() ? account.staff : staff_rule->staff;
      if (staff == nullptr) {
        out.push_back(violation_of(rule, "OS user \"" + request.os_user + "\" is not in the policy's staff"));
      } else if (!allowed.empty() && std::ranges::find(allowed, staff->id) == allowed.end()) {
        out.push_back(violation_of(rule, staff->name + " (" + staff->id + ") may not post to @" + account.handle +
                                             " (allowed: " + staff_list(allowed) + ")"));
      }
    } else if (const auto *signature = std::get_if<policy::SignatureRule>(&rule.body)) {
      if (staff == nullptr || staff->initials.empty()) {
        out.push_back(violation_of(rule, staff == nullptr ? "the post must be signed, but OS user \"" + request.os_user +
                                                                "\" is not in the policy's staff"
                                                          : "the post must be signed, but " + staff->name + " has no initials in the policy"));
        continue;
      }
      std::string_view body = text;
      while (!body.empty() && (body.back() == ' ' || body.back() == '\n' || body.back() == '\t' || body.back() == '\r')) body.remove_suffix(1);
      const std::string expected = signature->prefix + staff->initials;
      if (!body.ends_with(expected)) out.push_back(violation_of(rule, "the post must end with your signature " + expected));
    } else if (const auto *lockdown = std::get_if<policy::LockdownRule>(&rule.body)) {
      out.push_back(violation_of(rule, "@" + account.handle + " is locked down: " + lockdown->reason));
    }
  }
}

} // namespace handleguard::rules
