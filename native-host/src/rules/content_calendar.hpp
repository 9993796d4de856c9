#pragma once
// A content calendar: a CSV file (util/csv.hpp) whose header names the columns account and
// text, and optionally time. Spreadsheet exports are taken as they come (header names in any
// case, spaces around them, empty rows, extra columns), but nothing a row holds is dropped
// without a word: a row with more cells than the header, or without its account or text cell,
// is an error naming its line and column, since its text would otherwise be judged only in part.
// Every row is read and checked before any is judged, so that a mistake late in the file stops
// the whole calendar, not the rows after it (whose earlier rows `check --record` would already
// have recorded).
#include <chrono>
#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::rules {

struct CalendarRow {
  std::size_t line = 0; // where the row starts in the file, 1-based
  std::string account;
  std::string text;
  std::optional<std::chrono::system_clock::time_point> time; // none: the post goes out when it is posted
};

struct ContentCalendar {
  std::vector<CalendarRow> rows;
  std::vector<std::string> unread_columns; // header names other than account, text and time
};

// The rows of `csv_text`, or "line N: why" for the first problem, "line N, column C ("name"): why"
// when it is in one cell.
[[nodiscard]] std::expected<ContentCalendar, std::string> read_content_calendar(std::string_view csv_text);

} // namespace handleguard::rules
