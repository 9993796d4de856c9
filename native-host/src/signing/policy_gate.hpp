#pragma once
// What a policy must pass before it is parsed: a trusted signature when the trust settings
// require one (or when it carries one), no rollback below the highest signed serial seen on
// this workstation, and an `expires` time not yet passed. See docs/signing.md.
#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "signing/trust.hpp"

namespace handleguard::signing {

using Clock = std::chrono::system_clock;

struct PolicyAcceptance {
  std::int64_t serial = 0;
  std::optional<Clock::time_point> expires;
  bool is_signed = false;
  std::string signer_key_id; // minisign key id, when signed
  std::string trusted_comment;
  std::string sha256; // hex, of the policy bytes that were checked; signed policies only
};

// What the gate reads from the policy document itself: its serial and `expires`.
struct GatedFields {
  std::int64_t serial = 0;             // 0 when absent or not an integer
  std::optional<std::string> expires;  // the text of `expires`, when present
  bool expires_not_text = false;       // `expires` is present but not a string
  [[nodiscard]] static GatedFields of(const nlohmann::json &document);
};

// How long before `expires` the guard starts warning.
inline constexpr std::chrono::hours expiry_warning_ahead{24 * 14};

// Parses "YYYY-MM-DD" (start of that day, UTC) or "YYYY-MM-DDTHH:MM:SSZ".
[[nodiscard]] std::optional<Clock::time_point> parse_utc_time(std::string_view text);
[[nodiscard]] std::string format_utc_time(Clock::time_point time);

// The signature file beside a policy: "<policy>.minisig", as minisign names it.
[[nodiscard]] std::filesystem::path signature_path(const std::filesystem::path &policy);

class PolicyGate {
public:
  // `trust` may hold an error (malformed trust file): then every policy is refused with it.
  PolicyGate(std::expected<TrustSettings, std::string> trust, std::filesystem::path serial_state_file);

  // Checks `policy_bytes` read from `policy_path`; the error names the file and the reason.
  [[nodiscard]] std::expected<PolicyAcceptance, std::string> check(const std::filesystem::path &policy_path,
                                                                   std::string_view policy_bytes,
                                                                   Clock::time_point now = Clock::now()) const;
  // The same, when the caller has parsed `policy_bytes` already (`json::parse(bytes, nullptr, false)`).
  [[nodiscard]] std::expected<PolicyAcceptance, std::string> check(const std::filesystem::path &policy_path,
                                                                   std::string_view policy_bytes,
                                                                   const nlohmann::json &document,
                                                                   Clock::time_point now = Clock::now()) const;
  // The same, with what the caller read from the document (a policy loaded from its cache).
  [[nodiscard]] std::expected<PolicyAcceptance, std::string> check(const std::filesystem::path &policy_path,
                                                                   std::string_view policy_bytes, const GatedFields &fields,
                                                                   Clock::time_point now = Clock::now()) const;
  // Remembers the serial of a signed policy now in force, so an older one is refused later.
  // Returns an error when the state file could not be written.
  [[nodiscard]] std::expected<void, std::string> remember(const PolicyAcceptance &accepted) const;

  // Empty while the policy is valid and not close to expiry; otherwise a sentence for the user.
  [[nodiscard]] static std::string expiry_warning(const PolicyAcceptance &accepted, Clock::time_point now);
  [[nodiscard]] static bool has_expired(const PolicyAcceptance &accepted, Clock::time_point now);

  [[nodiscard]] std::optional<std::int64_t> highest_signed_serial() const;
  [[nodiscard]] const std::expected<TrustSettings, std::string> &trust() const { return trust_; }

private:
  std::expected<TrustSettings, std::string> trust_;
  std::filesystem::path serial_state_file_;
};

} // namespace handleguard::signing
