#include "policy/model.hpp"

#include <algorithm>
#include <array>

namespace handleguard::policy {

std::string_view to_string(Severity severity) { return severity == Severity::warn ? "warn" : "block"; }
std::string_view to_string(AccountKind kind) { return kind == AccountKind::brand ? "brand" : "personal"; }

std::string_view to_string(UnknownAccountMode mode) {
  switch (mode) {
  case UnknownAccountMode::block: return "block";
  case UnknownAccountMode::warn: return "warn";
  case UnknownAccountMode::allow: return "allow";
  }
  return "block";
}

std::string_view to_string(ConfirmHandle mode) {
  switch (mode) {
  case ConfirmHandle::never: return "never";
  case ConfirmHandle::brand: return "brand";
  case ConfirmHandle::always: return "always";
  }
  return "always";
}

std::string_view to_string(OverrideMode mode) {
  switch (mode) {
  case OverrideMode::none: return "none";
  case OverrideMode::confirm: return "confirm";
  case OverrideMode::supervisor: return "supervisor";
  }
  return "none";
}

namespace {
constexpr std::array<std::pair<std::string_view, Action>, 8> action_table = {{{"post", Action::post},
                                                                               {"reply", Action::reply},
                                                                               {"quote", Action::quote},
                                                                               {"dm", Action::dm},
                                                                               {"schedule", Action::schedule},
                                                                               {"repost", Action::repost},
                                                                               {"like", Action::like},
                                                                               {"follow", Action::follow}}};
} // namespace

std::optional<Action> parse_action(std::string_view name) {
  for (const auto &[text, action] : action_table) {
    if (text == name) return action;
  }
  return std::nullopt;
}

std::string_view to_string(Action action) {
  for (const auto &[text, value] : action_table) {
    if (value == action) return text;
  }
  return "post";
}

const std::vector<std::string_view> &action_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto &entry : action_table) out.push_back(entry.first);
    return out;
  }();
  return names;
}

std::string_view Rule::kind() const {
  struct KindName {
    std::string_view operator()(const BannedTermsRule & /*rule*/) const { return "banned_terms"; }
    std::string_view operator()(const PatternRule & /*rule*/) const { return "pattern"; }
    std::string_view operator()(const RequiredRule & /*rule*/) const { return "required"; }
    std::string_view operator()(const HashtagsRule & /*rule*/) const { return "hashtags"; }
    std::string_view operator()(const MentionsRule & /*rule*/) const { return "mentions"; }
    std::string_view operator()(const LinksRule & /*rule*/) const { return "links"; }
    std::string_view operator()(const LengthRule & /*rule*/) const { return "length"; }
    std::string_view operator()(const ScheduleRule & /*rule*/) const { return "schedule"; }
    std::string_view operator()(const RateRule & /*rule*/) const { return "rate"; }
    std::string_view operator()(const StaffRule & /*rule*/) const { return "staff"; }
    std::string_view operator()(const SignatureRule & /*rule*/) const { return "signature"; }
    std::string_view operator()(const LockdownRule & /*rule*/) const { return "lockdown"; }
  };
  return std::visit(KindName{}, body);
}

const Account *Policy::find_by_handle(std::string_view handle) const {
  const auto normalized = normalize_handle(handle);
  if (!normalized) return nullptr;
  const auto found = std::ranges::find(accounts, *normalized, &Account::handle);
  return found == accounts.end() ? nullptr : &*found;
}

const Account *Policy::find_by_user_id(std::string_view user_id) const {
  const auto found = std::ranges::find(accounts, user_id, &Account::user_id);
  return found == accounts.end() ? nullptr : &*found;
}

const Staff *Policy::find_staff(std::string_view id) const {
  const auto found = std::ranges::find(staff, id, &Staff::id);
  return found == staff.end() ? nullptr : &*found;
}

const Staff *Policy::find_staff_by_os_user(std::string_view os_user) const {
  for (const auto &member : staff) {
    if (std::ranges::find(member.os_users, os_user) != member.os_users.end()) return &member;
  }
  return nullptr;
}

bool Policy::confirmation_required(const Account &account) const {
  if (account.confirm_handle) return *account.confirm_handle;
  return confirm_handle == ConfirmHandle::always ||
         (confirm_handle == ConfirmHandle::brand && account.kind == AccountKind::brand);
}

std::optional<std::string> normalize_handle(std::string_view handle) {
  if (handle.starts_with('@')) handle.remove_prefix(1);
  if (handle.empty() || handle.size() > 15) return std::nullopt;
  std::string out;
  out.reserve(handle.size());
  for (const char c : handle) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return std::nullopt;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool is_valid_user_id(std::string_view user_id) {
  return !user_id.empty() && user_id.size() <= 20 && user_id.front() != '0' &&
         std::ranges::all_of(user_id, [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace handleguard::policy
