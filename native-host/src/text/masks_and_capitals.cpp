#include "text/masks_and_capitals.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include <unicode/uchar.h>

#include "text/leet_sequences.hpp"
#include "text/second_reading_hints.hpp"
#include "text/utf8_step.hpp"
#include "util/utf.hpp"

namespace handleguard::text {

namespace {
// Symbols that stand for a letter of their own ("@" for "a"), masks too beside a mask ("f@#k").
bool is_mask_beside_mask(char32_t c) { return c == '@' || c == '$' || c == '!' || c == '*'; }
bool is_mask(char32_t c) { return c == '.' || (c < 0x80 && second_reading_detail::is_mask(static_cast<unsigned char>(c))); }
// Separators between words as often as masks: read as masks only beside a short part.
bool is_word_joiner(char32_t c) { return c == '-' || c == '_' || c == '.'; }
// Beyond this many in a row the symbols are a rule or decoration ("a-----b"), not letters.
constexpr std::size_t max_masks_in_a_row = 8;
constexpr std::size_t max_short_side = 2;

bool is_letter(char32_t c) {
  if (c < 0x80) return (c | 0x20U) >= 'a' && (c | 0x20U) <= 'z';
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}

// A change the reading makes: bytes [begin, end) written as stars, as stops or as `letter`
// repeated (a letter's repeats read as one), a space put in before `begin`, or a space written as
// a soft hyphen, which joins the letters around it and is as long in UTF-16.
struct Change {
  enum class Kind : std::uint8_t { stars, stops, letter, space_before, joined };
  std::size_t begin = 0;
  std::size_t end = 0;
  Kind kind = Kind::stars;
  char letter = 0;
};

// True for a byte that may be part of a word drawn with symbols: a letter, a symbol that stands
// for one, or a byte of a drawn letter.
bool may_be_in_drawn_word(unsigned char b) {
  return second_reading_detail::is_letter(b) || second_reading_detail::stands_for_letter(b) || leet_detail::in_drawing(b);
}

// The letter drawn with symbols from `at` on ("c()ck", "f|_|ck", "|<ill"), when a letter or
// another drawing is beside it: "()" or "[]" alone are brackets.
std::optional<LeetLetter> drawn_letter_in_word(std::string_view text, std::size_t at) {
  const auto drawn = leet_letter_at(text, at);
  if (!drawn) return std::nullopt;
  const std::size_t end = at + drawn->length;
  const bool beside = (at > 0 && may_be_in_drawn_word(static_cast<unsigned char>(text[at - 1]))) ||
                      (end < text.size() && may_be_in_drawn_word(static_cast<unsigned char>(text[end])));
  return beside ? drawn : std::nullopt;
}

bool is_ascii_letter(std::string_view text, std::size_t at) {
  return at < text.size() && second_reading_detail::is_letter(static_cast<unsigned char>(text[at]));
}

// True when the byte at `at` is a symbol read as a letter ("$" as "s") that starts a word.
bool starts_word_with_letter_symbol(std::string_view text, std::size_t at) {
  const auto b = static_cast<unsigned char>(text[at]);
  if (b == '*' || !is_mask_beside_mask(b)) return false;
  return at == 0 || (static_cast<unsigned char>(text[at - 1]) < 0x80 && std::isalnum(static_cast<unsigned char>(text[at - 1])) == 0 &&
                     !is_mask_beside_mask(static_cast<unsigned char>(text[at - 1])));
}

// A letter that is no word when it stands alone after a word: not "a", "I", "O", nor "u" for
// "you", nor "s" ("Jones' s").
bool ends_no_word_alone(unsigned char c) {
  c |= 0x20U;
  return c != 'a' && c != 'i' && c != 'o' && c != 'u' && c != 's';
}
// The same for a letter before a word, which may also be what an apostrophe leaves of a word
// ("it's", "don't", "I'd", "I'm": "it's hit" is not "shit"), or a prefix ("e mail").
bool begins_no_word_alone(unsigned char c) {
  c |= 0x20U;
  return ends_no_word_alone(c) && c != 'e' && c != 't' && c != 'd' && c != 'm';
}

// True when the space at `at` stands between a letter alone that is no word and a word of three
// letters or more ("f uck", "c unt"), or a word of four letters or more and such a letter
// ("bitc h"): the word cut, read whole. Not after a short word, which a name starting with a
// letter often follows ("but T-Mobile" is no "butt").
bool is_letter_cut(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  // Where a word of its own starts or ends: not beside symbols that stand for letters or mask them
  // ("f@#k and", "f|u|c|k and").
  const auto starts_alone = [&](std::size_t i) { return i == 0 || second_reading_detail::opens_word(byte(i - 1)); };
  // Before a space, or punctuation that ends the word ("bitc h!"), not inside "X.XX" or "h.264".
  const auto ends_alone = [&](std::size_t i) {
    if (i >= text.size()) return true;
    if (!second_reading_detail::closes_word(byte(i))) return false;
    return second_reading_detail::is_space(byte(i)) || byte(i) == '\n' || i + 1 >= text.size() ||
           (!is_ascii_letter(text, i + 1) && std::isdigit(byte(i + 1)) == 0);
  };
  const auto letters_from = [&](std::size_t i) {
    std::size_t end = i;
    while (is_ascii_letter(text, end)) ++end;
    return end - i;
  };
  const auto letters_before = [&](std::size_t end) {
    std::size_t i = end;
    while (i > 0 && is_ascii_letter(text, i - 1)) --i;
    return end - i;
  };
  if (at >= 1 && is_ascii_letter(text, at - 1) && starts_alone(at - 1) && begins_no_word_alone(byte(at - 1)) && letters_from(at + 1) >= 3) {
    return true;
  }
  return is_ascii_letter(text, at + 1) && ends_alone(at + 2) && ends_no_word_alone(byte(at + 1)) && letters_before(at) >= 4;
}

// The end of two or three symbols read as letters from `at` on when a letter follows them
// ("f@@k", "f!!k", "f$@k": more letters hidden than one symbol can stand for), else `at`. As many
// as the quick scan looks for (second_reading_detail::word_inside_at); not from "$$", which the
// first reading reads as "ss".
std::size_t end_of_symbol_run(std::string_view text, std::size_t at) {
  constexpr std::size_t most = 3;
  std::size_t end = at;
  while (end < text.size() && end - at <= most && is_mask_beside_mask(static_cast<unsigned char>(text[end]))) ++end;
  const bool masks = end - at >= 2 && end - at <= most && is_ascii_letter(text, end) && !(text[at] == '$' && text[at + 1] == '$');
  return masks ? end : at;
}

// The single letters joined by the symbol at `at` ("f|u|c|k", "f+u+c+k", read as "f.u.c.k"): the
// bytes from the first letter to the last, or nothing when fewer than three letters stand so or
// a letter of the chain is not a word of its own.
std::optional<std::pair<std::size_t, std::size_t>> joined_single_letters(std::string_view text, std::size_t at) {
  constexpr std::size_t min_letters = 3;
  const char joiner = text[at];
  std::size_t first = at - 1; // a letter: the hint saw one on each side
  while (first >= 2 && text[first - 1] == joiner && is_ascii_letter(text, first - 2)) first -= 2;
  std::size_t last = at + 1;
  while (last + 2 < text.size() && text[last + 1] == joiner && is_ascii_letter(text, last + 2)) last += 2;
  const auto edge = [&](std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    return b < 0x80 && std::isalnum(b) == 0 && text[i] != joiner;
  };
  if ((first > 0 && !edge(first - 1)) || (last + 1 < text.size() && !edge(last + 1))) return std::nullopt;
  if ((last - first) / 2 + 1 < min_letters) return std::nullopt;
  return std::pair{first, last};
}

// The changes of `text` (valid UTF-8), in order.
std::vector<Change> find_changes(std::string_view text, const std::function<bool(std::string_view)> &part_may_matter, std::size_t from) {
  const auto code_point_at = [&](std::size_t at) { return detail::decode_at(text, at); };
  const auto previous_start = [&](std::size_t at) {
    std::size_t before = at - 1;
    while (before > 0 && (static_cast<unsigned char>(text[before]) & 0xC0U) == 0x80U) --before;
    return before;
  };
  // Letters in a row ending at byte `end`, or starting at byte `begin` (counted up to one past `most`).
  const auto letters_before = [&](std::size_t end, std::size_t most) {
    std::size_t count = 0;
    while (end > 0 && count <= most) {
      const std::size_t before = previous_start(end);
      if (!is_letter(code_point_at(before).value)) break;
      end = before;
      ++count;
    }
    return count;
  };
  const auto letters_from = [&](std::size_t begin, std::size_t most) {
    std::size_t count = 0;
    while (begin < text.size() && count <= most) {
      const auto [c, length] = code_point_at(begin);
      if (!is_letter(c)) break;
      begin += length;
      ++count;
    }
    return count;
  };
  std::vector<Change> changes;
  std::size_t done = 0; // bytes before this are part of a change already
  // Only where the quick scan saw a mask after a letter or a capital after a lower-case letter.
  for_each_hint(text, Hint::word_inside, [&](std::size_t at) {
    if (at < done) return;
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte == ' ') {
      if (is_letter_cut(text, at)) {
        changes.push_back({at, at + 1, Change::Kind::joined});
        done = at + 1;
      }
      return;
    }
    if (const auto drawn = drawn_letter_in_word(text, at)) {
      changes.push_back({at, at + drawn->length, Change::Kind::letter, drawn->letter});
      done = at + drawn->length;
      return;
    }
    // The scan may have stopped here for a drawing that is none ("|<" alone): letters on both sides?
    if (second_reading_detail::may_hide_letter_or_space(byte)) {
      if (at == 0 || !is_ascii_letter(text, at - 1)) return;
      if (const std::size_t end = end_of_symbol_run(text, at); end != at) {
        changes.push_back({at, end, Change::Kind::stars});
        done = end;
        return;
      }
      if (!is_ascii_letter(text, at + 1)) return;
      if (const auto joined = joined_single_letters(text, at)) {
        for (std::size_t joiner = joined->first + 1; joiner < joined->second; joiner += 2) changes.push_back({joiner, joiner + 1, Change::Kind::stops});
        done = joined->second;
      } else if (byte == '<') {
        changes.push_back({at, at + 1, Change::Kind::stars});
        done = at + 1;
      } else if (byte == '@' || byte == '!') {
        // "a" and "i" in the first reading; "u" is the other vowel they hide ("f@ck", "f!ck").
        changes.push_back({at, at + 1, Change::Kind::letter, 'u'});
        done = at + 1;
      }
      return;
    }
    if (is_mask(byte)) {
      // The run may start with symbols read as letters ("f@#k"): back to its first.
      std::size_t begin = at;
      while (begin > 0 && at - begin < max_masks_in_a_row && is_mask_beside_mask(static_cast<unsigned char>(text[begin - 1]))) --begin;
      // A word may start with a symbol read as its letter ("$#!t"): that one stays a letter. Two
      // masks or more must follow it, as one is often a format ("@%s", "$%d").
      const bool first_symbol_a_letter = begin < at && starts_word_with_letter_symbol(text, begin);
      if (first_symbol_a_letter) ++begin;
      if (begin == 0 || begin < done || (!first_symbol_a_letter && !is_letter(code_point_at(previous_start(begin)).value))) return;
      std::size_t end = begin;
      bool only_joiners = true;
      while (end < text.size() && end - begin <= max_masks_in_a_row) {
        const auto masked = static_cast<unsigned char>(text[end]);
        if (!is_mask(masked) && !is_mask_beside_mask(masked)) break;
        only_joiners = only_joiners && is_word_joiner(masked);
        ++end;
      }
      const bool between_letters = end < text.size() && end - begin <= max_masks_in_a_row && is_letter(code_point_at(end).value) &&
                                   (!first_symbol_a_letter || end - begin >= 2);
      if (between_letters &&
          (!only_joiners || letters_before(begin, max_short_side) <= max_short_side || letters_from(end, max_short_side) <= max_short_side)) {
        changes.push_back({begin, end, Change::Kind::stars});
        done = end;
      }
      return;
    }
    // A capital: after a lower-case letter, a word starts, if either part can begin a match.
    if (!second_reading_detail::is_upper(byte)) return; // the start of a drawing that is none
    if (u_islower(static_cast<UChar32>(code_point_at(previous_start(at)).value)) == 0) return;
    // The parts: back to the word's start, and on to the next capital or the word's end (digits,
    // symbols and letters outside ASCII in them make the test say yes).
    const auto in_word = [&](std::size_t i) {
      const auto b = static_cast<unsigned char>(text[i]);
      return b >= 0x80 || std::isalnum(b) != 0 || is_mask_beside_mask(b) || b == '|';
    };
    std::size_t left = at;
    while (left > 0 && in_word(left - 1)) --left;
    std::size_t right = at + 1;
    while (right < text.size() && in_word(right) && !second_reading_detail::is_upper(static_cast<unsigned char>(text[right]))) ++right;
    if (part_may_matter(text.substr(left, at - left)) || part_may_matter(text.substr(at, right - at))) {
      changes.push_back({at, at, Change::Kind::space_before});
    }
  }, from);
  return changes;
}

} // namespace

std::vector<ReadingWindow> masks_and_capitals_read(std::string_view utf8_text,
                                                   const std::function<bool(std::string_view)> &part_may_matter, std::size_t from) {
  const std::vector<Change> changes = find_changes(utf8_text, part_may_matter, from); // nearly always none: one quick scan
  if (changes.empty() || !util::is_valid_utf8(utf8_text)) return {};
  return windows_around(utf8_text, changes, [](ReadingWindow &window, const Change &change, std::size_t units) -> std::size_t {
    if (change.kind == Change::Kind::space_before) {
      window.inserted16.push_back(static_cast<std::uint32_t>(units));
      window.text.push_back(' ');
      return 1;
    }
    if (change.kind == Change::Kind::joined) {
      window.text.append("\u00AD"); // a soft hyphen: one UTF-16 unit, as the space was
      return 1;
    }
    // Each is ASCII: one byte, one UTF-16 unit, as a star, a stop or the letter.
    const char written = change.kind == Change::Kind::stars ? '*' : change.kind == Change::Kind::stops ? '.' : change.letter;
    window.text.append(change.end - change.begin, written);
    return change.end - change.begin;
  });
}

} // namespace handleguard::text
