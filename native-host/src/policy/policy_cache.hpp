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
// bytes at every load.
//
// Whoever can write a cache decides what policy a host loads, so there are two kinds. The user's
// cache, in their state folder, serves only a policy the user could edit anyway. A managed
// install's cache sits beside its policy in the managed folder, is written only by root (`sudo
// handleguard-host --cache-managed-policy`, after the policy changes), and is read only while root
// owns it and its folder and nobody else may write either.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "config/paths.hpp"
#include "policy/model.hpp"
#include "signing/policy_gate.hpp"

namespace handleguard::policy {

// Who writes a cache, and so when a host may trust one it finds.
enum class CacheWriter : std::uint8_t {
  user, // the user's own hosts, which rewrite it when stale
  root, // root alone: read only when root's and writable by no one else, never written by others
};

struct CachedPolicy {
  Policy policy;
  signing::GatedFields gated; // what the gate reads from the document
};

class PolicyCache {
public:
  explicit PolicyCache(std::filesystem::path file, CacheWriter writer = CacheWriter::user)
      : file_(std::move(file)), writer_(writer) {}

  // The policy cached for `policy_bytes` read from `policy_path`, when the cache matches them.
  [[nodiscard]] std::optional<CachedPolicy> read(const std::filesystem::path &policy_path, std::string_view policy_bytes) const;
  // Replaces the cache with `policy`, parsed from `document` (`policy_bytes`). Best effort: a
  // cache that cannot be written only costs the next start its parse. Returns whether it wrote
  // it; a root cache is written only by a process running as root.
  bool write(const std::filesystem::path &policy_path, std::string_view policy_bytes, const nlohmann::json &document,
             const Policy &policy) const;

  [[nodiscard]] const std::filesystem::path &file() const { return file_; }
  // Root's cache: whether it and its folder are root's and writable by no one else, as a host
  // requires before it reads one. A user's cache: true.
  [[nodiscard]] bool in_trusted_place() const;

private:
  std::filesystem::path file_;
  CacheWriter writer_;
};

// The host's policy cache for `paths`: the user's `<state>/policy-cache.bin`, or root's
// `<managed folder>/policy-cache.bin` when the policy in force is the managed one (the user can
// write their state folder, but not that policy).
[[nodiscard]] PolicyCache host_policy_cache(const config::Paths &paths);

// This program's GNU build id in hex; empty when it has none (then nothing is cached).
[[nodiscard]] const std::string &program_build_id();

} // namespace handleguard::policy
