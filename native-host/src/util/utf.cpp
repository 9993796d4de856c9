#include "util/utf.hpp"

#include <unicode/unistr.h>

#include "util/ascii_runs.hpp"

namespace handleguard::util {

namespace {
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}
} // namespace

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    i = ascii_run_end(bytes, i, bytes.size());
    if (i == bytes.size()) break;
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const std::size_t length = sequence_length(lead);
    if (length == 0 || i + length > bytes.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0U) != 0x80U) return false;
    }
    if (length >= 3) {
      const auto second = static_cast<unsigned char>(bytes[i + 1]);
      if (lead == 0xE0 && second < 0xA0) return false;  // overlong
      if (lead == 0xED && second >= 0xA0) return false; // surrogate
      if (lead == 0xF0 && second < 0x90) return false;  // overlong
      if (lead == 0xF4 && second >= 0x90) return false; // above U+10FFFF
    }
    i += length;
  }
  return true;
}

Utf16Offsets::Utf16Offsets(std::string_view utf8_text) : table_(utf8_text.size() + 1, 0) {
  std::size_t units = 0;
  std::size_t i = 0;
  while (i < utf8_text.size()) {
    std::size_t length = sequence_length(static_cast<unsigned char>(utf8_text[i]));
    if (length == 0 || i + length > utf8_text.size()) length = 1; // tolerate: count as one unit
    for (std::size_t k = 0; k < length; ++k) table_[i + k] = units;
    units += length == 4 ? 2 : 1;
    i += length;
  }
  table_[utf8_text.size()] = units;
}

std::size_t Utf16Offsets::at_byte(std::size_t byte_offset) const {
  return table_.at(byte_offset < table_.size() ? byte_offset : table_.size() - 1);
}

bool starts_with_utf16_bom(std::string_view bytes) { return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"); }

std::expected<std::string, std::string> utf16_file_to_utf8(std::string_view bytes) {
  const bool little_endian = bytes.starts_with("\xFF\xFE");
  bytes.remove_prefix(2);
  if (bytes.size() % 2 != 0) return std::unexpected(std::string("not valid UTF-16: an odd number of bytes"));
  const auto unit_at = [&](std::size_t i) {
    const auto first = static_cast<unsigned char>(bytes[2 * i]);
    const auto second = static_cast<unsigned char>(bytes[2 * i + 1]);
    return static_cast<char32_t>(little_endian ? first | (second << 8U) : (first << 8U) | second);
  };
  const std::size_t units = bytes.size() / 2;
  std::string out;
  out.reserve(units);
  for (std::size_t i = 0; i < units; ++i) {
    char32_t unit = unit_at(i);
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < units && unit_at(i + 1) >= 0xDC00 && unit_at(i + 1) <= 0xDFFF) {
      unit = 0x10000 + ((unit - 0xD800) << 10U) + (unit_at(++i) - 0xDC00);
    } else if (unit >= 0xD800 && unit <= 0xDFFF) {
      return std::unexpected("not valid UTF-16: a lone surrogate at byte " + std::to_string(2 + 2 * i));
    }
    append_utf8(out, unit);
  }
  return out;
}

std::u16string to_utf16(std::string_view utf8_text) {
  const auto unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8_text.data(), static_cast<int32_t>(utf8_text.size())));
  return {reinterpret_cast<const char16_t *>(unicode.getBuffer()), static_cast<std::size_t>(unicode.length())};
}

void append_utf8(std::string &out, char32_t code_point) {
  if (code_point < 0x80U) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800U) {
    out.push_back(static_cast<char>(0xC0U | (code_point >> 6U)));
    out.push_back(static_cast<char>(0x80U | (code_point & 0x3FU)));
  } else if (code_point < 0x10000U) {
    out.push_back(static_cast<char>(0xE0U | (code_point >> 12U)));
    out.push_back(static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (code_point & 0x3FU)));
  } else {
    out.push_back(static_cast<char>(0xF0U | (code_point >> 18U)));
    out.push_back(static_cast<char>(0x80U | ((code_point >> 12U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (code_point & 0x3FU)));
  }
}

std::string to_utf8(std::u16string_view utf16_text) {
  std::string out;
  icu::UnicodeString(utf16_text.data(), static_cast<int32_t>(utf16_text.size())).toUTF8String(out);
  return out;
}

} // namespace handleguard::util
