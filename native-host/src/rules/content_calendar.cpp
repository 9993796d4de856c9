#include "rules/content_calendar.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <span>

#include "util/csv.hpp"
#include "util/local_time.hpp"
#include "util/message_excerpt.hpp"
#include "util/trim.hpp"
#include "util/utf.hpp"

namespace handleguard::rules {

namespace {
constexpr std::string_view expected_header = "account,text[,time]";

// "Account ", "TEXT": spreadsheet users capitalise and pad headers.
std::string column_name(std::string_view cell) {
  std::string name(util::trim_blanks(cell));
  std::ranges::transform(name, name.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return name;
}

std::string at_line(std::size_t line, const std::string &why) { return "line " + std::to_string(line) + ": " + why; }

// Names the column at `index` as a spreadsheet shows it, `column 2 ("text")`: counted from 1,
// with the header's name when it has one there.
std::string spreadsheet_column(std::size_t index, std::span<const std::string> header) {
  std::string column = "column " + std::to_string(index + 1);
  const std::string_view name = index < header.size() ? util::trim_blanks(header[index]) : std::string_view();
  if (!name.empty()) column += " (\"" + util::message_excerpt(name) + "\")";
  return column;
}

std::string at_cell(std::size_t line, std::size_t index, std::span<const std::string> header, const std::string &why) {
  return "line " + std::to_string(line) + ", " + spreadsheet_column(index, header) + ": " + why;
}

std::string malformed(const util::CsvError &error, std::span<const std::string> header) {
  return at_cell(error.line, error.column - 1, header, error.why);
}

// How to quote a text holding the file's delimiter.
std::string delimiter_example(char delimiter) {
  if (delimiter == ';') return "a semicolon, \"like; this\"";
  if (delimiter == '\t') return "a tab in quotes";
  return "a comma, \"like, this\"";
}

std::string cells(std::size_t count) { return std::to_string(count) + (count == 1 ? " cell" : " cells"); }
} // namespace

std::expected<ContentCalendar, std::string> read_content_calendar(std::string_view csv_text) {
  // Excel's "Unicode Text" is UTF-16 and tab-separated: read as it is, not refused as not UTF-8.
  std::string decoded;
  if (util::starts_with_utf16_bom(csv_text)) {
    auto utf8 = util::utf16_file_to_utf8(csv_text);
    if (!utf8) return std::unexpected(utf8.error() + "; save the calendar as CSV UTF-8");
    decoded = std::move(*utf8);
    csv_text = decoded;
  }
  const char delimiter = util::spreadsheet_delimiter(csv_text);
  util::CsvReader reader(csv_text, delimiter);
  auto first = reader.next();
  if (!first) return std::unexpected(malformed(first.error(), {}));
  if (!*first) return std::unexpected("empty; the first line must be the header " + std::string(expected_header));

  const util::CsvRecord header = std::move(**first);
  ContentCalendar calendar;
  constexpr std::array<std::string_view, 3> known = {"account", "text", "time"};
  std::array<std::optional<std::size_t>, 3> columns; // where account, text and time are
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = column_name(header.fields[i]);
    const auto which = std::ranges::find(known, name);
    if (which == known.end()) {
      calendar.unread_columns.push_back(header.fields[i]);
      continue;
    }
    auto &column = columns[static_cast<std::size_t>(which - known.begin())];
    if (column) return std::unexpected(at_cell(header.line, i, header.fields, "the header names the column " + name + " twice"));
    column = i;
  }
  const auto [account, text, time] = columns;
  if (!account || !text) {
    return std::unexpected(at_line(header.line, "the header must name the columns " + std::string(expected_header)));
  }

  const std::size_t needed = std::max(*account, *text) + 1;
  for (;;) {
    auto record = reader.next();
    if (!record) return std::unexpected(malformed(record.error(), header.fields));
    if (!*record) break;
    const auto &[line, fields] = **record;
    if (std::ranges::all_of(fields, [](const std::string &field) { return field.empty(); })) continue; // an empty row
    if (fields.size() > header.fields.size()) {
      return std::unexpected(at_cell(line, header.fields.size(), header.fields,
                                     cells(fields.size()) + ", but the header has " + cells(header.fields.size()) +
                                         ": quote a text that holds " + delimiter_example(delimiter)));
    }
    if (fields.size() < needed) {
      const std::size_t missing = fields.size() <= *account ? *account : *text;
      return std::unexpected(at_cell(line, missing, header.fields,
                                     "missing: the row has " + cells(fields.size()) + ", but the header has " + cells(header.fields.size())));
    }
    if (util::trim_blanks(fields[*account]).empty()) return std::unexpected(at_cell(line, *account, header.fields, "empty"));
    for (const auto &column : columns) {
      if (column && *column < fields.size() && !util::is_valid_utf8(fields[*column])) {
        return std::unexpected(at_cell(line, *column, header.fields, "not valid UTF-8; save the calendar as CSV UTF-8"));
      }
    }
    CalendarRow row{line, fields[*account], fields[*text], std::nullopt};
    if (time && *time < fields.size() && !util::trim_blanks(fields[*time]).empty()) {
      row.time = util::parse_iso8601(util::trim_blanks(fields[*time]));
      if (!row.time) {
        return std::unexpected(at_cell(line, *time, header.fields,
                                       "\"" + util::message_excerpt(fields[*time]) + "\" is not an ISO 8601 time with an offset, e.g. 2026-06-03T10:00:00+02:00"));
      }
    }
    calendar.rows.push_back(std::move(row));
  }
  return calendar;
}

} // namespace handleguard::rules
