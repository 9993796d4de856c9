#pragma once
// Released posts per account, in SQLite under the state folder, so every host process of the
// OS user (each browser window runs its own) counts against the same limits. A release is
// claimed in one IMMEDIATE transaction that re-checks the limits, so two windows racing for
// the last slot cannot both get it.
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/model.hpp"
#include "rules/rate_history.hpp"

struct sqlite3;

namespace handleguard::rules {

class RateLedger final : public RateHistorySource {
public:
  [[nodiscard]] static std::expected<std::unique_ptr<RateLedger>, std::string> open(const std::filesystem::path &file);
  ~RateLedger() override;
  RateLedger(const RateLedger &) = delete;
  RateLedger &operator=(const RateLedger &) = delete;

  [[nodiscard]] RateHistory history(std::string_view handle, unsigned actions, TimePoint at) override;

  // Counts post `post_id` (idempotent) unless one of `limits` is already reached; returns the
  // reason when refused, nullopt when counted.
  [[nodiscard]] std::expected<std::optional<std::string>, std::string>
  claim(const std::string &post_id, const std::string &handle, policy::Action action, TimePoint at,
        const std::vector<const policy::Rule *> &limits);
  // Claims made between begin_batch() and commit_batch() share one transaction, so one disk
  // sync (`check --calendar --record`); each is still checked against the counts before it,
  // those of the batch included. The ledger stays locked for other processes meanwhile: keep
  // batches short. abandon_batch() (or the ledger's end) counts none of them.
  [[nodiscard]] std::expected<void, std::string> begin_batch();
  [[nodiscard]] std::expected<void, std::string> commit_batch();
  void abandon_batch();
  // Gives back a post reported cancelled or failed; returns whether it had been counted.
  [[nodiscard]] std::expected<bool, std::string> give_back(const std::string &post_id);

private:
  explicit RateLedger(sqlite3 *db) : db_(db) {}
  [[nodiscard]] std::expected<RateHistory, std::string> read_history(std::string_view handle, unsigned actions, TimePoint at);
  [[nodiscard]] std::expected<void, std::string> exec(const char *sql);
  sqlite3 *db_;
  bool batch_open_ = false; // between begin_batch() and commit_batch() or abandon_batch()
};

// Why a release would break `rule` given `history`, or nullopt.
[[nodiscard]] std::optional<std::string> rate_refusal(const policy::RateRule &rule, const RateHistory &history, TimePoint at);

} // namespace handleguard::rules
