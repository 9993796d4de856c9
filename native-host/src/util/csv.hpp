#pragma once
// RFC 4180 CSV: quoted fields may hold commas, line breaks and doubled quotes; CRLF or LF ends a record.
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::util {

struct CsvRecord {
  std::size_t line = 0; // 1-based line the record starts on
  std::vector<std::string> fields;
};

// Returns every record, or "line N: why" for the first malformed one.
[[nodiscard]] std::expected<std::vector<CsvRecord>, std::string> parse_csv(std::string_view text);

} // namespace handleguard::util
