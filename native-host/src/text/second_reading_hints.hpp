#pragma once
// Whether a post may hold what the matcher's second readings look for (text/spaced_wildcards.hpp,
// text/masks_and_capitals.hpp), found in one pass over its bytes, sixteen at a time: nearly every
// post holds none, and then those readings cost nothing more. Conservative: a "may" is read in full.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/leet_sequences.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace handleguard::text {

struct SecondReadingHints {
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  // A "*" or an emoji's first byte with a single ASCII letter on one side, one to three spaces
  // between ("f *", "* c"): what a spaced-out word with a wildcard holds.
  bool lone_wildcard = false;
  // A masking symbol after a letter (or a symbol read as one), a stop between two ASCII letters or
  // two or three from a letter to a letter ("f..k"), a symbol that may hide a letter or a space
  // between two ASCII letters ("f@ck", "f|u|c|k") or two or three read as letters so ("f@@k"),
  // a space between a letter alone and a word ("f uck", "bitc h"), the first two bytes of a
  // letter drawn with symbols ("c()ck"), or an ASCII capital after a lower-case ASCII letter or a
  // character outside ASCII.
  bool word_inside = false;
  // A symbol between two ASCII letters that may break a word in two ("f,uck", "assh.ole",
  // "bas-tard"): text/broken_words.hpp reads such words whole.
  bool broken_word = false;
  // Where each was seen first (`none` when not): the readings look from there on, so the bytes
  // before are scanned once.
  std::size_t first_lone_wildcard = none;
  std::size_t first_word_inside = none;
  std::size_t first_broken_word = none;
};

namespace second_reading_detail {
[[nodiscard]] constexpr bool is_mask(unsigned char b) {
  return b == '#' || b == '%' || b == '&' || b == '^' || b == '~' || b == '?' || b == '-' || b == '_';
}
[[nodiscard]] constexpr bool is_wildcard_start(unsigned char b) { return b == '*' || b == 0xE2 || b == 0xE3 || b == 0xF0; }
[[nodiscard]] constexpr bool is_space(unsigned char b) { return b == ' ' || b == '\t'; }
[[nodiscard]] constexpr bool is_lower(unsigned char b) { return b >= 'a' && b <= 'z'; }
[[nodiscard]] constexpr bool is_upper(unsigned char b) { return b >= 'A' && b <= 'Z'; }
[[nodiscard]] constexpr bool is_letter(unsigned char b) { return is_lower(b) || is_upper(b); }
// Symbols read as a letter, or as a mask beside a mask ("f@#k").
[[nodiscard]] constexpr bool stands_for_letter(unsigned char b) { return b == '@' || b == '$' || b == '!' || b == '*'; }
// Symbols that may stand alone between two letters for a hidden one ("fu<k", "f@ck"), or
// between single letters for a space ("f|u|c|k", "f+u+c+k", "s!h!i!t", "f$u$c$k").
[[nodiscard]] constexpr bool may_hide_letter_or_space(unsigned char b) {
  return b == '@' || b == '$' || b == '!' || b == '<' || b == '|' || b == '+';
}

// Bytes read before and after the one looked at.
inline constexpr std::size_t reach = 5;

// The byte `k` places from `i`, or a space outside the text.
[[nodiscard]] inline unsigned char near(std::string_view text, std::size_t i, std::ptrdiff_t k) {
  const std::ptrdiff_t at = static_cast<std::ptrdiff_t>(i) + k;
  return at < 0 || static_cast<std::size_t>(at) >= text.size() ? ' ' : static_cast<unsigned char>(text[static_cast<std::size_t>(at)]);
}

[[nodiscard]] inline bool lone_wildcard_at(std::string_view text, std::size_t i) {
  const unsigned char byte = static_cast<unsigned char>(text[i]);
  if (!is_wildcard_start(byte)) return false;
  // A single letter `step` bytes away (-1 before, 1 after), then one to three spaces.
  const auto single_letter = [&](std::ptrdiff_t step) {
    for (std::ptrdiff_t gap = 1; gap <= 3; ++gap) {
      if (!is_space(near(text, i, step * gap))) return false;
      if (is_letter(near(text, i, step * (gap + 1))) && is_space(near(text, i, step * (gap + 2)))) return true;
    }
    return false;
  };
  return single_letter(-1) || (byte == '*' && single_letter(1));
}

// The start of a letter drawn with symbols ("()", "|_|", "|<": text/leet_sequences.hpp).
[[nodiscard]] inline bool leet_drawing_at(std::string_view text, std::size_t i) {
  return leet_detail::may_begin(static_cast<unsigned char>(text[i])) && leet_detail::begins_drawing(static_cast<unsigned char>(text[i]), near(text, i, 1));
}

// A letter that may have been cut off a word: "a" and "I" stand alone as words all the time
// (text/masks_and_capitals.cpp rules out the rarer ones).
[[nodiscard]] constexpr bool may_be_cut_off(unsigned char b) { return is_letter(b) && (b | 0x20) != 'a' && (b | 0x20) != 'i'; }
// What may stand before a word of its own, and after one.
[[nodiscard]] constexpr bool opens_word(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\n' || b == '(' || b == '[' || b == '"' || b == '\'';
}
[[nodiscard]] constexpr bool closes_word(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\n' || b == '.' || b == ',' || b == ';' || b == ':' || b == '?' || b == '!' || b == ')' ||
         b == ']' || b == '"' || b == '\'';
}

// A space between a letter alone and a word of three letters or more ("f uck"), or between a word
// of four letters or more and a letter alone ("bitc h"): a word cut, maybe.
[[nodiscard]] inline bool letter_cut_at(std::string_view text, std::size_t i) {
  const auto letters = [&](std::ptrdiff_t from, std::ptrdiff_t step, int count) {
    for (int k = 0; k < count; ++k) {
      if (!is_letter(near(text, i, from + step * k))) return false;
    }
    return true;
  };
  return (may_be_cut_off(near(text, i, -1)) && opens_word(near(text, i, -2)) && letters(1, 1, 3)) ||
         (may_be_cut_off(near(text, i, 1)) && closes_word(near(text, i, 2)) && letters(-1, -1, 4));
}

// Symbols that may break a word without standing for a letter (not "@", "$", "!", "*") nor
// joining a contraction ("who're").
[[nodiscard]] constexpr bool may_break_word(unsigned char b) {
  return (b >= '+' && b <= '/') || b == '#' || b == '%' || b == '&' || b == ';' || b == '=' || b == '?' || b == '\\' || b == '^' ||
         b == '_' || b == '|' || b == '~';
}
[[nodiscard]] inline bool broken_word_at(std::string_view text, std::size_t i) {
  return i > 0 && may_break_word(static_cast<unsigned char>(text[i])) && is_letter(static_cast<unsigned char>(text[i - 1])) &&
         is_letter(near(text, i, 1));
}

[[nodiscard]] inline bool word_inside_at(std::string_view text, std::size_t i) {
  if (leet_drawing_at(text, i)) return true;
  if (i == 0) return false;
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte == ' ') return letter_cut_at(text, i);
  const auto before = static_cast<unsigned char>(text[i - 1]);
  // "-", "_" and "." with three ASCII letters on both sides join two words ("well-known",
  // "user_name", "example.com"): text/masks_and_capitals.cpp reads them as masks only beside a
  // shorter part.
  if (is_upper(byte)) return is_lower(before) || before >= 0x80;
  const unsigned char next = near(text, i, 1);
  // Two or three symbols read as letters may mask as many ("f@@k"), as may stops ("f..k"), when a
  // letter follows them: not "wow!!" or "the end...".
  const auto run_then_letter = [&](auto in_run) {
    return in_run(next) && (is_letter(near(text, i, 2)) || (in_run(near(text, i, 2)) && is_letter(near(text, i, 3))));
  };
  // Not "$$": the first reading reads each "$" as the "s" it looks like ("pu$$y", "a$$hole").
  const bool symbol_run = stands_for_letter(byte) && run_then_letter(stands_for_letter) && !(byte == '$' && next == '$');
  if (may_hide_letter_or_space(byte)) return is_letter(before) && (is_letter(next) || symbol_run);
  const bool may_mask = (is_mask(byte) && (is_letter(before) || before >= 0x80 || stands_for_letter(before))) ||
                        (byte == '.' && is_letter(before) && (is_letter(next) || run_then_letter([](unsigned char b) { return b == '.'; })));
  if (!may_mask) return false;
  const bool joins_words = (byte == '-' || byte == '_' || byte == '.') && is_letter(near(text, i, -1)) && is_letter(near(text, i, -2)) &&
                           is_letter(near(text, i, -3)) && is_letter(near(text, i, 1)) && is_letter(near(text, i, 2)) && is_letter(near(text, i, 3));
  return !joins_words;
}

#if defined(__SSE2__)
[[nodiscard]] inline __m128i splat(unsigned char b) { return _mm_set1_epi8(static_cast<char>(b)); }
// Bytes from `low` to `high` (unsigned): (byte - low) saturating-less (high - low) is zero.
[[nodiscard]] inline __m128i in_range(__m128i v, unsigned char low, unsigned char high) {
  return _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(v, splat(low)), splat(static_cast<unsigned char>(high - low))), _mm_setzero_si128());
}
[[nodiscard]] inline __m128i equals(__m128i v, unsigned char b) { return _mm_cmpeq_epi8(v, splat(b)); }
[[nodiscard]] inline __m128i load(std::string_view text, std::size_t at) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i *>(text.data() + at));
}
[[nodiscard]] inline __m128i letter(__m128i v) { return in_range(_mm_or_si128(v, splat(0x20)), 'a', 'z'); }
[[nodiscard]] inline __m128i space(__m128i v) { return _mm_or_si128(equals(v, ' '), equals(v, '\t')); }

// lone_wildcard_at() for the sixteen bytes from `i` (reach <= i, i + 16 + reach <= size), a bit each.
[[nodiscard]] inline unsigned lone_wildcard_bits(std::string_view text, std::size_t i) {
  const __m128i here = load(text, i);
  const __m128i star = equals(here, '*');
  // Nearly every chunk has no star and nothing outside ASCII (the sign bits).
  if ((_mm_movemask_epi8(star) | _mm_movemask_epi8(here)) == 0) return 0;
  const __m128i wildcard = _mm_or_si128(_mm_or_si128(star, equals(here, 0xE2)), _mm_or_si128(equals(here, 0xE3), equals(here, 0xF0)));
  if (_mm_movemask_epi8(wildcard) == 0) return 0;
  const auto single_letter = [&](int step) {
    const auto at = [&](int k) { return load(text, static_cast<std::size_t>(static_cast<std::ptrdiff_t>(i) + step * k)); };
    const __m128i space1 = space(at(1));
    const __m128i space2 = _mm_and_si128(space1, space(at(2)));
    const __m128i space3 = _mm_and_si128(space2, space(at(3)));
    const __m128i one = _mm_and_si128(space1, _mm_and_si128(letter(at(2)), space(at(3))));
    const __m128i two = _mm_and_si128(space2, _mm_and_si128(letter(at(3)), space(at(4))));
    const __m128i three = _mm_and_si128(space3, _mm_and_si128(letter(at(4)), space(at(5))));
    return _mm_or_si128(one, _mm_or_si128(two, three));
  };
  const __m128i found = _mm_or_si128(_mm_and_si128(wildcard, single_letter(-1)), _mm_and_si128(star, single_letter(1)));
  return static_cast<unsigned>(_mm_movemask_epi8(found));
}

// word_inside_at() but the drawn letters, for the sixteen bytes from `i`, a bit each.
[[nodiscard]] inline unsigned word_inside_bits_but_leet(std::string_view text, std::size_t i, __m128i here) {
  const __m128i mask = _mm_or_si128(
      _mm_or_si128(_mm_or_si128(equals(here, '#'), equals(here, '%')), _mm_or_si128(equals(here, '&'), equals(here, '^'))),
      _mm_or_si128(_mm_or_si128(equals(here, '~'), equals(here, '?')), _mm_or_si128(equals(here, '-'), equals(here, '_'))));
  const __m128i upper = in_range(here, 'A', 'Z');
  const __m128i dot = equals(here, '.');
  const __m128i hides = _mm_or_si128(_mm_or_si128(equals(here, '@'), equals(here, '$')),
                                     _mm_or_si128(_mm_or_si128(equals(here, '!'), equals(here, '<')), _mm_or_si128(equals(here, '|'), equals(here, '+'))));
  if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(mask, upper), _mm_or_si128(dot, hides))) == 0) return 0;
  const __m128i before = load(text, i - 1);
  const __m128i symbol_before = _mm_or_si128(_mm_or_si128(equals(before, '@'), equals(before, '$')), _mm_or_si128(equals(before, '!'), equals(before, '*')));
  const __m128i letter_before = _mm_or_si128(_mm_or_si128(letter(before), symbol_before), _mm_cmplt_epi8(before, _mm_setzero_si128()));
  const __m128i camel = _mm_and_si128(upper, _mm_or_si128(in_range(before, 'a', 'z'), _mm_cmplt_epi8(before, _mm_setzero_si128())));
  // A stop between two letters ("f.ck") or starting two or three before a letter ("f..k"); not at
  // a sentence's end, where a space follows.
  const __m128i next = load(text, i + 1);
  const __m128i next2 = load(text, i + 2);
  const __m128i after = letter(next);
  const __m128i third = letter(load(text, i + 3));
  const auto run_then_letter = [&](auto in_run) {
    return _mm_and_si128(in_run(next), _mm_or_si128(letter(next2), _mm_and_si128(in_run(next2), third)));
  };
  const auto is_dot = [](__m128i v) { return equals(v, '.'); };
  const auto is_symbol = [](__m128i v) { return _mm_or_si128(_mm_or_si128(equals(v, '@'), equals(v, '$')), _mm_or_si128(equals(v, '!'), equals(v, '*'))); };
  const __m128i dot_inside = _mm_and_si128(_mm_and_si128(dot, letter(before)), _mm_or_si128(after, run_then_letter(is_dot)));
  // Symbols read as letters in a row mask letters too ("f@@k").
  const __m128i symbol_here = _mm_or_si128(equals(here, '@'), _mm_or_si128(equals(here, '$'), equals(here, '!')));
  const __m128i dollars = _mm_and_si128(equals(here, '$'), equals(next, '$'));
  const __m128i symbol_run = _mm_andnot_si128(dollars, _mm_and_si128(symbol_here, run_then_letter(is_symbol)));
  const __m128i hides_between_letters = _mm_and_si128(letter(before), _mm_or_si128(_mm_and_si128(hides, after), symbol_run));
  const __m128i found = _mm_or_si128(_mm_or_si128(camel, _mm_and_si128(mask, letter_before)), _mm_or_si128(dot_inside, hides_between_letters));
  if (_mm_movemask_epi8(found) == 0) return 0;
  // Less a joiner between two words of three letters or more (see word_inside_at()).
  const __m128i joiner = _mm_or_si128(_mm_or_si128(equals(here, '-'), equals(here, '_')), dot);
  const __m128i letters_before = _mm_and_si128(_mm_and_si128(letter(before), letter(load(text, i - 2))), letter(load(text, i - 3)));
  const __m128i letters_after = _mm_and_si128(_mm_and_si128(after, letter(load(text, i + 2))), letter(load(text, i + 3)));
  const __m128i joins_words = _mm_and_si128(joiner, _mm_and_si128(letters_before, letters_after));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(joins_words, found)));
}

// leet_drawing_at() for the sixteen bytes from `i`, a bit each: the first bytes of a drawing are
// rare, so the second is looked at byte by byte.
[[nodiscard]] inline unsigned leet_drawing_bits(std::string_view text, std::size_t i, __m128i here) {
  const __m128i begins = _mm_or_si128(_mm_or_si128(_mm_or_si128(equals(here, '('), equals(here, '[')), _mm_or_si128(equals(here, '|'), equals(here, '/'))),
                                      _mm_or_si128(equals(here, '\\'), equals(here, '>')));
  unsigned bits = 0;
  for (auto candidates = static_cast<unsigned>(_mm_movemask_epi8(begins)); candidates != 0; candidates &= candidates - 1) {
    const auto k = static_cast<unsigned>(std::countr_zero(candidates));
    if (leet_detail::begins_drawing(static_cast<unsigned char>(text[i + k]), static_cast<unsigned char>(text[i + k + 1]))) bits |= 1U << k;
  }
  return bits;
}

// letter_cut_at() for the sixteen bytes from `i`, a bit each.
[[nodiscard]] inline unsigned letter_cut_bits(std::string_view text, std::size_t i, __m128i here) {
  const __m128i space_here = equals(here, ' ');
  if (_mm_movemask_epi8(space_here) == 0) return 0;
  const auto at = [&](int k) { return load(text, static_cast<std::size_t>(static_cast<std::ptrdiff_t>(i) + k)); };
  const auto may_be_cut_off = [](__m128i v) {
    const __m128i lower = _mm_or_si128(v, splat(0x20));
    return _mm_andnot_si128(_mm_or_si128(equals(lower, 'a'), equals(lower, 'i')), letter(v));
  };
  const auto opens_word = [](__m128i v) {
    return _mm_or_si128(_mm_or_si128(_mm_or_si128(space(v), equals(v, '\n')), _mm_or_si128(equals(v, '('), equals(v, '['))),
                        _mm_or_si128(equals(v, '"'), equals(v, '\'')));
  };
  const auto closes_word = [&](__m128i v) {
    const __m128i stops = _mm_or_si128(_mm_or_si128(_mm_or_si128(equals(v, '.'), equals(v, ',')), _mm_or_si128(equals(v, ';'), equals(v, ':'))),
                                       _mm_or_si128(_mm_or_si128(equals(v, '?'), equals(v, '!')), _mm_or_si128(equals(v, ')'), equals(v, ']'))));
    return _mm_or_si128(stops, _mm_or_si128(_mm_or_si128(space(v), equals(v, '\n')), _mm_or_si128(equals(v, '"'), equals(v, '\''))));
  };
  const __m128i before1 = at(-1);
  const __m128i before2 = at(-2);
  const __m128i after1 = at(1);
  const __m128i after2 = at(2);
  // A letter alone beside a space is rare ("a" and "I" aside): nearly every chunk ends here.
  const __m128i first_alone = _mm_and_si128(_mm_and_si128(may_be_cut_off(before1), opens_word(before2)), space_here);
  const __m128i last_alone = _mm_and_si128(_mm_and_si128(may_be_cut_off(after1), closes_word(after2)), space_here);
  if (_mm_movemask_epi8(_mm_or_si128(first_alone, last_alone)) == 0) return 0;
  const __m128i letters_before = _mm_and_si128(_mm_and_si128(letter(before1), letter(before2)), _mm_and_si128(letter(at(-3)), letter(at(-4))));
  const __m128i letters_after = _mm_and_si128(_mm_and_si128(letter(after1), letter(after2)), letter(at(3)));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_and_si128(first_alone, letters_after), _mm_and_si128(last_alone, letters_before))));
}

// broken_word_at() for the sixteen bytes from `i` (reach <= i, i + 16 + reach <= size), a bit each.
[[nodiscard]] inline unsigned broken_word_bits(std::string_view text, std::size_t i) {
  const __m128i here = load(text, i);
  const __m128i some = _mm_or_si128(_mm_or_si128(_mm_or_si128(in_range(here, '+', '/'), in_range(here, '^', '_')),
                                                  _mm_or_si128(equals(here, '#'), equals(here, '%'))),
                                     _mm_or_si128(_mm_or_si128(equals(here, '&'), equals(here, ';')), _mm_or_si128(equals(here, '='), equals(here, '?'))));
  const __m128i breaks = _mm_or_si128(some, _mm_or_si128(_mm_or_si128(equals(here, '\\'), equals(here, '|')), equals(here, '~')));
  if (_mm_movemask_epi8(breaks) == 0) return 0;
  const __m128i between = _mm_and_si128(letter(load(text, i - 1)), letter(load(text, i + 1)));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(breaks, between)));
}

// word_inside_at() for the sixteen bytes from `i` (reach <= i, i + 16 + reach <= size), a bit each.
[[nodiscard]] inline unsigned word_inside_bits(std::string_view text, std::size_t i) {
  const __m128i here = load(text, i);
  return leet_drawing_bits(text, i, here) | word_inside_bits_but_leet(text, i, here) | letter_cut_bits(text, i, here);
}
#endif

// The hints a byte at a time (the reference the fast scan is tested against).
[[nodiscard]] inline SecondReadingHints hints_bytewise(std::string_view text) {
  SecondReadingHints hints;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!hints.lone_wildcard && lone_wildcard_at(text, i)) hints.lone_wildcard = true, hints.first_lone_wildcard = i;
    if (!hints.word_inside && word_inside_at(text, i)) hints.word_inside = true, hints.first_word_inside = i;
    if (!hints.broken_word && broken_word_at(text, i)) hints.broken_word = true, hints.first_broken_word = i;
  }
  return hints;
}
} // namespace second_reading_detail

[[nodiscard]] inline SecondReadingHints second_reading_hints(std::string_view text) {
  using namespace second_reading_detail;
  SecondReadingHints hints;
  const auto note = [&](std::size_t i, unsigned lone_bits, unsigned inside_bits, unsigned broken_bits) {
    if (!hints.lone_wildcard && lone_bits != 0) {
      hints.lone_wildcard = true;
      hints.first_lone_wildcard = i + static_cast<std::size_t>(std::countr_zero(lone_bits));
    }
    if (!hints.word_inside && inside_bits != 0) {
      hints.word_inside = true;
      hints.first_word_inside = i + static_cast<std::size_t>(std::countr_zero(inside_bits));
    }
    if (!hints.broken_word && broken_bits != 0) {
      hints.broken_word = true;
      hints.first_broken_word = i + static_cast<std::size_t>(std::countr_zero(broken_bits));
    }
  };
  const auto all_seen = [&] { return hints.lone_wildcard && hints.word_inside && hints.broken_word; };
  const auto bytewise = [&](std::size_t i) {
    note(i, lone_wildcard_at(text, i) ? 1U : 0U, word_inside_at(text, i) ? 1U : 0U, broken_word_at(text, i) ? 1U : 0U);
  };
  std::size_t i = 0;
  for (; i < std::min(reach, text.size()); ++i) bytewise(i);
#if defined(__SSE2__)
  for (; i + 16 + reach <= text.size() && !all_seen(); i += 16) {
    note(i, hints.lone_wildcard ? 0U : lone_wildcard_bits(text, i), hints.word_inside ? 0U : word_inside_bits(text, i),
         hints.broken_word ? 0U : broken_word_bits(text, i));
  }
  // The bytes left but the last `reach`: one more chunk, overlapping bytes already read, whose
  // bits before `i` are dropped (a byte at a time, they cost more than the whole chunk).
  if (const std::size_t last = text.size() - 16 - reach; !all_seen() && text.size() >= 16 + 2 * reach && i + reach < text.size()) {
    const unsigned from_i = ~0U << (i - last);
    note(last, hints.lone_wildcard ? 0U : lone_wildcard_bits(text, last) & from_i,
         hints.word_inside ? 0U : word_inside_bits(text, last) & from_i, hints.broken_word ? 0U : broken_word_bits(text, last) & from_i);
    i = last + 16;
  }
#endif
  for (; i < text.size() && !all_seen(); ++i) bytewise(i);
  return hints;
}

// The kinds of hint, for for_each_hint().
enum class Hint : std::uint8_t { lone_wildcard, word_inside, broken_word };

// Calls `visit(i)` for every byte `i` from `from` on where the hint of kind `kind` holds
// (lone_wildcard_at(), word_inside_at() or broken_word_at()), in order.
template <typename Visit> void for_each_hint(std::string_view text, Hint kind, Visit &&visit, std::size_t from = 0) {
  using namespace second_reading_detail;
  const auto holds = [&](std::size_t i) {
    switch (kind) {
    case Hint::lone_wildcard: return lone_wildcard_at(text, i);
    case Hint::word_inside: return word_inside_at(text, i);
    case Hint::broken_word: return broken_word_at(text, i);
    }
    return false;
  };
  std::size_t i = from;
  for (; i < std::min(reach, text.size()); ++i) {
    if (holds(i)) visit(i);
  }
#if defined(__SSE2__)
  const auto bits_at = [&](std::size_t at) {
    switch (kind) {
    case Hint::lone_wildcard: return lone_wildcard_bits(text, at);
    case Hint::word_inside: return word_inside_bits(text, at);
    case Hint::broken_word: return broken_word_bits(text, at);
    }
    return 0U;
  };
  for (; i + 16 + reach <= text.size(); i += 16) {
    for (unsigned bits = bits_at(i); bits != 0; bits &= bits - 1) visit(i + static_cast<std::size_t>(std::countr_zero(bits)));
  }
  // As in second_reading_hints(): one more chunk over the bytes left but the last `reach`.
  if (const std::size_t last = text.size() - 16 - reach; text.size() >= 16 + 2 * reach && i + reach < text.size()) {
    for (unsigned bits = bits_at(last) & (~0U << (i - last)); bits != 0; bits &= bits - 1) {
      visit(last + static_cast<std::size_t>(std::countr_zero(bits)));
    }
    i = last + 16;
  }
#endif
  for (; i < text.size(); ++i) {
    if (holds(i)) visit(i);
  }
}

} // namespace handleguard::text
