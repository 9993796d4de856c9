#include "util/sqlite_setup.hpp"

#include <algorithm>
#include <sqlite3.h>
#include <thread>

namespace handleguard::util {

int exec_setup_sql(sqlite3 *db, const char *sql, std::chrono::milliseconds patience) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  auto pause = std::chrono::milliseconds(2);
  for (;;) {
    const int result = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    const int primary = result & 0xff;
    if (primary != SQLITE_BUSY && primary != SQLITE_LOCKED) return result;
    if (std::chrono::steady_clock::now() + pause > deadline) return result;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(100));
  }
}

} // namespace handleguard::util
