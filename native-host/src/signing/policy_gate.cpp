#include "signing/policy_gate.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "signing/encoding.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::signing {

using nlohmann::json;

namespace {
std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size());
  return to_hex(digest);
}
} // namespace

std::optional<Clock::time_point> parse_utc_time(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char tail = '\0';
  const std::string copy(text);
  if (copy.size() == 10) {
    if (std::sscanf(copy.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3) return std::nullopt;
  } else if (copy.size() == 20) {
    char t = '\0', z = '\0';
    if (std::sscanf(copy.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d%c%c", &year, &month, &day, &t, &hour, &minute, &second, &z,
                    &tail) != 8 ||
        t != 'T' || z != 'Z') {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0) return std::nullopt;
  return sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
}

std::string format_utc_time(Clock::time_point time) {
  using namespace std::chrono;
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{floor<seconds>(time - day)};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()),
                static_cast<long>(clock.seconds().count()));
  return buffer;
}

std::filesystem::path signature_path(const std::filesystem::path &policy) { return policy.string() + ".minisig"; }

PolicyGate::PolicyGate(std::expected<TrustSettings, std::string> trust, std::filesystem::path serial_state_file)
    : trust_(std::move(trust)), serial_state_file_(std::move(serial_state_file)) {}

std::optional<std::int64_t> PolicyGate::highest_signed_serial() const {
  auto text = util::read_file(serial_state_file_, 1U << 16U);
  if (!text) return std::nullopt;
  const json state = json::parse(*text, nullptr, false);
  if (!state.is_object()) return std::nullopt;
  const auto found = state.find("highest_signed_serial");
  if (found == state.end() || !found->is_number_integer()) return std::nullopt;
  return found->get<std::int64_t>();
}

std::expected<PolicyAcceptance, std::string> PolicyGate::check(const std::filesystem::path &policy_path,
                                                               std::string_view policy_bytes,
                                                               Clock::time_point now) const {
  return check(policy_path, policy_bytes, json::parse(policy_bytes, nullptr, false), now);
}

GatedFields GatedFields::of(const json &document) {
  GatedFields fields;
  if (!document.is_object()) return fields;
  if (const auto serial = document.find("serial"); serial != document.end() && serial->is_number_integer()) {
    fields.serial = serial->get<std::int64_t>();
  }
  if (const auto expires = document.find("expires"); expires != document.end()) {
    if (expires->is_string()) fields.expires = expires->get<std::string>();
    else fields.expires_not_text = true;
  }
  return fields;
}

std::expected<PolicyAcceptance, std::string> PolicyGate::check(const std::filesystem::path &policy_path,
                                                               std::string_view policy_bytes, const json &document,
                                                               Clock::time_point now) const {
  return check(policy_path, policy_bytes, GatedFields::of(document), now);
}

std::expected<PolicyAcceptance, std::string> PolicyGate::check(const std::filesystem::path &policy_path,
                                                               std::string_view policy_bytes, const GatedFields &fields,
                                                               Clock::time_point now) const {
  const std::string where = policy_path.string() + ": ";
  if (!trust_) return std::unexpected("the trust settings are invalid, so no policy is accepted: " + trust_.error());
  PolicyAcceptance accepted;
  accepted.serial = fields.serial;
  if (fields.expires || fields.expires_not_text) {
    accepted.expires = fields.expires ? parse_utc_time(*fields.expires) : std::nullopt;
    if (!accepted.expires) {
      return std::unexpected(where + "/expires: must be a UTC time such as \"2027-01-31\" or \"2027-01-31T18:00:00Z\"");
    }
  }
  const auto signature_file = signature_path(policy_path);
  std::error_code error;
  const bool has_signature = std::filesystem::exists(signature_file, error);
  const bool must_verify = trust_->require_signed_policy || (has_signature && !trust_->trusted_keys.empty());
  if (must_verify) {
    if (!has_signature) {
      return std::unexpected(where + "the policy is not signed, and " + trust_->source.string() +
                             " requires a signed policy (sign it with `handleguard policy sign`)");
    }
    auto signature_text = util::read_file(signature_file, 1U << 16U);
    if (!signature_text) return std::unexpected(signature_text.error());
    auto verified = verify(as_bytes(policy_bytes), *signature_text, trust_->trusted_keys);
    if (!verified) return std::unexpected(signature_file.string() + ": " + verified.error());
    accepted.is_signed = true;
    accepted.sha256 = sha256_hex(policy_bytes); // remembered with the serial; only signed policies are
    accepted.signer_key_id = verified->signer.id_text();
    accepted.trusted_comment = verified->trusted_comment;
    if (const auto highest = highest_signed_serial(); highest && accepted.serial < *highest) {
      return std::unexpected(where + "serial " + std::to_string(accepted.serial) + " is older than serial " +
                             std::to_string(*highest) + " already seen on this workstation (rollback refused)");
    }
  }
  if (has_expired(accepted, now)) {
    return std::unexpected(where + "the policy expired on " + format_utc_time(*accepted.expires) +
                           "; ask your admin for a renewed policy");
  }
  return accepted;
}

std::expected<void, std::string> PolicyGate::remember(const PolicyAcceptance &accepted) const {
  if (!accepted.is_signed) return {};
  if (const auto highest = highest_signed_serial(); highest && *highest >= accepted.serial) return {};
  const json state = {{"highest_signed_serial", accepted.serial}, {"signer", accepted.signer_key_id},
                      {"sha256", accepted.sha256}};
  return util::write_file_atomically(serial_state_file_, state.dump(2) + "\n", 0600);
}

bool PolicyGate::has_expired(const PolicyAcceptance &accepted, Clock::time_point now) {
  return accepted.expires && now >= *accepted.expires;
}

std::string PolicyGate::expiry_warning(const PolicyAcceptance &accepted, Clock::time_point now) {
  if (!accepted.expires || has_expired(accepted, now) || *accepted.expires - now > expiry_warning_ahead) return {};
  return "the policy expires on " + format_utc_time(*accepted.expires) +
         "; posts will be blocked then unless your admin publishes a renewed policy";
}

} // namespace handleguard::signing
