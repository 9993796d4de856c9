#include "text/spaced_wildcards.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <unicode/uchar.h>

#include "text/emoji_letters.hpp"
#include "text/second_reading_hints.hpp"
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


// A run read as one word: its bytes in the post, and how it is written then.
struct Joined {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
};

// The bytes [begin, end) around byte `at` that a run through it may span: single-character
// tokens and the spaces between, out to the first longer token on each side (included), at most
// max_run_tokens each way.
constexpr std::size_t max_run_tokens = 64;
constexpr std::size_t longest_single_token = 32; // bytes: an emoji with its ZWJ sequence, a letter with marks
std::pair<std::size_t, std::size_t> run_region(std::string_view text, std::size_t at) {
  const auto is_gap_byte = [&](std::size_t i) { return text[i] == ' ' || text[i] == '\t'; };
  std::size_t begin = at;
  for (std::size_t tokens = 0; tokens < max_run_tokens && begin > 0; ++tokens) {
    std::size_t token_end = begin;
    while (token_end > 0 && is_gap_byte(token_end - 1)) --token_end;
    std::size_t token_begin = token_end;
    while (token_begin > 0 && !is_gap_byte(token_begin - 1)) --token_begin;
    begin = token_begin;
    if (token_end - token_begin > longest_single_token) break;
  }
  std::size_t end = at;
  for (std::size_t tokens = 0; tokens < max_run_tokens && end < text.size(); ++tokens) {
    std::size_t token_begin = end;
    while (token_begin < text.size() && is_gap_byte(token_begin)) ++token_begin;
    std::size_t token_end = token_begin;
    while (token_end < text.size() && !is_gap_byte(token_end)) ++token_end;
    end = token_end;
    if (token_end - token_begin > longest_single_token) break;
  }
  return {begin, end};
}

// Appends the runs of [begin, end) of `text` (token edges) to `joined`.
void find_runs(std::string_view text, std::size_t begin, std::size_t end, std::vector<Joined> &joined) {
  std::vector<Token> run; // single letters and wildcards with the same gap between each
  std::string_view run_gap;
  const auto finish_run = [&] {
    std::size_t letters = 0;
    std::size_t wildcards = 0;
    for (const Token &token : run) (token.kind == TokenKind::letter ? letters : wildcards) += 1;
    if (run.size() >= min_tokens && wildcards >= 1 && letters >= 2) {
      Joined word{run.front().begin, run.back().end, {}};
      write_joined(text, run, word.text);
      joined.push_back(std::move(word));
    }
    run.clear();
  };
  std::size_t at = begin;
  while (at < end) {
    const std::size_t gap_begin = at;
    std::size_t gap_characters = 0;
    while (at < end) {
      const auto [c, length] = detail::decode_at(text, at);
      if (!is_horizontal_space(c)) break;
      at += length;
      ++gap_characters;
    }
    if (at >= end) break;
    const std::string_view gap = text.substr(gap_begin, at - gap_begin);
    const Token token = read_token(text, at);
    at = token.end;
    while (at < text.size() && closes_word(static_cast<unsigned char>(text[at]))) ++at;
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
}
} // namespace

std::vector<ReadingWindow> spaced_wildcards_joined(std::string_view utf8_text, std::size_t from) {
  // Runs are looked for only around a star or an emoji that has a single letter beside it, which
  // nearly every post lacks: one quick scan.
  std::vector<Joined> joined;
  std::size_t read_until = 0;
  bool valid = true; // checked at the first such star or emoji
  for_each_hint(utf8_text, Hint::lone_wildcard, [&](std::size_t at) {
    if (at < read_until || !valid) return;
    if (read_until == 0 && !(valid = util::is_valid_utf8(utf8_text))) return;
    const auto [begin, end] = run_region(utf8_text, at);
    find_runs(utf8_text, std::max(begin, read_until), end, joined);
    read_until = std::max<std::size_t>(end, 1);
  }, from);
  if (!valid) return {};

  // A window around each group of joined runs, so that a long post is not read twice whole.
  return windows_around(utf8_text, joined, [](ReadingWindow &window, const Joined &run, std::size_t) {
    window.text.append(run.text);
    return detail::utf16_length(run.text); // the run's own: spaces and emoji became units of the same count
  });
}

} // namespace handleguard::text
