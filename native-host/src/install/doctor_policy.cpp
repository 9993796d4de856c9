// doctor: the trust settings and the policy, checked as the host checks them (signing::PolicyGate)
// but one condition at a time, so each failure gets its own fix.
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "install/doctor_checks.hpp"
#include "policy/parse.hpp"
#include "signing/policy_gate.hpp"
#include "signing/trust.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::install::detail {

namespace {
using signing::Clock;

struct PolicyCheck {
  const DoctorInput &input;
  Lines &lines;
  bool failed = false;

  void fail(std::string message, std::string fix) {
    failed = true;
    lines.push_back({Finding::failure, "policy", std::move(message), std::move(fix)});
  }
  void warn(std::string message, std::string fix = {}) {
    lines.push_back({Finding::warning, "policy", std::move(message), std::move(fix)});
  }
  void ok(std::string message) { lines.push_back({Finding::ok, "policy", std::move(message), {}}); }
  // Staff cannot fix a managed policy: their admin must.
  [[nodiscard]] std::string admin_or(const std::string &own_fix) const {
    return input.paths.managed ? "ask your admin: " + own_fix : own_fix;
  }
};

std::expected<signing::TrustSettings, std::string> check_trust(const DoctorInput &input, Lines &lines) {
  const auto &paths = input.paths;
  auto trust = signing::load_trust(paths);
  const auto file = paths.trust_file();
  if (!trust) {
    lines.push_back({Finding::failure, "trust", trust.error() + ": every policy is refused, so every post is blocked",
                     (paths.managed ? "ask your admin to fix " : "fix ") + file.string() + " (see docs/signing.md)"});
    return trust;
  }
  if (trust->source.empty()) {
    lines.push_back({Finding::ok, "trust", "no trust settings at " + file.string() + ": a signed policy is not required", {}});
    return trust;
  }
  // Whoever can write the trust settings can trust their own key.
  if (paths.managed) {
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0 && (info.st_uid != 0 || (info.st_mode & (S_IWGRP | S_IWOTH)) != 0U)) {
      lines.push_back({Finding::failure, "trust", file.string() + " must be owned by root and writable by root only",
                       "sudo chown root: " + file.string() + " && sudo chmod 0644 " + file.string()});
    }
  } else if (const auto reason = open_to_others(file, S_IWGRP | S_IWOTH); !reason.empty()) {
    lines.push_back({Finding::failure, "trust", reason + ": others could trust their own key", "chmod 0600 " + file.string()});
  }
  std::string ids;
  for (const auto &key : trust->trusted_keys) ids += (ids.empty() ? "" : ", ") + key.id_text();
  lines.push_back({Finding::ok, "trust",
                   file.string() + ": signed policy " + (trust->require_signed_policy ? "required" : "not required") + ", " +
                       std::to_string(trust->trusted_keys.size()) + " trusted key(s)" + (ids.empty() ? "" : " (" + ids + ")"),
                   {}});
  return trust;
}

void check_signature(PolicyCheck &check, const signing::TrustSettings &trust, const std::filesystem::path &file,
                     const std::string &bytes, std::int64_t serial) {
  const auto signature_file = signing::signature_path(file);
  const std::string trust_name = trust.source.empty() ? std::string("no trust settings") : trust.source.string();
  if (!present(signature_file)) {
    if (trust.require_signed_policy) {
      check.fail(file.string() + " is not signed, but " + trust_name + " requires a signed policy: every post is blocked",
                 check.admin_or("sign it with a trusted key: handleguard policy sign " + file.string()));
    } else {
      check.warn(trust.source.empty() ? std::string("unsigned; signing not required (no trust settings)")
                                      : "unsigned; signing not required by " + trust_name);
    }
    return;
  }
  if (trust.trusted_keys.empty()) {
    check.warn(signature_file.string() + " is not checked: no trusted keys in " + trust_name,
               "add the signer's public key to trusted_keys (docs/signing.md)");
    return;
  }
  auto signature_text = util::read_file(signature_file, 1U << 16U);
  if (!signature_text) return check.fail(signature_text.error(), check.admin_or("re-sign the policy: handleguard policy sign"));
  auto verified = signing::verify(signing::as_bytes(bytes), *signature_text, trust.trusted_keys);
  if (!verified) {
    return check.fail(signature_file.string() + ": " + verified.error() + ": the policy is refused, every post is blocked",
                      check.admin_or("re-sign it with a trusted key (handleguard policy sign -s KEY), or trust the signer's key in " + trust_name));
  }
  const signing::PolicyGate gate(trust, check.input.paths.policy_serial_file());
  if (const auto highest = gate.highest_signed_serial(); highest && serial < *highest) {
    return check.fail("serial " + std::to_string(serial) + " is older than serial " + std::to_string(*highest) +
                          " already seen on this workstation (rollback refused): every post is blocked",
                      check.admin_or("install the newest signed policy (serial " + std::to_string(*highest) + " or later)"));
  }
  check.ok("signed by trusted key " + verified->signer.id_text() + ", serial " + std::to_string(serial));
}

void check_expiry(PolicyCheck &check, const nlohmann::json &document, Clock::time_point now) {
  const auto expires = document.find("expires");
  if (expires == document.end()) return;
  const auto when = expires->is_string() ? signing::parse_utc_time(expires->get_ref<const std::string &>()) : std::nullopt;
  if (!when) {
    return check.fail("\"expires\" must be a UTC time such as \"2027-01-31\": the policy is refused",
                      check.admin_or("fix \"expires\", then handleguard policy validate"));
  }
  const auto text = signing::format_utc_time(*when);
  if (now >= *when) {
    return check.fail("expired on " + text + ": every post is blocked",
                      check.admin_or("issue a renewed policy with a later \"expires\""));
  }
  if (*when - now <= signing::expiry_warning_ahead) {
    const auto days = std::chrono::duration_cast<std::chrono::hours>(*when - now).count() / 24;
    return check.warn("expires on " + text + " (in " + std::to_string(days) + " days): posts will be blocked then",
                      check.admin_or("issue a renewed policy before then"));
  }
  check.ok("valid until " + text);
}
} // namespace

void check_trust_and_policy(const DoctorInput &input, Lines &lines) {
  const auto trust = check_trust(input, lines);
  const auto &paths = input.paths;
  const auto file = paths.policy_file();
  PolicyCheck check{input, lines};
  if (!present(file)) {
    return check.fail("no policy at " + file.string() + ": every post is held",
                      paths.managed ? "ask your admin to install " + file.string() : "handleguard policy init");
  }
  auto loaded = policy::load_policy_file(file);
  if (!loaded) return check.fail("invalid: " + loaded.error(), check.admin_or("fix it, then handleguard policy validate"));
  struct stat info {};
  if (::stat(file.c_str(), &info) == 0) {
    if (paths.managed && (info.st_mode & (S_IWGRP | S_IWOTH)) != 0U) {
      check.fail(file.string() + " is writable by other users", "sudo chmod 0644 " + file.string());
    } else if (!paths.managed && (info.st_mode & 077U) != 0U) {
      check.fail(file.string() + " is readable or writable by other users", "chmod 0600 " + file.string());
    }
  }
  check.ok(file.string() + " is valid" + (paths.managed ? " (managed)" : ""));
  auto bytes = util::read_file(file);
  if (!bytes || !trust) return; // unreadable: load_policy_file said so; bad trust: said above
  const auto document = nlohmann::json::parse(*bytes, nullptr, false);
  std::int64_t serial = 0;
  if (document.is_object()) {
    if (const auto found = document.find("serial"); found != document.end() && found->is_number_integer()) serial = found->get<std::int64_t>();
  }
  check_signature(check, *trust, file, *bytes, serial);
  const auto now = Clock::now();
  if (document.is_object()) check_expiry(check, document, now);
  // The host's own gate has the last word: doctor must never pass a policy the host refuses.
  const signing::PolicyGate gate(*trust, paths.policy_serial_file());
  if (auto accepted = gate.check(file, *bytes, now); !accepted && !check.failed) {
    check.fail(accepted.error(), "handleguard policy verify shows the details");
  }
}

} // namespace handleguard::install::detail
