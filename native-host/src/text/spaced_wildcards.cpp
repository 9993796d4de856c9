#include "text/spaced_wildcards.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include <unicode/uchar.h>

#include "text/emoji_letters.hpp"
#include "text/utf8_step.hpp"
#include "util/utf.hpp"

namespace handleguard::text {

namespace {
constexpr char32_t zero_width_space = 0x200B;
// The gap between spaced-out letters, as in the first reading (term_matcher.cpp, max_join_gap).
constexpr std::size_t max_gap_characters = 3;
// Fewer is too short to be a word spelled out ("a * b", "x * y").
constexpr std::size_t min_tokens = 4;

// A space on one line: a line break between the letters is another kind of gap.
bool is_horizontal_space(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t';
  return c != '\n' && c != '\r' && c != 0x0B && c != 0x0C && c != 0x85 && c != 0x2028 && c != 0x2029 &&
         u_isUWhiteSpace(static_cast<UChar32>(c)) != 0;
}

enum class TokenKind { letter, wildcard, other };

struct Token {
  std::size_t begin = 0; // bytes
  std::size_t end = 0;
  TokenKind kind = TokenKind::other;
  bool opens = false;  // punctuation before it ("(f"): it can only start a run
  bool closes = false; // punctuation after it ("k!"): it can only end one
};

// Punctuation a spelled-out word may stand in: brackets and quotes around it, a comma or a stop after.
bool opens_word(char32_t c) { return c == '(' || c == '[' || c == '"' || c == '\''; }
bool closes_word(char32_t c) {
  return c == ')' || c == ']' || c == '"' || c == '\'' || c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == ':';
}

bool at_space_or_end(std::string_view text, std::size_t at) {
  return at == text.size() || is_horizontal_space(detail::decode_at(text, at).value);
}

// The token (a run of characters that are no space) starting at `at`.
Token read_token(std::string_view text, std::size_t at) {
  Token token{at, at, TokenKind::other};
  std::size_t begin = at;
  while (begin < text.size() && opens_word(static_cast<unsigned char>(text[begin]))) ++begin;
  if (begin < text.size()) {
    const auto [first, length] = detail::decode_at(text, begin);
    std::size_t end = begin + length;
    if (is_pictograph(first)) end = emoji_end(text, begin);
    std::size_t after = end;
    while (after < text.size() && closes_word(static_cast<unsigned char>(text[after]))) ++after;
    const bool wildcard = first == '*' || is_pictograph(first);
    if (at_space_or_end(text, after) && (wildcard || is_letter_like(first)) && !(begin != at && first == '*')) {
      token.begin = begin;
      token.end = end;
      token.kind = wildcard ? TokenKind::wildcard : TokenKind::letter;
      token.opens = begin != at;
      token.closes = after != end;
      return token;
    }
  }
  std::size_t end = at;
  while (end < text.size()) {
    const auto next = detail::decode_at(text, end);
    if (is_horizontal_space(next.value)) break;
    end += next.length;
  }
  token.end = end;
  return token;
}

// Writes the run `tokens` (with the gaps between them) into `read` as one word.
void write_joined(std::string_view text, const std::vector<Token> &tokens, std::string &read) {
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token &token = tokens[t];
    const std::string_view written = text.substr(token.begin, token.end - token.begin);
    if (token.kind == TokenKind::wildcard) {
      read.push_back('*');
      for (std::size_t unit = 1; unit < detail::utf16_length(written); ++unit) util::append_utf8(read, zero_width_space);
    } else {
      read.append(written);
    }
    if (t + 1 == tokens.size()) break;
    // The gap: spaces of one UTF-16 unit each (all are in the BMP).
    for (std::size_t at = token.end; at < tokens[t + 1].begin; at += detail::decode_at(text, at).length) {
      util::append_utf8(read, zero_width_space);
    }
  }
}
} // namespace

std::optional<std::string> spaced_wildcards_joined(std::string_view utf8_text) {
  // Nearly every post has no star and no emoji: nothing to do. Pictographs start with 0xE2, 0xE3
  // or 0xF0 (see emoji_as_wildcards).
  const bool any_star = std::memchr(utf8_text.data(), '*', utf8_text.size()) != nullptr;
  const bool any_emoji_lead = std::ranges::any_of(utf8_text, [](char byte) {
    const auto lead = static_cast<unsigned char>(byte);
    return lead == 0xE2 || lead == 0xE3 || lead == 0xF0;
  });
  if ((!any_star && !any_emoji_lead) || !util::is_valid_utf8(utf8_text)) return std::nullopt;

  std::string read;
  std::size_t copied = 0; // bytes of utf8_text in `read` so far
  std::vector<Token> run;  // single letters and wildcards with the same gap between each
  std::string_view run_gap;
  const auto finish_run = [&] {
    std::size_t letters = 0;
    std::size_t wildcards = 0;
    for (const Token &token : run) (token.kind == TokenKind::letter ? letters : wildcards) += 1;
    if (run.size() >= min_tokens && wildcards >= 1 && letters >= 2) {
      read.append(utf8_text.substr(copied, run.front().begin - copied));
      write_joined(utf8_text, run, read);
      copied = run.back().end;
    }
    run.clear();
  };
  std::size_t at = 0;
  while (at < utf8_text.size()) {
    const std::size_t gap_begin = at;
    std::size_t gap_characters = 0;
    while (at < utf8_text.size()) {
      const auto [c, length] = detail::decode_at(utf8_text, at);
      if (!is_horizontal_space(c)) break;
      at += length;
      ++gap_characters;
    }
    if (at == utf8_text.size()) break;
    const std::string_view gap = utf8_text.substr(gap_begin, at - gap_begin);
    const Token token = read_token(utf8_text, at);
    at = token.end;
    while (at < utf8_text.size() && closes_word(static_cast<unsigned char>(utf8_text[at]))) ++at;
    if (token.kind == TokenKind::other) {
      finish_run();
      continue;
    }
    const bool joins = !run.empty() && !run.back().closes && !token.opens && gap_characters >= 1 &&
                       gap_characters <= max_gap_characters && (run.size() == 1 || gap == run_gap);
    if (!joins) finish_run();
    if (run.size() == 1) run_gap = gap;
    run.push_back(token);
  }
  finish_run();
  if (copied == 0) return std::nullopt;
  read.append(utf8_text.substr(copied));
  return read;
}

} // namespace handleguard::text
