#pragma once
// The last accepted policy kept in its loaded form (policy/model_codec.hpp) in the user's state
// folder, so that a host starts without parsing a large policy's JSON again (a 10,000-term
// policy took most of a start's CPU time). docs/state-layout.md.
//
// A cache is used only when everything matches: this very build of the program (its GNU build
// id), the policy's path, a BLAKE2b hash of its exact bytes, and the size, modification time and
// inode of every lexicon file it lists; and the file's own checksum. Anything else (missing,
// stale, corrupt, another build) means "no cache": the JSON is parsed as before and the cache
// rewritten. The signature and expiry checks (signing::PolicyGate) still run on the policy's
// bytes at every load. The cache is writable by the user, so the host uses one only for a policy
// the user could edit anyway (not a managed install's policy: see native-host/host/main.cpp).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "config/paths.hpp"
#include "policy/model.hpp"
#include "signing/policy_gate.hpp"

namespace handleguard::policy {

struct CachedPolicy {
  Policy policy;
  signing::GatedFields gated; // what the gate reads from the document
};

class PolicyCache {
public:
  explicit PolicyCache(std::filesystem::path file) : file_(std::move(file)) {}

  // The policy cached for `policy_bytes` read from `policy_path`, when the cache matches them.
  [[nodiscard]] std::optional<CachedPolicy> read(const std::filesystem::path &policy_path, std::string_view policy_bytes) const;
  // Replaces the cache with `policy`, parsed from `document` (`policy_bytes`). Best effort: a
  // cache that cannot be written only costs the next start its parse.
  void write(const std::filesystem::path &policy_path, std::string_view policy_bytes, const nlohmann::json &document,
             const Policy &policy) const;

  [[nodiscard]] const std::filesystem::path &file() const { return file_; }

private:
  std::filesystem::path file_;
};

// The host's policy cache for `paths`: `<state>/policy-cache.bin`, or none when the policy in
// force is the managed one (the user can write their state folder, but not that policy).
[[nodiscard]] std::optional<PolicyCache> host_policy_cache(const config::Paths &paths);

// This program's GNU build id in hex; empty when it has none (then nothing is cached).
[[nodiscard]] const std::string &program_build_id();

} // namespace handleguard::policy
