#pragma once
// Unicode helpers that know nothing of handleguard: validation and offset conversion.
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::util {

// Returns true when `bytes` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view bytes);

// Maps every byte offset of a valid UTF-8 string to the UTF-16 offset of the same position.
// The table has `text.size() + 1` entries so an end offset maps too.
class Utf16Offsets {
public:
  explicit Utf16Offsets(std::string_view utf8_text);
  [[nodiscard]] std::size_t at_byte(std::size_t byte_offset) const;
  [[nodiscard]] std::size_t utf16_length() const { return table_.back(); }

private:
  std::vector<std::size_t> table_;
};

// Appends `code_point` (at most U+10FFFF, no surrogate) to `out` as UTF-8.
void append_utf8(std::string &out, char32_t code_point);

// True when `bytes` starts with a UTF-16 byte order mark (FF FE or FE FF), as a file saved as
// Excel's "Unicode Text" does.
[[nodiscard]] bool starts_with_utf16_bom(std::string_view bytes);
// Such a file as UTF-8, its byte order mark dropped; an error when it is not valid UTF-16 (an odd
// number of bytes, a surrogate without its pair).
[[nodiscard]] std::expected<std::string, std::string> utf16_file_to_utf8(std::string_view bytes);

[[nodiscard]] std::u16string to_utf16(std::string_view utf8_text);
[[nodiscard]] std::string to_utf8(std::u16string_view utf16_text);

} // namespace handleguard::util
