#pragma once
// A content calendar: a CSV file (util/csv.hpp) whose header names the columns account and
// text, and optionally time. Spreadsheet exports are taken as they come (header names in any
// case, spaces around them, empty rows, extra columns), but nothing a row holds is dropped
// without a word: a row with more cells than the header, or without its account or text cell,
// is an error naming its line and column, since its text would otherwise be judged only in part.
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::rules {

struct CalendarRow {
  std::size_t line = 0; // where the row starts in the file, 1-based
  std::string account;
  std::string text;
  std::string time; // empty: the post goes out when it is posted
};

struct ContentCalendar {
  std::vector<CalendarRow> rows;
  std::vector<std::string> unread_columns; // header names other than account, text and time
  std::string time_column;                 // as errors name it, `column 3 ("time")`; empty when there is none
};

// The rows of `csv_text`, or "line N: why" for the first problem, "line N, column C ("name"): why"
// when it is in one cell.
[[nodiscard]] std::expected<ContentCalendar, std::string> read_content_calendar(std::string_view csv_text);

} // namespace handleguard::rules
