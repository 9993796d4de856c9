// libFuzzer target: a content calendar file as a spreadsheet, or anyone, may have written it
// (any delimiter, quoting, byte order mark, UTF-16, line endings). Checks the reader's promises:
// either every row is read or none is, every row has an account and text that are UTF-8, rows
// come in file order, and a refusal says where.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rules/content_calendar.hpp"
#include "util/utf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view file(reinterpret_cast<const char *>(data), size);
  const auto calendar = handleguard::rules::read_content_calendar(file);
  if (!calendar) {
    if (calendar.error().empty()) std::abort();
    return 0;
  }
  std::size_t previous_line = 1; // the header's
  for (const auto &row : calendar->rows) {
    if (row.line <= previous_line) std::abort();
    if (row.account.empty() || !handleguard::util::is_valid_utf8(row.account) || !handleguard::util::is_valid_utf8(row.text)) {
      std::abort();
    }
    previous_line = row.line;
  }
  return 0;
}
