#include "text/pattern.hpp"

#include <re2/re2.h>

#include "util/utf.hpp"

namespace handleguard::text {

namespace {
// Bounds the memory one compiled expression may take, so a pathological policy cannot exhaust
// the host; RE2 reports "pattern too large" instead.
constexpr int64_t max_program_memory = 8 << 20;

std::size_t code_point_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}
} // namespace

Pattern::Pattern(std::shared_ptr<const re2::RE2> program, std::string expression)
    : program_(std::move(program)), expression_(std::move(expression)) {}

std::expected<Pattern, std::string> Pattern::compile(std::string_view expression, PatternOptions options) {
  re2::RE2::Options re2_options;
  re2_options.set_encoding(re2::RE2::Options::EncodingUTF8);
  re2_options.set_log_errors(false); // errors go to the caller, never to the host's streams
  re2_options.set_case_sensitive(!options.case_insensitive);
  re2_options.set_max_mem(max_program_memory);
  auto program = std::make_shared<const re2::RE2>(re2::StringPiece(expression.data(), expression.size()), re2_options);
  if (!program->ok()) return std::unexpected(program->error());
  return Pattern(std::move(program), std::string(expression));
}

bool Pattern::matches(std::string_view utf8_text) const {
  if (!util::is_valid_utf8(utf8_text)) return false;
  return re2::RE2::PartialMatch(re2::StringPiece(utf8_text.data(), utf8_text.size()), *program_);
}

std::vector<PatternMatch> Pattern::find_all(std::string_view utf8_text) const {
  std::vector<PatternMatch> found;
  if (!util::is_valid_utf8(utf8_text)) return found;
  const re2::StringPiece text(utf8_text.data(), utf8_text.size());
  const util::Utf16Offsets offsets(utf8_text);
  std::size_t position = 0;
  while (position <= utf8_text.size()) {
    re2::StringPiece match;
    if (!program_->Match(text, position, utf8_text.size(), re2::RE2::UNANCHORED, &match, 1)) break;
    const auto begin = static_cast<std::size_t>(match.data() - utf8_text.data());
    const std::size_t end = begin + match.size();
    if (end > begin) {
      found.push_back({offsets.at_byte(begin), offsets.at_byte(end)});
      position = end;
    } else if (begin < utf8_text.size()) {
      // Steps over one whole code point so an empty match cannot loop or split a character.
      position = begin + code_point_length(static_cast<unsigned char>(utf8_text[begin]));
    } else {
      break;
    }
  }
  return found;
}

} // namespace handleguard::text
