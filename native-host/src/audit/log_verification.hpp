#pragma once
// Checks a stored audit log end to end: contiguous entries, every stored checkpoint signed by the
// workstation key and equal to the tree at its size, the newest one covering the whole log, the
// stored tree state equal to the recomputed one; and, optionally, checkpoints kept elsewhere
// (only those prove the log was not rewritten with the local key).
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <vector>

#include "audit/audit_store.hpp"
#include "audit/checkpoint.hpp"

namespace handleguard::audit {

struct VerifyReport {
  std::uint64_t entries = 0;
  std::uint64_t checkpoints = 0;          // stored ones checked
  std::uint64_t external_checkpoints = 0; // checkpoints from elsewhere checked
  Checkpoint latest;
};

[[nodiscard]] std::expected<VerifyReport, std::string> verify_log(const AuditStore &store, const NoteVerifier &verifier,
                                                                  std::span<const std::string> external_notes = {});

// Leaf hashes of the stored entries, in order.
[[nodiscard]] std::expected<std::vector<Hash>, std::string> leaf_hashes(const AuditStore &store);

} // namespace handleguard::audit
