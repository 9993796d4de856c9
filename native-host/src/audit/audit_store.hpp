#pragma once
// The audit log: an append-only SQLite table (WAL, synchronous=FULL) under the state folder,
// shared by every host process and the CLI of the OS user. Each commit appends a group of
// events, extends the RFC 6962 tree over them and stores a checkpoint signed with the
// workstation key, all in one transaction, so every committed entry is covered by a signed
// checkpoint. See docs/audit.md.
#include <condition_variable>
#include <deque>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "audit/checkpoint.hpp"
#include "audit/event_sink.hpp"
#include "config/paths.hpp"

struct sqlite3;

namespace handleguard::audit {

struct StoredEntry {
  std::uint64_t seq = 0;
  std::string body; // the canonical JSON text the leaf hash covers
};

// Called after each commit with the new entries and the new checkpoint note (forwarding, response commands).
using CommitListener = std::function<void(const std::vector<StoredEntry> &entries, const std::string &checkpoint_note)>;

class AuditStore final : public EventSink {
public:
  // Opens (creating) `<state>/audit.sqlite` and the workstation key `<config>/keys/log-signing.note-key`.
  [[nodiscard]] static std::expected<std::unique_ptr<AuditStore>, std::string> open(const config::Paths &paths);
  // Opens `db_path` read-only for inspection (verify, show, prove); no key needed.
  [[nodiscard]] static std::expected<std::unique_ptr<AuditStore>, std::string> open_read_only(const std::filesystem::path &db_path);
  ~AuditStore() override;
  AuditStore(const AuditStore &) = delete;
  AuditStore &operator=(const AuditStore &) = delete;

  [[nodiscard]] bool record(const Event &event) override;
  void enqueue(const Event &event) override;
  void enqueue_owned(Event event) override;
  [[nodiscard]] bool flush() override;
  [[nodiscard]] bool record_all(const std::vector<Event> &events) override;
  [[nodiscard]] bool record_all_owned(std::vector<Event> events) override;

  void set_commit_listener(CommitListener listener);
  [[nodiscard]] const std::string &last_error() const { return last_error_; }
  [[nodiscard]] const NoteSigner *signer() const { return signer_ ? &*signer_ : nullptr; }

  // Reading (any process): entries in order, checkpoints by size, the tree state row.
  [[nodiscard]] std::expected<std::vector<StoredEntry>, std::string> entries() const;
  [[nodiscard]] std::expected<std::vector<std::pair<std::uint64_t, std::string>>, std::string> checkpoints() const;
  [[nodiscard]] std::expected<std::vector<unsigned char>, std::string> tree_state() const;
  // The entries whose type is one of `types`, among the newest `window` entries, newest first.
  [[nodiscard]] std::expected<std::vector<StoredEntry>, std::string> recent_entries(std::uint64_t window,
                                                                                    const std::vector<std::string> &types) const;

private:
  struct Pending {
    Event event;
    std::shared_ptr<std::pair<bool, bool>> outcome; // done, ok
  };
  AuditStore() = default;
  [[nodiscard]] bool wait_for(const std::shared_ptr<std::pair<bool, bool>> &outcome);
  [[nodiscard]] bool commit(std::vector<Pending> &group, std::vector<StoredEntry> &stored, std::string &note);
  // The canonical JSON text of `event` as entry `seq` of the commit ending at `commit_size`;
  // `time` and `pid` are the commit's (computed once for its whole group).
  [[nodiscard]] std::string entry_body(const Event &event, std::uint64_t seq, std::uint64_t commit_size,
                                       std::string_view time, long pid) const;

  sqlite3 *db_ = nullptr;
  std::optional<NoteSigner> signer_;
  std::string origin_, workstation_, os_user_;
  std::string workstation_json_, os_user_json_; // as JSON strings, written into every entry
  std::array<unsigned char, 32> text_key_{};

  std::mutex mutex_;
  std::condition_variable committed_;
  std::vector<Pending> pending_;
  bool committing_ = false;
  CommitListener listener_;
  std::string last_error_;
};

// Names of this workstation and user as events record them.
[[nodiscard]] std::string workstation_name();
[[nodiscard]] std::string os_user_name();

} // namespace handleguard::audit
