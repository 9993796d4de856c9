#pragma once

#include <chrono>

struct sqlite3;

namespace handleguard::util {

// Runs idempotent set-up SQL (journal mode, CREATE ... IF NOT EXISTS) on a database that other
// host processes may be creating at the same moment. SQLite answers "database is locked" to a
// journal-mode change without calling the busy handler, so two browser windows starting together
// could leave one host with no audit log; this retries until `patience` runs out.
// Returns the last SQLite result code (SQLITE_OK on success).
[[nodiscard]] int exec_setup_sql(sqlite3 *db, const char *sql, std::chrono::milliseconds patience = std::chrono::seconds(15));

} // namespace handleguard::util
