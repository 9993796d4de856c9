#pragma once
// What the guard decides about one post, and why.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "policy/model.hpp"

namespace handleguard::rules {

enum class Decision { allow, warn, block };

struct Span {
  std::size_t begin = 0; // UTF-16 offsets into the post text, [begin, end)
  std::size_t end = 0;
};

struct Violation {
  std::string rule_id; // policy rule id, or a built-in id such as "unknown_account"
  std::string kind;    // rule kind, e.g. "banned_terms", or "account" / "work_as" / "guard" for built-ins
  policy::Severity severity = policy::Severity::block;
  std::string message;
  std::optional<Span> span;
  policy::Override override_; // built-in violations cannot be overridden
};

enum class IdentityStatus {
  managed,  // handle and user id match an account of the policy
  unknown,  // no account of the policy has this handle or user id
  mismatch, // handle and user id disagree with the policy (renamed or impersonated account)
  missing   // the caller could not tell who is logged in
};

struct Identity {
  IdentityStatus status = IdentityStatus::missing;
  const policy::Account *account = nullptr; // set for managed and mismatch
  std::string reason;                       // a sentence for the user
};

// What the user may do about a held post.
struct OverrideOffer {
  policy::OverrideMode mode = policy::OverrideMode::none; // none: the post cannot go out as it is
  bool reason_required = false;
};

struct Verdict {
  Decision decision = Decision::block;
  std::vector<Violation> violations;
  Identity identity;
  const policy::Staff *staff = nullptr; // who is acting, when the policy knows them
  std::string os_user;
  std::string action = "post";
  std::chrono::system_clock::time_point at{}; // the time judged (a scheduled post's go-out time)
  bool confirmation_required = false;           // the user types the handle before the post leaves
  OverrideOffer override_;
};

[[nodiscard]] std::string_view to_string(Decision decision);
[[nodiscard]] std::string_view to_string(IdentityStatus status);

// Combines violations into the decision and the override offer.
void settle(Verdict &verdict);

// The one JSON shape for verdicts and identities, shared by the CLI and the host.
[[nodiscard]] nlohmann::json to_json(const Identity &identity);
[[nodiscard]] nlohmann::json to_json(const Verdict &verdict);
[[nodiscard]] nlohmann::json to_json(const Violation &violation);
[[nodiscard]] nlohmann::json account_summary(const policy::Account &account);

} // namespace handleguard::rules
