#include "audit/log_verification.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "signing/minisign.hpp"

namespace handleguard::audit {

std::expected<std::vector<Hash>, std::string> leaf_hashes(const AuditStore &store) {
  auto entries = store.entries();
  if (!entries) return std::unexpected(entries.error());
  std::vector<Hash> leaves;
  leaves.reserve(entries->size());
  for (const auto &entry : *entries) leaves.push_back(leaf_hash(signing::as_bytes(entry.body)));
  return leaves;
}

std::expected<VerifyReport, std::string> verify_log(const AuditStore &store, const NoteVerifier &verifier,
                                                    std::span<const std::string> external_notes) {
  auto entries = store.entries();
  if (!entries) return std::unexpected(entries.error());
  auto stored_checkpoints = store.checkpoints();
  if (!stored_checkpoints) return std::unexpected(stored_checkpoints.error());

  // Every checkpoint, stored or external, must match the tree at its size.
  std::multimap<std::uint64_t, std::pair<Checkpoint, std::string>> wanted; // size -> checkpoint, where from
  std::string origin;
  VerifyReport report;
  for (const auto &[size, note] : *stored_checkpoints) {
    auto checkpoint = open_checkpoint(note, verifier);
    if (!checkpoint) return std::unexpected("stored checkpoint at size " + std::to_string(size) + ": " + checkpoint.error());
    if (checkpoint->size != size) {
      return std::unexpected("stored checkpoint row " + std::to_string(size) + " holds a checkpoint of size " +
                             std::to_string(checkpoint->size));
    }
    if (!origin.empty() && checkpoint->origin != origin) return std::unexpected("checkpoints name different logs");
    origin = checkpoint->origin;
    wanted.emplace(size, std::make_pair(*checkpoint, "stored checkpoint"));
    report.latest = *checkpoint;
    ++report.checkpoints;
  }
  for (std::size_t i = 0; i < external_notes.size(); ++i) {
    const std::string where = "checkpoint " + std::to_string(i + 1) + " kept elsewhere";
    auto checkpoint = open_checkpoint(external_notes[i], verifier);
    if (!checkpoint) return std::unexpected(where + ": " + checkpoint.error());
    if (!origin.empty() && checkpoint->origin != origin) {
      return std::unexpected(where + " is for log \"" + checkpoint->origin + "\", not \"" + origin + "\"");
    }
    if (checkpoint->size > entries->size()) {
      return std::unexpected(where + " covers " + std::to_string(checkpoint->size) + " entries but the log holds only " +
                             std::to_string(entries->size()) + " (entries were removed)");
    }
    wanted.emplace(checkpoint->size, std::make_pair(*checkpoint, where));
    ++report.external_checkpoints;
  }

  CompactRange range;
  auto check_size = [&](std::uint64_t size) -> std::expected<void, std::string> {
    const auto [first, last] = wanted.equal_range(size);
    for (auto it = first; it != last; ++it) {
      if (it->second.first.root != range.root()) {
        return std::unexpected(it->second.second + " at size " + std::to_string(size) +
                               " does not match the log: an entry up to #" + std::to_string(size) +
                               " was changed, removed, reordered or inserted");
      }
    }
    return {};
  };
  if (auto ok = check_size(0); !ok) return std::unexpected(ok.error());
  for (std::uint64_t index = 0; index < entries->size(); ++index) {
    const auto &entry = (*entries)[index];
    if (entry.seq != index) {
      return std::unexpected("entry #" + std::to_string(index) + " is missing (the next stored entry is #" +
                             std::to_string(entry.seq) + ")");
    }
    const auto body = nlohmann::json::parse(entry.body, nullptr, false);
    const auto seq = body.is_object() ? body.find("seq") : body.end();
    if (!body.is_object() || seq == body.end() || !seq->is_number_unsigned() || seq->get<std::uint64_t>() != index) {
      return std::unexpected("entry #" + std::to_string(index) + " is not a well-formed event of this position");
    }
    const auto commit = body.find("commit_size");
    if (commit == body.end() || !commit->is_number_unsigned() || commit->get<std::uint64_t>() <= index ||
        wanted.count(commit->get<std::uint64_t>()) == 0) {
      return std::unexpected("entry #" + std::to_string(index) + ": the checkpoint of its commit is missing");
    }
    range.append(leaf_hash(signing::as_bytes(entry.body)));
    if (auto ok = check_size(index + 1); !ok) return std::unexpected(ok.error());
  }
  if (report.checkpoints == 0 && !entries->empty()) return std::unexpected("the log has entries but no checkpoint");
  if (report.checkpoints > 0 && report.latest.size != entries->size()) {
    return std::unexpected("the newest checkpoint covers " + std::to_string(report.latest.size) + " entries, the log holds " +
                           std::to_string(entries->size()) + " (entries were added or removed outside the guard)");
  }
  auto state = store.tree_state();
  if (!state) return std::unexpected(state.error());
  auto expected_state = range.serialize();
  for (int i = 0; i < 8; ++i) expected_state.push_back(static_cast<unsigned char>(range.size() >> (8U * static_cast<unsigned>(i))));
  if (!(entries->empty() && state->empty()) && *state != expected_state) {
    return std::unexpected("the stored tree state differs from the entries (the next append would sign a wrong tree)");
  }
  report.entries = entries->size();
  return report;
}

} // namespace handleguard::audit
