#include "audit/audit_store.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "signing/encoding.hpp"
#include "signing/minisign.hpp"
#include "util/atomic_file.hpp"
#include "util/json_writer.hpp"
#include "util/sqlite_setup.hpp"

namespace handleguard::audit {

using nlohmann::json;

namespace {
constexpr const char *schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS entries(seq INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints(size INTEGER PRIMARY KEY, note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tree_state(id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, compact_range BLOB NOT NULL);
)sql";

class Statement {
public:
  Statement(sqlite3 *db, const char *sql) { ok_ = sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) == SQLITE_OK; }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;
  [[nodiscard]] bool ok() const { return ok_; }
  sqlite3_stmt *get() { return statement_; }

private:
  sqlite3_stmt *statement_ = nullptr;
  bool ok_ = false;
};

std::string sqlite_error(sqlite3 *db, const std::string &what) { return what + ": " + sqlite3_errmsg(db); }

// Steps `select` (columns: an integer, a text) to its end.
std::expected<std::vector<std::pair<std::uint64_t, std::string>>, std::string>
integer_text_rows(sqlite3 *db, Statement &select, const std::string &what) {
  std::vector<std::pair<std::uint64_t, std::string>> out;
  int status = 0;
  while ((status = sqlite3_step(select.get())) == SQLITE_ROW) {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(select.get(), 1));
    out.emplace_back(static_cast<std::uint64_t>(sqlite3_column_int64(select.get(), 0)),
                     text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(select.get(), 1))) : "");
  }
  if (status != SQLITE_DONE) return std::unexpected(sqlite_error(db, what));
  return out;
}

std::expected<std::vector<StoredEntry>, std::string> entry_rows(sqlite3 *db, Statement &select) {
  auto rows = integer_text_rows(db, select, "cannot read the audit log");
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredEntry> out;
  out.reserve(rows->size());
  for (auto &[seq, body] : *rows) out.push_back({seq, std::move(body)});
  return out;
}

bool exec(sqlite3 *db, const char *sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

std::string now_rfc3339() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto day = floor<days>(now);
  const year_month_day date{day};
  const hh_mm_ss clock{floor<milliseconds>(now - day)};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()),
                static_cast<long>(clock.seconds().count()), static_cast<long>(clock.subseconds().count()));
  return buffer;
}

std::expected<sqlite3 *, std::string> open_database(const std::filesystem::path &path, bool read_only) {
  sqlite3 *db = nullptr;
  const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string error = sqlite_error(db, "cannot open " + path.string());
    sqlite3_close(db);
    return std::unexpected(error);
  }
  sqlite3_busy_timeout(db, 15000); // other host processes commit in milliseconds
  return db;
}
} // namespace

std::string workstation_name() {
  char name[HOST_NAME_MAX + 1] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "unknown-host";
  return name;
}

std::string os_user_name() {
  if (const passwd *entry = ::getpwuid(::getuid()); entry != nullptr && entry->pw_name != nullptr) return entry->pw_name;
  return "uid" + std::to_string(::getuid());
}

std::expected<std::unique_ptr<AuditStore>, std::string> AuditStore::open(const config::Paths &paths) {
  if (auto made = util::make_private_dirs(paths.state_dir); !made) return std::unexpected(made.error());
  std::unique_ptr<AuditStore> store(new AuditStore());
  store->workstation_ = workstation_name();
  store->os_user_ = os_user_name();
  // Key names may not hold spaces or '+'; the origin names the log uniquely enough for a collector.
  std::string name = "handleguard/" + store->workstation_ + "/" + store->os_user_;
  for (char &c : name) {
    if (c == ' ' || c == '+' || c == '\t' || c == '\n') c = '_';
  }
  store->origin_ = name;
  util::append_json_string(store->workstation_json_, store->workstation_);
  util::append_json_string(store->os_user_json_, store->os_user_);
  auto signer = NoteSigner::load_or_create(paths.keys_dir() / "log-signing.note-key", name);
  if (!signer) return std::unexpected(signer.error());
  store->signer_ = std::move(*signer);
  store->origin_ = store->signer_->verifier().name;
  store->text_key_ = store->signer_->derived_key("handleguard post text");
  // Published for `log verify`; rewritten only when it differs, so starting a host (as doctor
  // does) leaves the user's files as they were.
  const auto verifier_file = paths.keys_dir() / "log-signing.vkey";
  const auto verifier_text = store->signer_->verifier().text() + "\n";
  if (auto existing = util::read_file(verifier_file, 4096); !existing || *existing != verifier_text) {
    (void)util::write_file_atomically(verifier_file, verifier_text, 0644);
  }
  auto db = open_database(paths.audit_db(), false);
  if (!db) return std::unexpected(db.error());
  store->db_ = *db;
  ::chmod(paths.audit_db().c_str(), 0600);
  if (util::exec_setup_sql(store->db_, "PRAGMA journal_mode=WAL") != SQLITE_OK ||
      util::exec_setup_sql(store->db_, "PRAGMA synchronous=FULL") != SQLITE_OK ||
      util::exec_setup_sql(store->db_, schema_sql) != SQLITE_OK) {
    return std::unexpected(sqlite_error(store->db_, "cannot set up " + paths.audit_db().string()));
  }
  return store;
}

std::expected<std::unique_ptr<AuditStore>, std::string> AuditStore::open_read_only(const std::filesystem::path &db_path) {
  std::error_code error;
  if (!std::filesystem::exists(db_path, error)) return std::unexpected(db_path.string() + ": no audit log here");
  auto db = open_database(db_path, true);
  if (!db) return std::unexpected(db.error());
  std::unique_ptr<AuditStore> store(new AuditStore());
  store->db_ = *db;
  return store;
}

AuditStore::~AuditStore() {
  if (signer_) (void)flush();
  sqlite3_close(db_);
}

void AuditStore::set_commit_listener(CommitListener listener) {
  const std::lock_guard lock(mutex_);
  listener_ = std::move(listener);
}

std::string AuditStore::entry_body(const Event &event, std::uint64_t seq, std::uint64_t commit_size, std::string_view time,
                                   long pid) const {
  // Written straight to text, not built as a JSON tree and dumped (that copied every field and
  // cost more than the whole check): the members in key order, as nlohmann's std::map orders
  // them, so the bytes are what `json(...).dump()` gave before (entries already in logs and
  // their hashes stay valid; tests/host/audit/audit_store_test.cpp compares both).
  // `commit_size` names the checkpoint of this entry's commit, so removing that checkpoint shows.
  struct Member {
    std::string_view key;
    std::string text;                  // the value's JSON text, when made here
    const json *value = nullptr;       // else the event's own value
  };
  std::vector<Member> members;
  members.reserve(8 + (event.fields.is_object() ? event.fields.size() : 0));
  const auto quoted = [](std::string_view text) {
    std::string out;
    util::append_json_string(out, text);
    return out;
  };
  members.push_back({"seq", std::to_string(seq)});
  members.push_back({"commit_size", std::to_string(commit_size)});
  members.push_back({"time", quoted(time)});
  members.push_back({"type", quoted(event.type)});
  members.push_back({"workstation", workstation_json_});
  members.push_back({"os_user", os_user_json_});
  members.push_back({"pid", std::to_string(pid)});
  const auto find = [&](std::string_view key) {
    return std::ranges::find_if(members, [&](const Member &member) { return member.key == key; });
  };
  if (event.fields.is_object()) {
    for (const auto &[key, value] : event.fields.get_ref<const json::object_t &>()) {
      if (key == "text" && value.is_string()) {
        // Post text is kept as a keyed hash: provable ("was it this text?") without storing it.
        const auto &text = value.get_ref<const std::string &>();
        unsigned char digest[32];
        crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char *>(text.data()), text.size(),
                           text_key_.data(), text_key_.size());
        std::string hash = quoted(signing::to_hex(digest));
        if (auto existing = find("text_hash"); existing != members.end()) *existing = {"text_hash", std::move(hash)};
        else members.push_back({"text_hash", std::move(hash)});
      } else if (find(key) == members.end()) { // the entry's own members win over an event's field
        members.push_back({key, {}, &value});
      }
    }
  }
  std::ranges::sort(members, {}, &Member::key);
  std::string body;
  body.reserve(512);
  body += '{';
  for (const auto &member : members) {
    if (body.size() > 1) body += ',';
    util::append_json_string(body, member.key);
    body += ':';
    if (member.value != nullptr) util::append_json(body, *member.value);
    else body += member.text;
  }
  body += '}';
  return body;
}

void AuditStore::enqueue(const Event &event) { enqueue_owned(event); }

void AuditStore::enqueue_owned(Event event) {
  const std::lock_guard lock(mutex_);
  pending_.push_back({std::move(event), std::make_shared<std::pair<bool, bool>>(false, false)});
}

bool AuditStore::record(const Event &event) {
  auto outcome = std::make_shared<std::pair<bool, bool>>(false, false);
  {
    const std::lock_guard lock(mutex_);
    pending_.push_back({event, outcome});
  }
  return wait_for(outcome);
}

bool AuditStore::record_all(const std::vector<Event> &events) { return record_all_owned(events); }

bool AuditStore::record_all_owned(std::vector<Event> events) {
  if (events.empty()) return true;
  // One outcome for all: they join `pending_` under one lock, and a commit takes everything
  // pending at once, so they are committed (or fail) together.
  const auto outcome = std::make_shared<std::pair<bool, bool>>(false, false);
  {
    const std::lock_guard lock(mutex_);
    for (auto &event : events) pending_.push_back({std::move(event), outcome});
  }
  return wait_for(outcome);
}

bool AuditStore::flush() {
  std::shared_ptr<std::pair<bool, bool>> last;
  {
    const std::lock_guard lock(mutex_);
    if (pending_.empty()) return true;
    last = pending_.back().outcome;
  }
  return wait_for(last);
}

// Group commit: the first waiter becomes the leader and commits everything pending in one
// transaction; the others wait for their outcome (which may be that leader's or the next one's).
bool AuditStore::wait_for(const std::shared_ptr<std::pair<bool, bool>> &outcome) {
  std::unique_lock lock(mutex_);
  while (!outcome->first) {
    if (committing_) {
      committed_.wait(lock);
      continue;
    }
    committing_ = true;
    std::vector<Pending> group;
    group.swap(pending_);
    lock.unlock();
    std::vector<StoredEntry> stored;
    std::string note;
    const bool ok = signer_ && commit(group, stored, note);
    lock.lock();
    for (auto &item : group) *item.outcome = {true, ok};
    committing_ = false;
    CommitListener listener = ok ? listener_ : nullptr;
    committed_.notify_all();
    if (listener) {
      lock.unlock();
      listener(stored, note);
      lock.lock();
    }
  }
  return outcome->second;
}

bool AuditStore::commit(std::vector<Pending> &group, std::vector<StoredEntry> &stored, std::string &note) {
  if (group.empty()) return true;
  if (!exec(db_, "BEGIN IMMEDIATE")) {
    last_error_ = sqlite_error(db_, "cannot start an audit transaction");
    return false;
  }
  auto fail = [&](const std::string &what) {
    last_error_ = sqlite_error(db_, what);
    exec(db_, "ROLLBACK");
    return false;
  };
  CompactRange range;
  {
    Statement select(db_, "SELECT size, compact_range FROM tree_state WHERE id = 1");
    if (!select.ok()) return fail("cannot read the tree state");
    if (sqlite3_step(select.get()) == SQLITE_ROW) {
      const auto *blob = static_cast<const unsigned char *>(sqlite3_column_blob(select.get(), 1));
      const auto length = static_cast<std::size_t>(sqlite3_column_bytes(select.get(), 1));
      if (!CompactRange::deserialize({blob, length}, range) ||
          range.size() != static_cast<std::uint64_t>(sqlite3_column_int64(select.get(), 0))) {
        exec(db_, "ROLLBACK");
        last_error_ = "the audit log's tree state is corrupt (run `handleguard log verify`)";
        return false;
      }
    }
  }
  Statement insert(db_, "INSERT INTO entries(seq, body) VALUES (?, ?)");
  if (!insert.ok()) return fail("cannot prepare an audit insert");
  const std::uint64_t commit_size = range.size() + group.size();
  const std::string time = now_rfc3339(); // one commit, one moment (to the millisecond)
  const long pid = ::getpid();
  stored.reserve(group.size());
  for (const auto &item : group) {
    StoredEntry entry{range.size(), entry_body(item.event, range.size(), commit_size, time, pid)};
    sqlite3_bind_int64(insert.get(), 1, static_cast<sqlite3_int64>(entry.seq));
    sqlite3_bind_text(insert.get(), 2, entry.body.data(), static_cast<int>(entry.body.size()), SQLITE_STATIC);
    if (sqlite3_step(insert.get()) != SQLITE_DONE) return fail("cannot append to the audit log");
    sqlite3_reset(insert.get());
    range.append(leaf_hash(signing::as_bytes(entry.body)));
    stored.push_back(std::move(entry));
  }
  const auto serialized = range.serialize();
  Statement state(db_, "INSERT OR REPLACE INTO tree_state(id, size, compact_range) VALUES (1, ?, ?)");
  if (!state.ok()) return fail("cannot prepare the tree state");
  sqlite3_bind_int64(state.get(), 1, static_cast<sqlite3_int64>(range.size()));
  sqlite3_bind_blob(state.get(), 2, serialized.data(), static_cast<int>(serialized.size()), SQLITE_STATIC);
  if (sqlite3_step(state.get()) != SQLITE_DONE) return fail("cannot store the tree state");
  note = signer_->sign(checkpoint_body({origin_, range.size(), range.root()}));
  Statement checkpoint(db_, "INSERT INTO checkpoints(size, note) VALUES (?, ?)");
  if (!checkpoint.ok()) return fail("cannot prepare a checkpoint");
  sqlite3_bind_int64(checkpoint.get(), 1, static_cast<sqlite3_int64>(range.size()));
  sqlite3_bind_text(checkpoint.get(), 2, note.data(), static_cast<int>(note.size()), SQLITE_STATIC);
  if (sqlite3_step(checkpoint.get()) != SQLITE_DONE) return fail("cannot store a checkpoint");
  if (!exec(db_, "COMMIT")) return fail("cannot commit the audit log");
  return true;
}

std::expected<std::vector<StoredEntry>, std::string> AuditStore::entries() const {
  Statement select(db_, "SELECT seq, body FROM entries ORDER BY seq");
  if (!select.ok()) return std::unexpected(sqlite_error(db_, "cannot read the audit log"));
  return entry_rows(db_, select);
}

std::expected<std::vector<std::pair<std::uint64_t, std::string>>, std::string> AuditStore::checkpoints() const {
  Statement select(db_, "SELECT size, note FROM checkpoints ORDER BY size");
  if (!select.ok()) return std::unexpected(sqlite_error(db_, "cannot read the checkpoints"));
  return integer_text_rows(db_, select, "cannot read the checkpoints");
}

std::expected<std::vector<unsigned char>, std::string> AuditStore::tree_state() const {
  Statement select(db_, "SELECT size, compact_range FROM tree_state WHERE id = 1");
  if (!select.ok()) return std::unexpected(sqlite_error(db_, "cannot read the tree state"));
  if (sqlite3_step(select.get()) != SQLITE_ROW) return std::vector<unsigned char>{};
  const auto *blob = static_cast<const unsigned char *>(sqlite3_column_blob(select.get(), 1));
  const auto length = static_cast<std::size_t>(sqlite3_column_bytes(select.get(), 1));
  std::vector<unsigned char> out(blob, blob + length);
  // The size column is part of the state: fold it in so an edit there shows too.
  const auto size = static_cast<std::uint64_t>(sqlite3_column_int64(select.get(), 0));
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<unsigned char>(size >> (8U * static_cast<unsigned>(i))));
  return out;
}

std::expected<std::vector<StoredEntry>, std::string> AuditStore::recent_entries(std::uint64_t window,
                                                                                const std::vector<std::string> &types) const {
  Statement select(db_, "SELECT seq, body FROM entries"
                        " WHERE seq >= (SELECT COALESCE(MAX(seq), 0) FROM entries) - ?1"
                        " AND json_extract(body, '$.type') IN (SELECT value FROM json_each(?2))"
                        " ORDER BY seq DESC");
  if (!select.ok()) return std::unexpected(sqlite_error(db_, "cannot read the audit log"));
  const std::string type_list = json(types).dump();
  sqlite3_bind_int64(select.get(), 1, static_cast<sqlite3_int64>(window));
  sqlite3_bind_text(select.get(), 2, type_list.data(), static_cast<int>(type_list.size()), SQLITE_STATIC);
  return entry_rows(db_, select);
}

} // namespace handleguard::audit
