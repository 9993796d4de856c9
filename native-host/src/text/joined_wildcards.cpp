#include "text/joined_wildcards.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

#include <unicode/uchar.h>

#include "text/emoji_letters.hpp"
#include "text/utf8_step.hpp"
#include "util/utf.hpp"

namespace handleguard::text {

namespace {

constexpr char32_t zero_width_space = 0x200B;
// Fewer is too short to be a word spelled out ("a-*-b").
constexpr std::size_t min_tokens = 4;
// Bounds the run looked at around one star or emoji.
constexpr std::size_t max_run_tokens = 64;

bool is_joining_symbol(char c) { return c == '.' || c == '-' || c == '_' || c == '/' || c == '|' || c == '+' || c == '~' || c == ','; }

enum class TokenKind { letter, wildcard };

struct Token {
  std::size_t begin = 0; // bytes
  std::size_t end = 0;
  TokenKind kind = TokenKind::letter;
};

// Marks and zero-width characters after a character, read as part of it ("f\u0301").
std::size_t see_through_end(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    const auto [c, length] = detail::decode_at(text, at);
    if (!is_see_through(c)) break;
    at += length;
  }
  return at;
}

// The single character (with what is read through after it) starting at `at`, when it is a
// letter, a symbol that stands for one, a star or an emoji.
std::optional<Token> token_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return std::nullopt;
  const auto [c, length] = detail::decode_at(text, at);
  if (c == '*') return Token{at, at + 1, TokenKind::wildcard};
  if (is_pictograph(c)) return Token{at, emoji_end(text, at), TokenKind::wildcard};
  if (is_letter_like(c)) return Token{at, see_through_end(text, at + length), TokenKind::letter};
  return std::nullopt;
}

// The joint starting at `at`: an optional space, one joining symbol, an optional space.
std::string_view joint_at(std::string_view text, std::size_t at) {
  std::size_t end = at;
  if (end < text.size() && text[end] == ' ') ++end;
  if (end >= text.size() || !is_joining_symbol(text[end])) return {};
  ++end;
  if (end < text.size() && text[end] == ' ') ++end;
  return text.substr(at, end - at);
}

// The joint ending at `end` (the same shapes as joint_at()).
std::string_view joint_before(std::string_view text, std::size_t end) {
  std::size_t begin = end;
  if (begin > 0 && text[begin - 1] == ' ') --begin;
  if (begin == 0 || !is_joining_symbol(text[begin - 1])) return {};
  --begin;
  if (begin > 0 && text[begin - 1] == ' ') --begin;
  return text.substr(begin, end - begin);
}

// The start of the code point that ends at byte `end` (> 0).
std::size_t code_point_start_before(std::string_view text, std::size_t end) {
  std::size_t begin = end - 1;
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0U) == 0x80U) --begin;
  return begin;
}

// The token ending at byte `end`, when it is a single one: back over what is read through, a
// skin tone, or a pictograph joined to the one before it, to the character it belongs to, which
// must read as a token up to `end`. A few steps at most, so a run is walked in linear time.
std::optional<Token> token_before(std::string_view text, std::size_t end) {
  constexpr int most_steps = 16; // the longest emoji ZWJ sequence has 10 code points
  std::size_t begin = end;
  for (int step = 0; step < most_steps && begin > 0; ++step) {
    begin = code_point_start_before(text, begin);
    const char32_t c = detail::decode_at(text, begin).value;
    const bool skin_tone = c >= 0x1F3FB && c <= 0x1F3FF;
    const bool joined_pictograph = is_pictograph(c) && begin > 0 && detail::decode_at(text, code_point_start_before(text, begin)).value == 0x200D;
    if (is_see_through(c) || skin_tone || joined_pictograph) continue;
    const auto token = token_at(text, begin);
    if (token && token->end == end) return token;
    return std::nullopt;
  }
  return std::nullopt;
}

bool word_edge_before(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  const char c = text[at - 1];
  return c == ' ' || c == '\n' || c == '\t' || c == '(' || c == '"' || c == '\'' || c == '[';
}
bool word_edge_after(std::string_view text, std::size_t at) {
  if (at >= text.size()) return true;
  const char c = text[at];
  return c == ' ' || c == '\n' || c == '\t' || c == ')' || c == '"' || c == '\'' || c == ']' || c == '!' || c == '?' || c == ':' ||
         c == ';' || c == ',' || c == '.';
}

struct Run {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<std::pair<std::size_t, std::size_t>> joints; // byte ranges written as spaces
};

// The run through the wildcard token at `at`, if there is one; `scanned_to` is where the look
// forward stopped, so that stars inside a run found wanting are not looked at again.
// The look back stops at `floor`, where the last look forward stopped: every token is looked at
// a bounded number of times.
std::optional<Run> run_through(std::string_view text, const Token &wildcard, std::size_t floor, std::size_t &scanned_to) {
  std::vector<Token> tokens{wildcard};
  std::vector<std::pair<std::size_t, std::size_t>> joints;
  std::string_view joint;
  // Back from the wildcard.
  for (std::size_t at = wildcard.begin; tokens.size() < max_run_tokens;) {
    const std::string_view before = joint_before(text, at);
    if (before.empty() || (!joint.empty() && before != joint)) break;
    const auto token = token_before(text, at - before.size());
    if (!token || token->begin < floor) break;
    joint = before;
    joints.emplace_back(at - before.size(), at);
    tokens.insert(tokens.begin(), *token);
    at = token->begin;
  }
  // On from it.
  for (std::size_t at = wildcard.end; tokens.size() < max_run_tokens;) {
    const std::string_view after = joint_at(text, at);
    if (after.empty() || (!joint.empty() && after != joint)) break;
    const auto token = token_at(text, at + after.size());
    if (!token) break;
    joint = after;
    joints.emplace_back(at, at + after.size());
    tokens.push_back(*token);
    at = token->end;
  }
  scanned_to = tokens.back().end;
  // Letters proper, not digits or symbols read as letters: "5.*.3.2" is a rating.
  std::size_t letters = 0;
  for (const Token &token : tokens) {
    const bool alphabetic = u_isalpha(static_cast<UChar32>(detail::decode_at(text, token.begin).value)) != 0;
    if (token.kind == TokenKind::letter && alphabetic) ++letters;
  }
  if (tokens.size() < min_tokens || letters < 2) return std::nullopt;
  if (!word_edge_before(text, tokens.front().begin) || !word_edge_after(text, tokens.back().end)) return std::nullopt;
  std::ranges::sort(joints); // those before the wildcard were found backwards
  return Run{tokens.front().begin, tokens.back().end, std::move(joints)};
}

} // namespace

bool may_hold_joined_wildcards(std::string_view utf8_text) {
  return std::memchr(utf8_text.data(), '*', utf8_text.size()) != nullptr ||
         std::memchr(utf8_text.data(), '\xF0', utf8_text.size()) != nullptr;
}

std::vector<ReadingWindow> joined_wildcards_read(std::string_view utf8_text) {
  if (!util::is_valid_utf8(utf8_text)) return {};
  std::vector<Run> runs;
  std::size_t scanned_to = 0;
  for (std::size_t at = 0; at < utf8_text.size();) {
    // Only a star or the lead byte of a pictograph (U+2190 on, U+1F000 on) is decoded.
    const auto lead = static_cast<unsigned char>(utf8_text[at]);
    if (lead != '*' && lead != 0xE2 && lead != 0xE3 && lead != 0xF0) {
      ++at;
      continue;
    }
    const auto [c, length] = detail::decode_at(utf8_text, at);
    if (c != '*' && !is_pictograph(c)) {
      at += length;
      continue;
    }
    const auto wildcard = token_at(utf8_text, at);
    const std::size_t floor = scanned_to;
    scanned_to = at + length;
    const auto run = wildcard ? run_through(utf8_text, *wildcard, floor, scanned_to) : std::nullopt;
    if (run && (runs.empty() || run->begin >= runs.back().end)) runs.push_back(*run);
    at = std::max(scanned_to, at + length);
  }
  return windows_around(utf8_text, runs, [&](ReadingWindow &window, const Run &run, std::size_t) {
    std::size_t units = 0;
    std::size_t joint = 0;
    for (std::size_t at = run.begin; at < run.end;) {
      if (joint < run.joints.size() && at == run.joints[joint].first) {
        // A joint's characters are ASCII: a zero-width space each, one UTF-16 unit for one.
        for (; at < run.joints[joint].second; ++at, ++units) util::append_utf8(window.text, zero_width_space);
        ++joint;
        continue;
      }
      const auto [c, length] = detail::decode_at(utf8_text, at);
      if (is_pictograph(c)) {
        const std::size_t end = emoji_end(utf8_text, at);
        const std::size_t emoji_units = detail::utf16_length(utf8_text.substr(at, end - at));
        window.text.push_back('*');
        for (std::size_t unit = 1; unit < emoji_units; ++unit) util::append_utf8(window.text, zero_width_space);
        units += emoji_units;
        at = end;
        continue;
      }
      window.text.append(utf8_text.substr(at, length));
      units += detail::utf16_units(c);
      at += length;
    }
    return units;
  });
}

} // namespace handleguard::text
