#pragma once
// The install's trust settings: which public keys may sign the policy, and whether a policy
// must be signed at all. They live outside the policy (an unsigned policy cannot drop the
// requirement): the managed folder's trust.json when IT installed one (root-owned; then the
// user's copy is ignored, see config/paths.hpp), else <config dir>/trust.json. docs/signing.md.
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "config/paths.hpp"
#include "signing/minisign.hpp"

namespace handleguard::signing {

struct TrustSettings {
  std::vector<PublicKey> trusted_keys;
  bool require_signed_policy = false;
  std::filesystem::path source; // the file read; empty when none exists
};

// Reads config::Paths::trust_file() (the managed copy when in force); no file means no keys
// and no requirement. A file that exists but is malformed is an error: callers fail closed.
[[nodiscard]] std::expected<TrustSettings, std::string> load_trust(const config::Paths &paths);
[[nodiscard]] std::expected<TrustSettings, std::string> parse_trust(std::string_view json_text,
                                                                    const std::filesystem::path &source);

} // namespace handleguard::signing
