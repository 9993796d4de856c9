#include "policy/model.hpp"

#include <algorithm>

namespace handleguard::policy {

std::string_view to_string(Severity severity) { return severity == Severity::warn ? "warn" : "block"; }
std::string_view to_string(AccountKind kind) { return kind == AccountKind::brand ? "brand" : "personal"; }

std::string_view Rule::kind() const {
  struct KindName {
    std::string_view operator()(const BannedTermsRule & /*rule*/) const { return "banned_terms"; }
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
