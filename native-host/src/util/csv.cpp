#include "util/csv.hpp"

namespace handleguard::util {

char spreadsheet_delimiter(std::string_view text) {
  bool quoted = false;
  bool semicolon = false;
  bool tab = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted; // a doubled quote inside toggles twice
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') return ',';
    semicolon = semicolon || c == ';';
    tab = tab || c == '\t';
  }
  return semicolon ? ';' : tab ? '\t' : ',';
}

CsvReader::CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
  if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3); // spreadsheet programs add a BOM
}

std::expected<std::optional<CsvRecord>, CsvError> CsvReader::next() {
  while (at_ < text_.size()) {
    CsvRecord record;
    record.line = line_;
    for (;;) {
      const std::size_t column = record.fields.size() + 1;
      std::string field;
      if (at_ < text_.size() && text_[at_] == '"') {
        const std::size_t opened_on = line_;
        ++at_;
        for (;;) {
          if (at_ >= text_.size()) return std::unexpected(CsvError{opened_on, column, "a quoted field is never closed"});
          if (text_[at_] == '"') {
            if (at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
              field.push_back('"');
              at_ += 2;
              continue;
            }
            ++at_;
            break;
          }
          // A line break inside the quotes ends a line too: LF, CRLF, or a lone CR (old Mac files).
          const bool lone_cr = text_[at_] == '\r' && (at_ + 1 >= text_.size() || text_[at_ + 1] != '\n');
          if (text_[at_] == '\n' || lone_cr) ++line_;
          field.push_back(text_[at_++]);
        }
        if (at_ < text_.size() && text_[at_] != delimiter_ && text_[at_] != '\n' && text_[at_] != '\r') {
          return std::unexpected(CsvError{line_, column, "text after a closing quote (double a quote inside a quoted field: \"\")"});
        }
      } else {
        while (at_ < text_.size() && text_[at_] != delimiter_ && text_[at_] != '\n' && text_[at_] != '\r') {
          if (text_[at_] == '"') return std::unexpected(CsvError{line_, column, "a quote inside an unquoted field"});
          field.push_back(text_[at_++]);
        }
      }
      record.fields.push_back(std::move(field));
      if (at_ < text_.size() && text_[at_] == delimiter_) {
        ++at_;
        continue;
      }
      break;
    }
    // CRLF, LF or a lone CR (old Mac files) ends the record and the line.
    const bool carriage_return = at_ < text_.size() && text_[at_] == '\r';
    if (carriage_return) ++at_;
    const bool line_feed = at_ < text_.size() && text_[at_] == '\n';
    if (line_feed) ++at_;
    if (carriage_return || line_feed) ++line_;
    const bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank) return record;
  }
  return std::nullopt;
}

} // namespace handleguard::util
