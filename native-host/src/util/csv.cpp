#include "util/csv.hpp"

namespace handleguard::util {

std::expected<std::vector<CsvRecord>, std::string> parse_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3); // spreadsheet programs add a BOM
  std::vector<CsvRecord> records;
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRecord record;
    record.line = line;
    for (;;) {
      std::string field;
      if (i < text.size() && text[i] == '"') {
        const std::size_t opened_on = line;
        ++i;
        for (;;) {
          if (i >= text.size()) return std::unexpected("line " + std::to_string(opened_on) + ": a quoted field is never closed");
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field.push_back(text[i++]);
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return std::unexpected("line " + std::to_string(line) + ": text after a closing quote (double a quote inside a quoted field: \"\")");
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') return std::unexpected("line " + std::to_string(line) + ": a quote inside an unquoted field");
          field.push_back(text[i++]);
        }
      }
      record.fields.push_back(std::move(field));
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    // CRLF, LF or a lone CR (old Mac files) ends the record and the line.
    const bool carriage_return = i < text.size() && text[i] == '\r';
    if (carriage_return) ++i;
    const bool line_feed = i < text.size() && text[i] == '\n';
    if (line_feed) ++i;
    if (carriage_return || line_feed) ++line;
    const bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank) records.push_back(std::move(record));
  }
  return records;
}

} // namespace handleguard::util
