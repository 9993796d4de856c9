#include "rules/content_calendar.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "util/csv.hpp"
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

std::string cells(std::size_t count) { return std::to_string(count) + (count == 1 ? " cell" : " cells"); }
} // namespace

std::expected<ContentCalendar, std::string> read_content_calendar(std::string_view csv_text) {
  auto records = util::parse_csv(csv_text);
  if (!records) return std::unexpected(records.error());
  if (records->empty()) return std::unexpected("empty; the first line must be the header " + std::string(expected_header));

  const util::CsvRecord &header = records->front();
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
    if (column) return std::unexpected(at_line(header.line, "the header names the column " + name + " twice"));
    column = i;
  }
  const auto [account, text, time] = columns;
  if (!account || !text) {
    return std::unexpected(at_line(header.line, "the header must name the columns " + std::string(expected_header)));
  }

  const std::size_t needed = std::max(*account, *text) + 1;
  for (auto record = records->begin() + 1; record != records->end(); ++record) {
    const auto &fields = record->fields;
    if (std::ranges::all_of(fields, [](const std::string &field) { return field.empty(); })) continue; // an empty row
    if (fields.size() > header.fields.size()) {
      return std::unexpected(at_line(record->line, cells(fields.size()) + ", but the header has " + cells(header.fields.size()) +
                                                        ": quote a text that holds a comma, \"like, this\""));
    }
    if (fields.size() < needed) {
      return std::unexpected(at_line(record->line, cells(fields.size()) + ": no " + (fields.size() <= *account ? "account" : "text") +
                                                        " cell (the header has " + cells(header.fields.size()) + ")"));
    }
    if (util::trim_blanks(fields[*account]).empty()) return std::unexpected(at_line(record->line, "the account cell is empty"));
    CalendarRow row{record->line, fields[*account], fields[*text], time && *time < fields.size() ? fields[*time] : std::string()};
    if (!util::is_valid_utf8(row.account) || !util::is_valid_utf8(row.text) || !util::is_valid_utf8(row.time)) {
      return std::unexpected(at_line(record->line, "not UTF-8 text; save the calendar as CSV UTF-8"));
    }
    calendar.rows.push_back(std::move(row));
  }
  return calendar;
}

} // namespace handleguard::rules
