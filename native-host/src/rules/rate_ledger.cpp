#include "rules/rate_ledger.hpp"

#include <cstdint>

#include <sqlite3.h>

#include "util/atomic_file.hpp"
#include "util/sqlite_setup.hpp"

namespace handleguard::rules {

namespace {
std::int64_t millis(TimePoint at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

// Closes a prepared statement however the block is left.
class Statement {
public:
  Statement(sqlite3 *db, const char *sql) { status_ = sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr); }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;
  [[nodiscard]] bool ok() const { return status_ == SQLITE_OK; }
  void bind(int index, std::string_view text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind(int index, std::int64_t value) { sqlite3_bind_int64(statement_, index, value); }
  int step() { return sqlite3_step(statement_); }
  [[nodiscard]] std::int64_t column(int index) const { return sqlite3_column_int64(statement_, index); }
  [[nodiscard]] bool column_is_null(int index) const { return sqlite3_column_type(statement_, index) == SQLITE_NULL; }

private:
  sqlite3_stmt *statement_ = nullptr;
  int status_ = SQLITE_ERROR;
};
} // namespace

std::optional<std::string> rate_refusal(const policy::RateRule &rule, const RateHistory &history, TimePoint /*at*/) {
  if (rule.per_hour && history.last_hour >= *rule.per_hour) {
    return std::to_string(history.last_hour) + " posts in the last hour (limit " + std::to_string(*rule.per_hour) + ")";
  }
  if (rule.per_day && history.last_day >= *rule.per_day) {
    return std::to_string(history.last_day) + " posts in the last 24 hours (limit " + std::to_string(*rule.per_day) + ")";
  }
  if (rule.min_gap_minutes && history.nearest_gap &&
      *history.nearest_gap < std::chrono::minutes(*rule.min_gap_minutes)) {
    const auto gap = std::chrono::duration_cast<std::chrono::minutes>(*history.nearest_gap).count();
    return "another post goes out " + std::to_string(gap) + " minutes from this one (at least " +
           std::to_string(*rule.min_gap_minutes) + " apart)";
  }
  return std::nullopt;
}

std::expected<std::unique_ptr<RateLedger>, std::string> RateLedger::open(const std::filesystem::path &file) {
  if (auto dirs = util::make_private_dirs(file.parent_path()); !dirs) return std::unexpected(dirs.error());
  sqlite3 *db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    std::string why = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return std::unexpected("cannot open " + file.string() + ": " + why);
  }
  std::unique_ptr<RateLedger> ledger(new RateLedger(db));
  sqlite3_busy_timeout(db, 10000); // other host processes hold the lock only for a few statements
  if (util::exec_setup_sql(db, "PRAGMA journal_mode=WAL;"
                             "CREATE TABLE IF NOT EXISTS released_posts ("
                             "  post_id TEXT PRIMARY KEY, handle TEXT NOT NULL, action INTEGER NOT NULL, at_ms INTEGER NOT NULL);"
                             "CREATE INDEX IF NOT EXISTS released_by_account ON released_posts (handle, at_ms);") != SQLITE_OK) {
    return std::unexpected(file.string() + ": " + sqlite3_errmsg(db));
  }
  return ledger;
}

RateLedger::~RateLedger() { sqlite3_close(db_); }

std::expected<void, std::string> RateLedger::exec(const char *sql) {
  char *message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message != nullptr ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return std::unexpected(why);
  }
  return {};
}

std::expected<RateHistory, std::string> RateLedger::read_history(std::string_view handle, unsigned actions, TimePoint at) {
  Statement query(db_,
                  "SELECT"
                  " COALESCE(SUM(ABS(at_ms - ?2) < 3600000), 0),"
                  " COUNT(*),"
                  " MIN(ABS(at_ms - ?2))"
                  " FROM released_posts WHERE handle = ?1 AND (action & ?3) != 0 AND ABS(at_ms - ?2) < 86400000");
  if (!query.ok()) return std::unexpected(std::string(sqlite3_errmsg(db_)));
  query.bind(1, handle);
  query.bind(2, millis(at));
  query.bind(3, static_cast<std::int64_t>(actions));
  if (query.step() != SQLITE_ROW) return std::unexpected(std::string(sqlite3_errmsg(db_)));
  RateHistory history;
  history.last_hour = static_cast<int>(query.column(0));
  history.last_day = static_cast<int>(query.column(1));
  if (!query.column_is_null(2)) history.nearest_gap = std::chrono::milliseconds(query.column(2));
  return history;
}

RateHistory RateLedger::history(std::string_view handle, unsigned actions, TimePoint at) {
  auto history = read_history(handle, actions, at);
  if (!history) {
    RateHistory failed;
    failed.error = history.error();
    return failed;
  }
  return *history;
}

std::expected<std::optional<std::string>, std::string> RateLedger::claim(const std::string &post_id, const std::string &handle,
                                                                          policy::Action action, TimePoint at,
                                                                          const std::vector<const policy::Rule *> &limits) {
  // Inside a batch, a savepoint: a claim refused or failed undoes itself, not the batch's others.
  // Outside one, a transaction left open by a failure is rolled back first: a claim in it would
  // report counted and never be committed.
  const bool in_batch = batch_open_;
  if (!in_batch && sqlite3_get_autocommit(db_) == 0) (void)exec("ROLLBACK");
  const char *const commit = in_batch ? "RELEASE claim" : "COMMIT";
  const char *const rollback = in_batch ? "ROLLBACK TO claim; RELEASE claim" : "ROLLBACK";
  if (auto begun = exec(in_batch ? "SAVEPOINT claim" : "BEGIN IMMEDIATE"); !begun) return std::unexpected(begun.error());
  const auto fail = [this, rollback](std::string why) -> std::expected<std::optional<std::string>, std::string> {
    (void)exec(rollback);
    return std::unexpected(std::move(why));
  };
  {
    Statement existing(db_, "SELECT 1 FROM released_posts WHERE post_id = ?1");
    if (!existing.ok()) return fail(sqlite3_errmsg(db_));
    existing.bind(1, post_id);
    if (existing.step() == SQLITE_ROW) {
      (void)exec(commit);
      return std::optional<std::string>{};
    }
  }
  for (const auto *rule : limits) {
    const auto *rate = std::get_if<policy::RateRule>(&rule->body);
    if (rate == nullptr) continue;
    auto history = read_history(handle, rule->actions, at);
    if (!history) return fail(history.error());
    if (auto refusal = rate_refusal(*rate, *history, at)) {
      (void)exec(rollback);
      return std::optional<std::string>{"rate limit " + rule->id + " of @" + handle + ": " + *refusal};
    }
  }
  Statement insert(db_, "INSERT INTO released_posts (post_id, handle, action, at_ms) VALUES (?1, ?2, ?3, ?4)");
  if (!insert.ok()) return fail(sqlite3_errmsg(db_));
  insert.bind(1, post_id);
  insert.bind(2, handle);
  insert.bind(3, static_cast<std::int64_t>(action));
  insert.bind(4, millis(at));
  if (insert.step() != SQLITE_DONE) return fail(sqlite3_errmsg(db_));
  Statement prune(db_, "DELETE FROM released_posts WHERE at_ms < ?1");
  if (prune.ok()) {
    prune.bind(1, millis(at) - 7 * 86400000LL);
    (void)prune.step();
  }
  if (auto committed = exec(commit); !committed) return fail(committed.error());
  return std::optional<std::string>{};
}

std::expected<void, std::string> RateLedger::begin_batch() {
  if (sqlite3_get_autocommit(db_) == 0) (void)exec("ROLLBACK"); // what a failure left open counts nothing
  auto begun = exec("BEGIN IMMEDIATE");
  batch_open_ = begun.has_value();
  return begun;
}

std::expected<void, std::string> RateLedger::commit_batch() {
  auto committed = exec("COMMIT");
  if (!committed) abandon_batch(); // a COMMIT that failed may leave the transaction open
  batch_open_ = false;
  return committed;
}

void RateLedger::abandon_batch() {
  if (sqlite3_get_autocommit(db_) == 0) (void)exec("ROLLBACK");
  batch_open_ = false;
}

std::expected<bool, std::string> RateLedger::give_back(const std::string &post_id) {
  Statement remove(db_, "DELETE FROM released_posts WHERE post_id = ?1");
  if (!remove.ok()) return std::unexpected(std::string(sqlite3_errmsg(db_)));
  remove.bind(1, post_id);
  if (remove.step() != SQLITE_DONE) return std::unexpected(std::string(sqlite3_errmsg(db_)));
  return sqlite3_changes(db_) > 0;
}

} // namespace handleguard::rules
