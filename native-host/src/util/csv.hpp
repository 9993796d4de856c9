#pragma once
// RFC 4180 CSV: quoted fields may hold delimiters, line breaks and doubled quotes; CRLF or LF ends a
// record. The delimiter is a comma unless told (spreadsheet_delimiter).
#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::util {

struct CsvRecord {
  std::size_t line = 0; // 1-based line the record starts on
  std::vector<std::string> fields;
};

struct CsvError {
  std::size_t line = 0;   // 1-based line the malformed field is on
  std::size_t column = 0; // 1-based place of the field in its record, as spreadsheets number columns
  std::string why;
};

// The delimiter of a spreadsheet's export, from its first line (outside quotes): a comma; else a
// semicolon (Excel's "CSV" where a comma is the decimal separator, as in most of Europe); else a
// tab (tab-separated exports); a comma when the line has none of them.
[[nodiscard]] char spreadsheet_delimiter(std::string_view text);

// Reads records one at a time, so that a caller has the header when it names a malformed field.
class CsvReader {
public:
  explicit CsvReader(std::string_view text, char delimiter = ',');

  // Returns the next record (blank lines skipped), nothing after the last, or the malformed field
  // that ends the reading.
  [[nodiscard]] std::expected<std::optional<CsvRecord>, CsvError> next();

private:
  std::string_view text_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
  char delimiter_;
};

} // namespace handleguard::util
