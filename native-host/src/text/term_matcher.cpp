#include "text/term_matcher.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <iterator>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include <unicode/uchar.h>

#include "text/aho_corasick.hpp"
#include "text/confusables.hpp"
#include "text/emoji_letters.hpp"
#include "text/joined_wildcards.hpp"
#include "text/masked_words.hpp"
#include "text/masks_and_capitals.hpp"
#include "text/second_reading_hints.hpp"
#include "text/bidi_overrides.hpp"
#include "text/broken_words.hpp"
#include "text/chat_spellings.hpp"
#include "text/control_bytes.hpp"
#include "text/spaced_wildcards.hpp"
#include "text/starred_phrase_words.hpp"
#include "text/mix64.hpp"
#include "text/normalize.hpp"
#include "text/plain_word_cache.hpp"
#include "text/transposed_words.hpp"
#include "text/upside_down.hpp"

namespace handleguard::text {

namespace {
// Code points the folded stream uses for what is not a letter.
constexpr char32_t separator_mark = 0xFFFFFFFF; // one run of separators between two words
constexpr char32_t wildcard_mark = 0xFFFFFFFE;  // a "*" never expanded: matches nothing

// Bounds the work a word with "*" can cause: the letters tried for its stars.
constexpr std::size_t max_stars_per_word = 2;
constexpr std::size_t max_units_in_starred_word = 40;
constexpr std::size_t max_star_variants = 4096;
// Single letters are joined ("f u c k") only across short separators (a line break is one).
constexpr std::size_t max_join_gap = 3;
// Posts from this size on remember their words (PlainWordCache): shorter ones repeat too few of
// them for the look-ups to pay.
constexpr std::size_t min_bytes_for_word_cache = 1024;
// Bounds a phrase's other spellings (CompiledTerms' constructor): the chat spellings tried, and
// the symbols all of them may add to a matcher that has fewer of its own.
constexpr std::size_t max_other_spellings_a_phrase = 16;
constexpr std::size_t max_phrase_bytes_for_spellings = 256;
constexpr std::size_t min_other_spelling_symbols = 2048;


// One code point of the original text, as the matcher sees it. Kept small (24 bytes): a post's
// units are written once and read by every later step.
// Offsets are 32-bit to keep the per-post arrays small: a post is far below 4 G characters.
struct Unit {
  const char32_t *symbols = nullptr; // `symbol_count` symbols, living as long as the process
  std::uint32_t begin = 0;           // UTF-16 offsets in the original
  std::uint32_t end = 0;
  char32_t code_point = 0; // 0 for a malformed byte
  std::uint8_t symbol_count = 0;
  UnitKind kind = UnitKind::separator;
  bool digit = false;
  bool line_break = false;
};

// A growable array whose slots are filled field by field: building a whole struct on the stack
// and copying it in (push_back) stalls on store forwarding, and this is the matcher's hot loop.
// Its storage is kept between posts.
template <typename T> class Buffer {
public:
  Buffer() = default;
  Buffer(const Buffer &) = delete; // data_ points into store_
  Buffer &operator=(const Buffer &) = delete;
  ~Buffer() = default;
  void clear() { size_ = 0; }
  void truncate(std::size_t size) { size_ = size; }
  T &append() {
    reserve_more(1);
    return data_[size_++];
  }
  // Makes room for `count` more elements, so that append_reserved() needs no check.
  void reserve_more(std::size_t count) {
    if (size_ + count > capacity_) grow(size_ + count);
  }
  T &append_reserved() { return data_[size_++]; }
  // Returns where the next reserved slots start; commit() then says how many were written.
  T *next_reserved() { return data_ + size_; }
  void commit(std::size_t count) { size_ += count; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  T *data() { return data_; }
  T &back() { return data_[size_ - 1]; }
  T &operator[](std::size_t i) { return data_[i]; }
  const T &operator[](std::size_t i) const { return data_[i]; }
  [[nodiscard]] std::span<const T> view() const { return {data_, size_}; }
  operator std::span<const T>() const { return view(); } // NOLINT(google-explicit-constructor): a view of it

private:
  [[gnu::noinline]] void grow(std::size_t needed) {
    store_.resize(std::max<std::size_t>(256, needed * 2));
    data_ = store_.data();
    capacity_ = store_.size();
  }
  // The data pointer and capacity kept beside the vector: checked once a word, they are two loads
  // instead of a division of the vector's byte size.
  std::vector<T> store_;
  T *data_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
};

// Decodes the code point at `at` and sets `length` to the bytes read. A malformed sequence yields
// nothing and covers its maximal valid prefix (at least one byte), as ICU and browsers count it:
// one U+FFFD, one UTF-16 unit, which the matcher treats as a separator.
std::optional<char32_t> decode_one(std::string_view utf8, std::size_t at, std::size_t &length) {
  const auto lead = static_cast<unsigned char>(utf8[at]);
  length = 1;
  if (lead < 0x80) return lead;
  std::size_t continuations = 0;
  unsigned char low = 0x80; // bounds of the first continuation byte
  unsigned char high = 0xBF;
  char32_t c = 0;
  if (lead >= 0xC2 && lead <= 0xDF) continuations = 1, c = lead & 0x1FU;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    continuations = 2, c = lead & 0x0FU;
    if (lead == 0xE0) low = 0xA0;  // overlong
    if (lead == 0xED) high = 0x9F; // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuations = 3, c = lead & 0x07U;
    if (lead == 0xF0) low = 0x90;  // overlong
    if (lead == 0xF4) high = 0x8F; // above U+10FFFF
  } else {
    return std::nullopt;
  }
  for (std::size_t k = 1; k <= continuations; ++k) {
    if (at + k >= utf8.size()) return std::nullopt;
    const auto next = static_cast<unsigned char>(utf8[at + k]);
    if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) return std::nullopt;
    c = (c << 6U) | (next & 0x3FU);
    length = k + 1;
  }
  return c;
}

// A word: units [first, last] with its edge stars and invisibles cut off.
struct Word {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  std::uint32_t first_letter = 0; // its first and last letter or star (first_letter > last_letter when none)
  std::uint32_t last_letter = 0;
  std::uint32_t stars = 0;
  std::uint32_t most_symbols = 0; // an upper bound of the symbols it folds into
  bool single = false; // one letter (or substitute) alone, as in "f u c k"
};

bool has_symbols(UnitKind kind) { return kind == UnitKind::letter || kind == UnitKind::substitute; }

// What a symbol of the folded stream (or a run of them) allows, a bit each: a record is then
// written in a few stores, which matters in the loop that writes one per character.
struct SymbolFlags {
  static constexpr std::uint8_t start_ok_bit = 1;  // a whole-word match may start here
  static constexpr std::uint8_t end_ok_bit = 2;    // a whole-word match may end here
  static constexpr std::uint8_t nondigit_bit = 4;  // not a digit ("455" is a number, not "ass")
  static constexpr std::uint8_t spaced_bit = 8;    // from a group of single letters joined ("f u c k")
  static constexpr std::uint8_t short_gap_bit = 16; // a separator of up to three characters on one line ("fu ck")
  std::uint8_t bits = 0;

  [[nodiscard]] static constexpr SymbolFlags of(bool start_ok, bool end_ok, bool nondigit, bool spaced, bool short_gap) {
    return {static_cast<std::uint8_t>((start_ok ? start_ok_bit : 0) | (end_ok ? end_ok_bit : 0) | (nondigit ? nondigit_bit : 0) |
                                      (spaced ? spaced_bit : 0) | (short_gap ? short_gap_bit : 0))};
  }
  [[nodiscard]] bool start_ok() const { return (bits & start_ok_bit) != 0; }
  [[nodiscard]] bool end_ok() const { return (bits & end_ok_bit) != 0; }
  [[nodiscard]] bool nondigit() const { return (bits & nondigit_bit) != 0; }
  [[nodiscard]] bool spaced() const { return (bits & spaced_bit) != 0; }
  [[nodiscard]] bool short_gap() const { return (bits & short_gap_bit) != 0; }
};

// One symbol of the folded stream.
struct FoldedSymbol {
  char32_t symbol = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  SymbolFlags flags;
};

// A run of one repeated symbol: what the automaton reads, with the repeat count checked after.
// Three fields, written once a run: its span and flags are read from its symbols, and only
// verify() needs them, for the few runs where keys end.
struct Run {
  char32_t symbol = 0;
  std::uint32_t count = 0;
  std::uint32_t first = 0; // index of its first FoldedSymbol

  [[nodiscard]] const FoldedSymbol &head(std::span<const FoldedSymbol> symbols) const { return symbols[first]; }
  [[nodiscard]] const FoldedSymbol &tail(std::span<const FoldedSymbol> symbols) const { return symbols[first + count - 1]; }
  [[nodiscard]] bool any_nondigit(std::span<const FoldedSymbol> symbols) const {
    return std::ranges::any_of(symbols.subspan(first, count), [](const FoldedSymbol &s) { return s.flags.nondigit(); });
  }
  [[nodiscard]] bool all_spaced(std::span<const FoldedSymbol> symbols) const {
    return std::ranges::all_of(symbols.subspan(first, count), [](const FoldedSymbol &s) { return s.flags.spaced(); });
  }
};

// Steps the lexicon's automaton over runs of symbols: their ids looked up inline, one table read
// a step when the automaton has its full table.
class RunStepper {
public:
  using State = AhoCorasick::State;
  using Symbol = AhoCorasick::Symbol;
  static constexpr Symbol unknown_id = 0; // a symbol no key uses
  static constexpr Symbol separator_id = 1;

  RunStepper(const AhoCorasick &automaton, const std::array<Symbol, 128> &ascii_ids,
             const std::unordered_map<char32_t, Symbol> &other_ids)
      : automaton_(&automaton), table_(automaton.table()), alphabet_(automaton.alphabet_size()), ascii_ids_(&ascii_ids),
        other_ids_(&other_ids) {}

  [[nodiscard, gnu::always_inline]] Symbol id(char32_t symbol) const {
    if (symbol < 128) return (*ascii_ids_)[symbol];
    if (symbol == separator_mark) return separator_id;
    const auto found = other_ids_->find(symbol);
    return found == other_ids_->end() ? unknown_id : found->second;
  }
  [[nodiscard, gnu::always_inline]] State step(State state, char32_t symbol) const {
    const Symbol symbol_id = id(symbol);
    return table_ != nullptr ? table_[static_cast<std::size_t>(state) * alphabet_ + symbol_id] : automaton_->step(state, symbol_id);
  }
  [[nodiscard, gnu::always_inline]] bool ends_keys(State state) const { return automaton_->ends_keys(state); }

private:
  const AhoCorasick *automaton_;
  const State *table_; // the automaton's full transition table, or null
  std::size_t alphabet_;
  const std::array<Symbol, 128> *ascii_ids_;
  const std::unordered_map<char32_t, Symbol> *other_ids_;
};

// The folded stream: its symbols, and the same counted into runs of repeats as they are added.
struct FoldedStream {
  Buffer<FoldedSymbol> symbols;
  Buffer<Run> runs;

  void clear() {
    symbols.clear();
    runs.clear();
  }
  // Makes room for `count` more symbols (and runs): add() needs no check then.
  void reserve_more(std::size_t count) {
    symbols.reserve_more(count);
    runs.reserve_more(count);
  }
  [[gnu::always_inline]] void add(char32_t symbol, std::uint32_t begin, std::uint32_t end, bool start_ok, bool end_ok,
                                  bool nondigit, bool spaced = false, bool short_gap = false) {
    const SymbolFlags flags = SymbolFlags::of(start_ok, end_ok, nondigit, spaced, short_gap);
    symbols.append_reserved() = FoldedSymbol{symbol, begin, end, flags};
    if (!runs.empty() && runs.back().symbol == symbol && symbol != separator_mark) {
      ++runs.back().count;
      return;
    }
    runs.append_reserved() = Run{symbol, 1, static_cast<std::uint32_t>(symbols.size() - 1)};
  }
};

// Letters typed for a word's stars, by unit index.
struct StarChoice {
  std::size_t unit = 0;
  char32_t letter = 0;
};

// Appends the symbols of the words `group` (one word, or single letters joined). Whole-word
// matches may start and end at the group's edges, and also where runs of symbols at its ends
// begin or end ("$hit", "@fuck", "shit!!", "c-u-m!!"). In a group of three letters or more, a
// match may also leave out its first or last letter, which may be a word ("such a s h i t").
void fold_group(std::span<const Unit> units, std::span<const Word> group, std::span<const StarChoice> stars,
                FoldedStream &out) {
  const std::size_t group_first = group.front().first;
  const std::size_t group_last = group.back().last;
  std::size_t first_letter = group_last + 1;
  std::size_t last_letter = group_first;
  for (const Word &word : group) {
    if (word.first_letter > word.last_letter) continue;
    first_letter = std::min<std::size_t>(first_letter, word.first_letter);
    last_letter = word.last_letter;
  }
  std::size_t most_symbols = 0;
  for (const Word &word : group) most_symbols += word.most_symbols;
  out.reserve_more(most_symbols);
  const bool spaced = group.size() >= 2;
  const bool loose_edges = group.size() >= 3;
  const std::size_t loose_first = loose_edges ? group[1].first : group_first;
  const std::size_t loose_last = loose_edges ? group[group.size() - 2].last : group_last;
  for (const Word &word : group) {
    for (std::size_t u = word.first; u <= word.last; ++u) {
      const Unit &unit = units[u];
      const char32_t *symbols = unit.symbols;
      std::size_t count = unit.symbol_count;
      char32_t star_letter = wildcard_mark;
      if (unit.kind == UnitKind::wildcard) {
        for (const auto &choice : stars) {
          if (choice.unit == u) star_letter = choice.letter;
        }
        symbols = &star_letter;
        count = 1;
      } else if (unit.kind != UnitKind::letter && unit.kind != UnitKind::substitute) {
        continue;
      }
      const bool start_ok = u == group_first || u <= first_letter || u == loose_first;
      const bool end_ok = u == group_last || u >= last_letter || u == loose_last;
      if (count == 1) { // nearly always
        out.add(symbols[0], unit.begin, unit.end, start_ok, end_ok, !unit.digit, spaced);
        continue;
      }
      for (std::size_t s = 0; s < count; ++s) {
        out.add(symbols[s], unit.begin, unit.end, start_ok && s == 0, end_ok && s + 1 == count, !unit.digit, spaced);
      }
    }
  }
}

// What stands between two words: its visible characters (a join needs the same few between each
// letter, or only white space between each) and whether a line break is among them.
struct Gap {
  std::array<char32_t, max_join_gap> visible{};
  std::uint32_t count = 0; // visible characters; max_join_gap + 1 stands for "more"
  bool line_break = false;
  bool white_space_only = true;

  void add(char32_t code_point, UnitKind kind, bool is_line_break) {
    line_break = line_break || is_line_break;
    if (kind == UnitKind::ignorable) return;
    add_visible(code_point);
  }
  void add(const Unit &unit) { add(unit.code_point, unit.kind, unit.line_break); }
  // add() for an ASCII separator.
  void add_separator(char32_t code_point, bool is_line_break) {
    line_break = line_break || is_line_break;
    add_visible(code_point);
  }
  // Back to no gap (visible characters past `count` are never read).
  void clear() {
    count = 0;
    line_break = false;
    white_space_only = true;
  }
  // At most max_join_gap visible characters, on one line.
  [[nodiscard]] bool is_short() const { return !line_break && count <= max_join_gap; }
  // Whether single letters on either side may join: at most max_join_gap visible characters,
  // line breaks among them too, since a word written down the page, a letter a line, is still
  // that word.
  [[nodiscard]] bool joins_single_letters() const { return count <= max_join_gap; }
  // The same characters, or spaces only on both sides: an extra space, hurried or deliberate
  // ("d r  i v e"), hides a word as well as even spacing does, while "a f.u.c.k" still parts and
  // letters down the page must still be set out alike.
  [[nodiscard]] bool same_as(const Gap &other) const {
    if (count == other.count && std::equal(visible.begin(), visible.begin() + std::min<std::size_t>(count, max_join_gap), other.visible.begin())) {
      return true;
    }
    return count > 0 && other.count > 0 && spaces_only() && other.spaces_only();
  }
  // Only white space on one line (nothing but invisibles is no gap of spaces).
  [[nodiscard]] bool spaces_only() const { return white_space_only && !line_break; }

private:
  void add_visible(char32_t code_point) {
    if (count < max_join_gap) visible[count] = code_point;
    if (count <= max_join_gap) ++count;
    white_space_only = white_space_only && u_isUWhiteSpace(static_cast<UChar32>(code_point)) != 0;
  }
};

// How the matcher sees an ASCII character, looked up once.
struct AsciiFold {
  char32_t symbol = 0;
  UnitKind kind = UnitKind::separator;
  bool digit = false;
  bool plain = false; // a letter or substitute of one symbol: read by the fast path of plain words
  std::uint8_t flags = 0; // SymbolFlags::nondigit_bit unless a digit
  bool letter = false;
  bool separator = false;  // an ASCII separator ("*" is one only where stars are not wildcards)
  bool line_break = false; // "\n" or "\r"
};

const std::array<AsciiFold, 256> &ascii_folds() {
  static const std::array<AsciiFold, 256> table = [] {
    std::array<AsciiFold, 256> folds{}; // bytes from 0x80 on are not plain: they start or continue other characters
    for (char32_t c = 0; c < 128; ++c) {
      const FoldedCodePoint folded = fold_code_point(c);
      folds[c].kind = folded.kind;
      folds[c].digit = folded.digit;
      folds[c].plain = has_symbols(folded.kind) && folded.symbols.size() == 1;
      folds[c].symbol = folds[c].plain ? folded.symbols[0] : 0;
      folds[c].flags = folded.digit ? 0 : SymbolFlags::nondigit_bit;
      folds[c].letter = folded.kind == UnitKind::letter;
      folds[c].separator = folded.kind == UnitKind::separator;
      folds[c].line_break = c == '\n' || c == '\r';
    }
    return folds;
  }();
  return table;
}

// A group's symbols [begin, end) in a stream's symbols, and how many runs they make.
struct GroupSymbols {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t runs = 0;
};

// What a byte is in a plain word (see read_plain_words). The same for every matcher, so one
// table serves them all and stays in the cache from one account's post to the next; what steps
// the automaton, the id of the byte's symbol, is the matcher's (LazyScan::letter_ids).
struct ByteClass {
  static constexpr std::uint8_t plain_bit = 1;      // as AsciiFold::plain
  static constexpr std::uint8_t letter_bit = 2;
  static constexpr std::uint8_t separator_bit = 4;  // an ASCII separator (never "*": find() reads it as a star)
  static constexpr std::uint8_t line_break_bit = 8;
  std::uint8_t symbol = 0; // its symbol, a letter a to z when plain (for runs of repeats and the swap filters)
  std::uint8_t bits = 0;
  [[nodiscard]] bool plain() const { return (bits & plain_bit) != 0; }
  [[nodiscard]] bool letter() const { return (bits & letter_bit) != 0; }
  [[nodiscard]] bool separator() const { return (bits & separator_bit) != 0; }
};

// The classes of the 256 bytes, from ascii_folds() (read only where build_lazy_scan() found
// every plain byte's symbol a letter a to z).
const std::array<ByteClass, 256> &byte_classes() {
  static const std::array<ByteClass, 256> table = [] {
    std::array<ByteClass, 256> classes{};
    const auto &folds = ascii_folds();
    for (std::size_t b = 0; b < folds.size(); ++b) {
      classes[b].bits = static_cast<std::uint8_t>((folds[b].separator ? ByteClass::separator_bit : 0) |
                                                  (folds[b].line_break ? ByteClass::line_break_bit : 0));
      if (!folds[b].plain) continue;
      classes[b].symbol = static_cast<std::uint8_t>(folds[b].symbol);
      classes[b].bits = static_cast<std::uint8_t>(classes[b].bits | ByteClass::plain_bit | (folds[b].letter ? ByteClass::letter_bit : 0));
    }
    return classes;
  }();
  return table;
}

// The shapes of the forms TransposedWords holds: first and last symbol, length, and the set of
// symbols between (hashed into 64 bits). A word is a swap of a form only if it has the form's
// shape, so a word without one need not be looked up: this rules out before its signature is
// computed nearly every word that passes the swap filters on the first and last symbol and the
// length (common words share those with some term: "store", "slave").
class SwapShapes {
public:
  // Adds the forms TransposedWords::add() makes of a term of `symbols`.
  void add(std::u32string_view symbols) {
    add_form(symbols);
    std::u32string runs;
    for (const char32_t symbol : symbols) {
      if (runs.empty() || runs.back() != symbol) runs.push_back(symbol);
    }
    if (runs.size() != symbols.size()) add_form(runs);
  }
  // Builds the table; call once after the last add().
  void finish() {
    std::size_t size = 16;
    while (size < 2 * keys_.size()) size *= 2;
    slots_.assign(size, 0);
    for (const std::uint64_t key : keys_) {
      std::size_t i = key & (size - 1);
      while (slots_[i] != 0 && slots_[i] != key) i = (i + 1) & (size - 1);
      slots_[i] = key;
    }
    keys_.clear();
    keys_.shrink_to_fit();
  }
  [[nodiscard]] bool contains(char32_t first, char32_t last, std::size_t length, std::uint64_t inner) const {
    const std::uint64_t key = key_of(first, last, length, inner);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = key & mask; slots_[i] != 0; i = (i + 1) & mask) {
      if (slots_[i] == key) return true;
    }
    return false;
  }
  [[nodiscard]] static std::uint64_t bit_of(char32_t symbol) { return std::uint64_t{1} << (symbol & 63U); }
  // may_have(first, last, length) || may_have(first, last, runs) for the letters a to z, without
  // branches. No form is shorter than TransposedWords::min_length: false for a shorter word.
  [[nodiscard]] bool may_have_letters(std::uint8_t first, std::uint8_t last, std::size_t length, std::size_t runs) const {
    const unsigned pair = static_cast<unsigned>(first - 'a') * 26 + static_cast<unsigned>(last - 'a');
    // Most words' first and last letters begin and end no form: 85 bytes say so, which stay in
    // the cache, where the lengths (2.7 KB, a line for every few pairs) would not.
    if (((pairs_[pair / 64] >> (pair % 64)) & 1U) == 0) return false;
    const std::uint32_t lengths = lengths_[pair];
    return (lengths & ((std::uint32_t{1} << std::min<std::size_t>(length, 31)) | (std::uint32_t{1} << std::min<std::size_t>(runs, 31)))) != 0;
  }
  // False when no form of `length` symbols (or more than 30, all alike) starts with `first` and
  // ends with `last`, for symbols of the letters a to z (other symbols: true). Exact, where the
  // swap index's own filters hash: one read, and few words pass it.
  [[nodiscard]] bool may_have(std::uint8_t first, std::uint8_t last, std::size_t length) const {
    const unsigned f = first - 'a';
    const unsigned l = last - 'a';
    if (f >= 26 || l >= 26) return true;
    return ((lengths_[f * 26 + l] >> std::min<std::size_t>(length, 31)) & 1U) != 0;
  }

private:
  static std::uint64_t key_of(char32_t first, char32_t last, std::size_t length, std::uint64_t inner) {
    return mix64((static_cast<std::uint64_t>(first) << 40U) ^ (static_cast<std::uint64_t>(last) << 8U) ^ length ^ mix64(inner)) | 1U;
  }
  void add_form(std::u32string_view symbols) {
    if (symbols.size() < TransposedWords::min_length || symbols.size() > TransposedWords::max_length) return;
    if (symbols.front() >= U'a' && symbols.front() <= U'z' && symbols.back() >= U'a' && symbols.back() <= U'z') {
      const std::size_t pair = (symbols.front() - U'a') * 26 + (symbols.back() - U'a');
      lengths_[pair] |= std::uint32_t{1} << std::min<std::size_t>(symbols.size(), 31);
      pairs_[pair / 64] |= std::uint64_t{1} << (pair % 64);
    }
    std::uint64_t inner = 0;
    for (std::size_t i = 1; i + 1 < symbols.size(); ++i) inner |= bit_of(symbols[i]);
    keys_.push_back(key_of(symbols.front(), symbols.back(), symbols.size(), inner));
  }
  std::vector<std::uint64_t> keys_;  // until finish()
  std::vector<std::uint64_t> slots_ = std::vector<std::uint64_t>(1, 0); // open addressing, 0 for none
  std::array<std::uint32_t, 26 * 26> lengths_{}; // by first and last letter: bit n for a form of n symbols
  std::array<std::uint64_t, (26 * 26 + 63) / 64> pairs_{}; // bit first * 26 + last: lengths_ there is not 0
};

// What find() needs to read plain words without writing their records: the automaton's table,
// and for each state what the keys ending there may need. A plain word's records are written
// (into a window of the groups a key ending in it may cover) only when a key it reaches may pass
// verify() or a swap filter lets it through.
struct LazyScan {
  // state_info bits: 0-7 a whole-word key with 0..7 separators ends here (7: 7 or more), 8-15 the
  // same for substring keys; of the whole-word keys without separators ending here, 16-22 the most
  // runs (0x7F: 127 or more), 23 set when all are plurals (their last run is one letter exactly:
  // "assess" ends no "asses"), and 24-31 the fewest repeats their last run needs (0xFF: 255 or more).
  static constexpr std::uint32_t whole_mask = 0xFF;
  static constexpr unsigned substring_shift = 8;
  static constexpr std::uint32_t substring_mask = whole_mask << substring_shift;
  static constexpr unsigned longest_shift = 16;
  static constexpr std::uint32_t longest_unbounded = 0x7F;
  static constexpr std::uint32_t plurals_only_bit = std::uint32_t{1} << 23;
  static constexpr unsigned fewest_shift = 24;
  static constexpr std::uint32_t fewest_unbounded = 0xFF;
  static constexpr std::uint32_t most_depth_bit = 0x80;
  const AhoCorasick::State *table = nullptr;
  std::size_t alphabet = 0;
  const RunStepper *stepper = nullptr;
  const ByteClass *classes = byte_classes().data();
  // By symbol a to z, its id in the automaton: a cache line or two, read for every run of a
  // letter, where a table of 256 bytes' ids would spread the reads of a post over a dozen.
  alignas(64) std::array<AhoCorasick::Symbol, 128> letter_ids{};
  std::vector<std::uint32_t> state_info;
  // Each state's next after a separator: one read, not a multiply and a read, between two words
  // (it is on the chain of dependent reads through the post).
  std::vector<AhoCorasick::State> after_separator;
  std::uint32_t max_depth = 0; // the most separators of a key
  bool any_substring = false;
  const TransposedWords *transposed = nullptr; // null when no term may be read swapped
  const SwapShapes *swap_shapes = nullptr;      // of transposed's forms
  // True when a whole-word key without separators ending at a state of `info` may pass verify()
  // at the end of a word whose run `first_letter_run` holds its first letter, ending with run
  // `runs` (counted from 1) of `last_count` repeats: it must start at or before the first letter.
  [[nodiscard]] static bool may_end_word(std::uint32_t info, std::size_t first_letter_run, std::size_t runs, std::size_t last_count) {
    const std::uint32_t longest = (info >> longest_shift) & longest_unbounded;
    return (info & 1U) != 0 && (longest == longest_unbounded || longest + first_letter_run >= runs) &&
           (info >> fewest_shift) <= last_count && ((info & plurals_only_bit) == 0 || last_count == 1);
  }
};

// Receives the records of a window of groups where something may match: scan() its runs when
// `scan`, and look for swapped words in `transposed_groups`.
struct WindowSink {
  void *context = nullptr;
  void (*found)(void *context, const FoldedStream &window, std::span<const GroupSymbols> transposed_groups, bool scan) = nullptr;
  std::vector<TermMatch> *terms = nullptr; // where swapped plain words are reported
};

// A group read by find() without its records (a plain word), or with them (any other group, in
// FoldedText::stream): enough to write its records into a window when a key may end in it.
struct GroupRef {
  std::uint32_t first = 0;        // plain: its first byte; else its first symbol, its separator's if any
  std::uint32_t last = 0;         // not plain: past its last symbol (a plain word ends where its bytes stop being plain)
  std::uint32_t begin16 = 0;      // plain: its UTF-16 offset (one a byte)
  std::uint32_t end16 = 0;        // not plain: where it ends in UTF-16
  std::uint32_t word_symbols = 0; // not plain: its first symbol after the separator
  std::uint32_t runs_begin = 0;   // not plain: its runs [runs_begin, runs_end), its separator's first if any
  std::uint32_t runs_end = 0;
  bool plain = false;
  bool short_gap = false; // plain: the separator before it (if any) is short

};

// A word with MaskedWords::min_stars stars or more between its letters ("b***h", "b**t*rd"): its
// symbols from its first letter to its last, a star as wildcard_mark, and its UTF-16 span.
struct MaskedWord {
  std::u32string symbols;
  std::uint32_t begin16 = 0;
  std::uint32_t end16 = 0;
  bool end_hidden = false; // its last letters are stars ("f***"), not only inner ones
};

// The folded form of a whole text: its symbols and runs, each group's symbols, and its words with
// stars to try letters in. Its arrays are reused from post to post (one per thread), so a check
// allocates nothing once warm.
struct FoldedText {
  Buffer<GroupSymbols> group_symbols;
  FoldedStream stream;
  Buffer<Unit> starred_units; // the units of words with stars, one word after the other
  std::vector<Word> starred_words; // indices into starred_units
  std::vector<MaskedWord> masked_words;

  // While folding: the units of words not yet folded, and the group of single letters being
  // gathered (its words, and the gap before each).
  Buffer<Unit> units;
  std::vector<Word> pending;
  std::vector<Gap> pending_gaps;
  bool any_group = false;         // a group was folded: the next one comes after a separator
  bool upside_down_letter = false; // a letter only upside-down writing uses (text/upside_down.hpp)
  bool pictograph_after_letter = false; // an emoji right after a letter (text/emoji_letters.hpp)
  std::uint32_t previous_end = 0; // where the last group folded ends

  // Reading lazily (find()): `stream` holds only the groups that are not plain words.
  const LazyScan *lazy = nullptr;
  WindowSink sink;
  std::string_view utf8;
  AhoCorasick::State state = AhoCorasick::root; // after the last group read
  Buffer<GroupRef> groups;
  Buffer<AhoCorasick::State> run_states; // a plain word's state after each run (capacity only)
  std::string padded;                    // the text and PlainWordCache::bytes_read NULs
  PlainWordCache word_cache;
  bool use_word_cache = false; // a long post
  FoldedStream window;
  Buffer<GroupSymbols> window_groups;
};

// Appends the separator that comes before a group starting at `begin` after `gap`, unless the
// group is the text's first.
void add_separator(FoldedText &text, std::uint32_t begin, const Gap &gap) {
  if (!text.any_group) return;
  text.stream.reserve_more(1);
  text.stream.add(separator_mark, text.previous_end, begin, false, false, false, false, gap.is_short());
}

void read_folded_group(FoldedText &text, std::size_t symbols_begin, std::size_t word_symbols, std::size_t runs_begin);

// Folds the pending words [0, count) as one group and drops them from the pending list.
void fold_pending(FoldedText &text, std::size_t count) {
  if (count == 0) return;
  const std::span<const Word> group(text.pending.data(), count);
  const std::size_t separator_symbol = text.stream.symbols.size();
  const std::size_t separator_run = text.stream.runs.size();
  add_separator(text, text.units[group.front().first].begin, text.pending_gaps.front());
  const auto begin = static_cast<std::uint32_t>(text.stream.symbols.size());
  const std::size_t runs_before = text.stream.runs.size(); // its first symbol starts a run: a separator or nothing is before it
  fold_group(text.units, group, {}, text.stream);
  text.group_symbols.append() = {begin, static_cast<std::uint32_t>(text.stream.symbols.size()),
                                 static_cast<std::uint32_t>(text.stream.runs.size() - runs_before)};
  text.previous_end = text.units[group.back().last].end;
  text.any_group = true;
  if (text.lazy != nullptr) read_folded_group(text, separator_symbol, begin, separator_run);
  text.pending.erase(text.pending.begin(), text.pending.begin() + static_cast<std::ptrdiff_t>(count));
  text.pending_gaps.erase(text.pending_gaps.begin(), text.pending_gaps.begin() + static_cast<std::ptrdiff_t>(count));
}

// Groups `word` (its units in text.units) with the words before it: single letters join when the
// same short separator stands between each ("f.u.c.k", "f u c k"). In "a f.u.c.k" the "a" stays a
// word of its own: a letter joined by one separator leaves for the next group when the separator
// changes. A group is folded as soon as no later word can join it.
void add_word(FoldedText &text, const Word &word, const Gap &gap) {
  if (word.stars > 0 && word.stars <= max_stars_per_word && word.last - word.first + 1 <= max_units_in_starred_word) {
    Word &starred = text.starred_words.emplace_back(word);
    const auto shift = static_cast<std::uint32_t>(text.starred_units.size()) - word.first;
    text.starred_units.reserve_more(word.last - word.first + 1);
    for (std::uint32_t u = word.first; u <= word.last; ++u) text.starred_units.append_reserved() = text.units[u];
    starred.first += shift, starred.last += shift, starred.first_letter += shift, starred.last_letter += shift;
  }
  if (!text.pending.empty() && text.pending.back().single && word.single && gap.joins_single_letters()) {
    const std::size_t count = text.pending.size();
    if (count == 1 || gap.same_as(text.pending_gaps.back())) {
      text.pending.push_back(word);
      text.pending_gaps.push_back(gap);
      return;
    }
    if (count == 2) {
      fold_pending(text, 1);
      text.pending.push_back(word);
      text.pending_gaps.push_back(gap);
      return;
    }
  }
  fold_pending(text, text.pending.size());
  text.pending.push_back(word);
  text.pending_gaps.push_back(gap);
  if (!word.single) {
    fold_pending(text, 1);
    text.units.clear(); // every word read is folded: nothing refers to them any more
  }
}

// Whether the word in `units` from `begin` on (a separator after it included or not) has more
// stars inside it, between its first and last letter or symbol, than may stand for letters.
bool too_many_stars(const Buffer<Unit> &units, std::size_t begin) {
  std::size_t first = begin;
  while (first < units.size() && !has_symbols(units[first].kind)) ++first;
  std::size_t stars = 0;
  std::size_t pending = 0; // stars since the last letter or symbol: inside only if one follows
  for (std::size_t u = first; u < units.size(); ++u) {
    if (units[u].kind == UnitKind::wildcard) {
      ++pending;
    } else if (has_symbols(units[u].kind)) {
      stars += pending;
      pending = 0;
    }
  }
  return stars > max_stars_per_word;
}

// The word of `units` from `begin` on (up to a separator): where it ends, and the units from its
// first letter to its last, [first, last) (first == last when it has no letter).
struct WordLetters {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t end = 0;
};
WordLetters word_letters(const Buffer<Unit> &units, std::size_t begin) {
  WordLetters word{begin, 0, begin};
  while (word.end < units.size() && units[word.end].kind != UnitKind::separator) ++word.end;
  while (word.first < word.end && units[word.first].kind != UnitKind::letter) ++word.first;
  word.last = word.end;
  while (word.last > word.first && units[word.last - 1].kind != UnitKind::letter) --word.last;
  return word;
}

// Appends the symbols of units [from, to) to `word`, a star as wildcard_mark (invisibles are
// skipped, as everywhere in a word); returns how many stars.
std::size_t append_masked_symbols(const Buffer<Unit> &units, std::size_t from, std::size_t to, MaskedWord &word) {
  std::size_t stars = 0;
  for (std::size_t u = from; u < to; ++u) {
    const Unit &unit = units[u];
    if (unit.kind == UnitKind::wildcard) {
      ++stars;
      word.symbols.push_back(wildcard_mark);
    } else if (has_symbols(unit.kind)) {
      word.symbols.append(unit.symbols, unit.symbol_count);
    }
  }
  return stars;
}

// Notes the word of text.units from `begin` on (up to a separator) when it is masked: at least
// MaskedWords::min_stars stars between letters ("b***h", "b**t*rd"). Symbols at its edges that are
// no letter are left out, as a whole-word match may leave them ("b***h!").
void note_masked_word(FoldedText &text, std::size_t begin) {
  const WordLetters letters = word_letters(text.units, begin);
  if (letters.last - letters.first > max_units_in_starred_word) return;
  MaskedWord word;
  if (append_masked_symbols(text.units, letters.first, letters.last, word) < MaskedWords::min_stars) return;
  word.begin16 = text.units[letters.first].begin;
  word.end16 = text.units[letters.last - 1].end;
  text.masked_words.push_back(std::move(word));
}

// Notes the word of text.units from `begin` on (up to a separator) when stars hide its end: its
// first letters, then MaskedWords::min_stars_at_end stars or more, then nothing but symbols that
// are no letter ("f***", "sh**!"). The first reading takes those stars for punctuation.
void note_word_with_masked_end(FoldedText &text, std::size_t begin) {
  const WordLetters letters = word_letters(text.units, begin);
  std::size_t stars_end = letters.last;
  while (stars_end < letters.end && text.units[stars_end].kind == UnitKind::wildcard) ++stars_end;
  if (letters.first == letters.last || stars_end - letters.last < MaskedWords::min_stars_at_end ||
      stars_end - letters.first > max_units_in_starred_word) {
    return;
  }
  MaskedWord word;
  word.end_hidden = true;
  append_masked_symbols(text.units, letters.first, stars_end, word);
  word.begin16 = text.units[letters.first].begin;
  word.end16 = text.units[stars_end - 1].end;
  text.masked_words.push_back(std::move(word));
}

// Ends the word made of text.units [begin, end): its edge stars and invisibles go to the gaps
// around it ("*bold*"), and a word with no letter or symbol is all gap.
void finish_word(FoldedText &text, std::size_t begin, Gap &gap) {
  const Buffer<Unit> &units = text.units;
  const std::size_t end = units.size();
  std::size_t first = begin;
  while (first < end && !has_symbols(units[first].kind)) gap.add(units[first++]);
  if (first == end) {
    text.units.truncate(begin);
    return;
  }
  std::size_t last = end - 1;
  while (last > first && !has_symbols(units[last].kind)) --last;
  Word word;
  word.first = static_cast<std::uint32_t>(first);
  word.last = static_cast<std::uint32_t>(last);
  word.first_letter = word.last + 1;
  std::size_t letters = 0;
  std::size_t substitutes = 0;
  for (std::size_t u = first; u <= last; ++u) {
    const UnitKind kind = units[u].kind;
    word.most_symbols += std::max<std::uint32_t>(units[u].symbol_count, 1);
    if (kind == UnitKind::letter || kind == UnitKind::wildcard) {
      word.first_letter = std::min(word.first_letter, static_cast<std::uint32_t>(u));
      word.last_letter = static_cast<std::uint32_t>(u);
      if (kind == UnitKind::wildcard) ++word.stars;
      else ++letters;
    } else if (kind == UnitKind::substitute) {
      ++substitutes;
    }
  }
  // One letter, perhaps with symbols around it ("m!!" in "c-u-m!!"), or one symbol alone.
  word.single = word.stars == 0 && (letters == 1 || (letters == 0 && substitutes == 1));
  Gap after;
  for (std::size_t u = last + 1; u < end; ++u) after.add(units[u]);
  add_word(text, word, gap);
  gap = after;
}

// Writes the records of the plain word [at, end) of `utf8` (ASCII letters and symbols only, longer
// than one letter), starting at UTF-16 offset `begin`, after a separator from `previous_end` when
// `separator`. Returns its symbols (the separator's not included).
GroupSymbols write_plain_word(FoldedStream &stream, const std::array<AsciiFold, 256> &folds, std::string_view utf8,
                              std::size_t at, std::size_t end, std::uint32_t begin, bool separator,
                              std::uint32_t previous_end, bool short_gap) {
  stream.reserve_more(end - at + 1);
  FoldedSymbol *const symbols = stream.symbols.next_reserved();
  Run *const runs = stream.runs.next_reserved();
  const auto symbols_begin = static_cast<std::uint32_t>(stream.symbols.size());
  std::size_t symbol_count = 0;
  std::size_t run_count = 0;
  if (separator) {
    const SymbolFlags flags{short_gap ? SymbolFlags::short_gap_bit : std::uint8_t{0}};
    symbols[0] = FoldedSymbol{separator_mark, previous_end, begin, flags};
    runs[0] = Run{separator_mark, 1, symbols_begin};
    symbol_count = run_count = 1;
  }
  const std::size_t word_first = symbol_count;
  // Symbols may start a whole-word match up to the first letter, and end one from the last
  // (fold_group's rule for a word alone): the ends are set once the last letter is known.
  // Pointers and few locals: this loop runs for nearly every character of a post.
  const auto *const text_begin = reinterpret_cast<const unsigned char *>(utf8.data());
  const unsigned char *byte = text_begin + at;
  const unsigned char *const word_end = text_begin + end;
  FoldedSymbol *symbol = symbols + word_first;
  FoldedSymbol *last_letter_symbol = nullptr;
  Run *run = runs + run_count; // the next run
  std::uint8_t start_ok = SymbolFlags::start_ok_bit; // until the first letter, which has it too
  char32_t previous = separator_mark;
  std::uint32_t offset = begin;
  auto index = static_cast<std::uint32_t>(symbols_begin + word_first);
  for (; byte != word_end; ++byte, ++symbol, ++offset, ++index) {
    const AsciiFold &fold = folds[*byte];
    *symbol = FoldedSymbol{fold.symbol, offset, offset + 1, SymbolFlags{static_cast<std::uint8_t>(fold.flags | start_ok)}};
    if (fold.letter) {
      start_ok = 0;
      last_letter_symbol = symbol;
    }
    if (fold.symbol == previous) {
      ++run[-1].count;
      continue;
    }
    previous = fold.symbol;
    *run++ = Run{fold.symbol, 1, index};
  }
  symbol_count = static_cast<std::size_t>(symbol - symbols);
  run_count = static_cast<std::size_t>(run - runs);
  const std::size_t last_letter = last_letter_symbol == nullptr ? word_first : static_cast<std::size_t>(last_letter_symbol - symbols);
  for (std::size_t i = last_letter; i < symbol_count; ++i) symbols[i].flags.bits |= SymbolFlags::end_ok_bit;
  stream.symbols.commit(symbol_count);
  stream.runs.commit(run_count);
  return {symbols_begin + static_cast<std::uint32_t>(word_first), symbols_begin + static_cast<std::uint32_t>(symbol_count),
          static_cast<std::uint32_t>(run_count - word_first)};
}

// Before a plain word starting at `at`: a pending single letter may join it if it is one too (only
// two letters rule it out); false then. Else folds the pending group, as add_word() would for a
// word that joins no group.
bool fold_pending_before_plain_word(FoldedText &text, const std::array<AsciiFold, 256> &folds, std::string_view utf8,
                                    std::size_t at) {
  if (text.pending.empty()) return true;
  std::size_t letters = 0;
  for (std::size_t i = at; i < utf8.size() && letters < 2; ++i) {
    const AsciiFold &fold = folds[static_cast<unsigned char>(utf8[i])];
    if (!fold.plain) break;
    letters += fold.letter ? 1 : 0;
  }
  if (letters < 2) return false;
  fold_pending(text, text.pending.size());
  text.units.clear(); // every word read is folded: nothing refers to them any more
  return true;
}

// Folds the word of ASCII letters and symbols only that starts at `at`, longer than one letter,
// straight from its bytes: the common word. Returns where it ends, or nothing (and folds nothing
// of it) when the word is anything else: a single letter, or one with other characters, which
// are read unit by unit. The separator before it is added, and any pending group folded first,
// as add_word() would for a word that joins no group.
std::optional<std::size_t> fold_plain_word(FoldedText &text, const std::array<AsciiFold, 256> &folds, std::string_view utf8,
                                           std::size_t at, std::uint32_t begin, const Gap &gap) {
  if (!fold_pending_before_plain_word(text, folds, utf8, at)) return std::nullopt;
  std::size_t end = at;
  std::size_t letters = 0;
  for (; end < utf8.size(); ++end) {
    const AsciiFold &fold = folds[static_cast<unsigned char>(utf8[end])];
    if (!fold.plain) break;
    letters += fold.letter ? 1 : 0;
  }
  const bool single = letters == 1 || (letters == 0 && end - at == 1);
  if (single || (end < utf8.size() && (static_cast<unsigned char>(utf8[end]) >= 0x80 ||
                                        folds[static_cast<unsigned char>(utf8[end])].kind != UnitKind::separator))) {
    return std::nullopt; // nothing committed
  }
  text.group_symbols.append() =
      write_plain_word(text.stream, folds, utf8, at, end, begin, text.any_group, text.previous_end, gap.is_short());
  text.previous_end = begin + static_cast<std::uint32_t>(end - at);
  text.any_group = true;
  return end;
}

// Where the plain word of `group` ends: its bytes are all the plain bytes from its first.
std::size_t plain_word_end(const FoldedText &text, const GroupRef &group) {
  const auto &folds = ascii_folds();
  std::size_t end = group.first;
  while (end < text.utf8.size() && folds[static_cast<unsigned char>(text.utf8[end])].plain) ++end;
  return end;
}

// Where `group` ends, in UTF-16 units.
std::uint32_t end_utf16(const FoldedText &text, const GroupRef &group) {
  return group.plain ? group.begin16 + static_cast<std::uint32_t>(plain_word_end(text, group) - group.first) : group.end16;
}

// Writes the records of groups [first, last] (their separators included) into text.window and
// hands them to the sink: with `transposed`, the last group is also looked up for swaps.
void scan_window(FoldedText &text, std::size_t first, std::size_t last, bool transposed, bool scan) {
  FoldedStream &window = text.window;
  window.clear();
  text.window_groups.clear();
  const auto &folds = ascii_folds();
  GroupSymbols symbols;
  for (std::size_t g = first; g <= last; ++g) {
    const GroupRef &group = text.groups[g];
    if (group.plain) {
      // A separator comes before every group but the text's first, from where the group before ends.
      symbols = write_plain_word(window, folds, text.utf8, group.first, plain_word_end(text, group), group.begin16, g != 0,
                                 g != 0 ? end_utf16(text, text.groups[g - 1]) : 0, group.short_gap);
      continue;
    }
    const auto base = static_cast<std::uint32_t>(window.symbols.size());
    window.reserve_more(group.last - group.first);
    for (std::uint32_t i = group.first; i < group.last; ++i) window.symbols.append_reserved() = text.stream.symbols[i];
    for (std::uint32_t r = group.runs_begin; r < group.runs_end; ++r) {
      Run run = text.stream.runs[r];
      run.first = run.first - group.first + base;
      window.runs.append_reserved() = run;
    }
    const std::uint32_t separator_runs = group.word_symbols != group.first ? 1 : 0;
    symbols = {group.word_symbols - group.first + base, group.last - group.first + base,
               group.runs_end - group.runs_begin - separator_runs};
  }
  if (transposed) text.window_groups.append() = symbols;
  text.sink.found(text.sink.context, window, text.window_groups.view(), scan);
}

// The groups a key whose bits are `bits` (LazyScan::state_info, whole-word and substring merged)
// may cover, ending with group `last`: as many groups back as it has separators.
std::size_t window_first(const FoldedText &text, std::uint32_t bits, std::size_t last) {
  if (bits == 0) return last;
  const std::size_t depth = (bits & LazyScan::most_depth_bit) != 0 ? text.lazy->max_depth : static_cast<std::size_t>(std::bit_width(bits) - 1);
  return last - std::min(depth, last);
}

// scan_transposed()'s look-up of a word, for the plain word (or its part) of `length` bytes at
// `word` making `runs` runs, straight from its bytes: the word is a term swapped, or its runs are
// ("fcuk", "fcuuk").
void find_plain_swaps(const TransposedWords &transposed, const SwapShapes &shapes, const ByteClass *classes,
                      const unsigned char *word, std::size_t length, std::size_t runs, std::uint32_t begin16,
                      std::vector<TermMatch> &terms) {
  constexpr std::size_t most_symbols = 4 * TransposedWords::max_length; // as scan_transposed()
  const char32_t first = classes[word[0]].symbol;
  const char32_t last = classes[word[length - 1]].symbol;
  if (length < TransposedWords::min_length || length > most_symbols || !transposed.may_hold(first, last)) return;
  bool as_written = transposed.may_hold(first, last, length);
  bool as_runs = runs != length && runs >= TransposedWords::min_length && transposed.may_hold(first, last, runs); // find() skips fewer
  if (!as_written && !as_runs) return;
  // The symbols between the first and last, and between the first and last run.
  std::uint64_t inner = 0;
  for (std::size_t i = 1; i + 1 < length; ++i) inner |= SwapShapes::bit_of(classes[word[i]].symbol);
  as_written = as_written && shapes.contains(first, last, length, inner);
  if (as_runs) {
    std::size_t begin = 1;
    while (classes[word[begin]].symbol == first) ++begin;
    std::size_t end = length - 1;
    while (classes[word[end - 1]].symbol == last) --end;
    std::uint64_t inner_runs = 0;
    for (std::size_t i = begin; i < end; ++i) inner_runs |= SwapShapes::bit_of(classes[word[i]].symbol);
    as_runs = shapes.contains(first, last, runs, inner_runs);
  }
  if (!as_written && !as_runs) return;
  const auto report = [&](std::size_t index) {
    terms.push_back({index, begin16, begin16 + length});
  };
  static const auto ones = [] {
    std::array<std::uint32_t, most_symbols> all{};
    std::ranges::fill(all, 1);
    return all;
  }();
  std::array<char32_t, most_symbols> symbols; // NOLINT(cppcoreguidelines-pro-type-member-init): filled before use
  if (as_written) {
    for (std::size_t i = 0; i < length; ++i) symbols[i] = classes[word[i]].symbol;
    transposed.find(std::span<const char32_t>(symbols.data(), length), std::span<const std::uint32_t>(ones.data(), length), report);
  }
  if (!as_runs) return;
  std::array<std::uint32_t, most_symbols> counts; // NOLINT(cppcoreguidelines-pro-type-member-init): filled before use
  std::size_t run_count = 0;
  for (std::size_t i = 0; i < length; ++i) {
    const char32_t symbol = classes[word[i]].symbol;
    if (run_count > 0 && symbols[run_count - 1] == symbol) {
      ++counts[run_count - 1];
      continue;
    }
    symbols[run_count] = symbol;
    counts[run_count++] = 1;
  }
  transposed.find(std::span<const char32_t>(symbols.data(), run_count), std::span<const std::uint32_t>(counts.data(), run_count), report);
}

// find_plain_swaps()'s filters alone, for a word whose first and last bytes are letters: true when
// it may find something.
bool may_be_plain_swap(const SwapShapes &shapes, const ByteClass *classes, const unsigned char *word, std::size_t length,
                       std::size_t runs) {
  const std::uint8_t first = classes[word[0]].symbol;
  const std::uint8_t last = classes[word[length - 1]].symbol;
  const bool as_written = shapes.may_have(first, last, length);
  // No form is shorter than TransposedWords::min_length: may_have() is false for fewer runs, so
  // the loops below find the runs at the edges (a plain byte's symbol is a letter a to z).
  const bool as_runs = runs != length && shapes.may_have(first, last, runs);
  if (!as_written && !as_runs) return false;
  std::uint64_t inner = 0;
  for (std::size_t i = 1; i + 1 < length; ++i) inner |= SwapShapes::bit_of(classes[word[i]].symbol);
  if (as_written && shapes.contains(first, last, length, inner)) return true;
  if (!as_runs) return false;
  std::size_t begin = 1; // past the first run, and up to the last: the symbols between the runs at the edges
  while (classes[word[begin]].symbol == first) ++begin;
  std::size_t end = length - 1;
  while (classes[word[end - 1]].symbol == last) --end;
  std::uint64_t inner_runs = 0;
  for (std::size_t i = begin; i < end; ++i) inner_runs |= SwapShapes::bit_of(classes[word[i]].symbol);
  return shapes.contains(first, last, runs, inner_runs);
}

// The repeats of the last symbol of the plain word [begin, end).
std::size_t last_run_count(const ByteClass *classes, const unsigned char *begin, const unsigned char *end) {
  const std::uint8_t last = classes[end[-1]].symbol;
  const unsigned char *p = end - 1;
  while (p != begin && classes[p[-1]].symbol == last) --p;
  return static_cast<std::size_t>(end - p);
}

// True when the separators from `at` on are ASCII and followed by a plain word of two letters or
// more (fold_pending_before_plain_word()'s test): a single letter before them is then a word alone.
bool single_then_word(const ByteClass *classes, const unsigned char *at, const unsigned char *text_end) {
  while (at != text_end && classes[*at].separator()) ++at;
  std::size_t letters = 0;
  for (; at != text_end && letters < 2 && classes[*at].plain(); ++at) letters += classes[*at].letter() ? 1U : 0U;
  return letters == 2;
}

// A plain word read by read_plain_words(): its bytes, the automaton's state before and after it,
// its runs, and its first and last letter (a whole-word match may start up to the first letter's
// run and end from the last letter's run on).
struct PlainWord {
  const unsigned char *begin = nullptr;
  const unsigned char *end = nullptr;
  AhoCorasick::State start_state = 0; // after the separator before it
  AhoCorasick::State end_state = 0;
  std::size_t runs = 0;
  const unsigned char *first_letter = nullptr; // both null when it has no letter
  const unsigned char *last_letter = nullptr;
  std::size_t first_letter_run = 0;    // the run of the first letter (the last run when none)
  std::size_t runs_to_last_letter = 0; // runs up to the last letter's, included
  std::uint32_t begin16 = 0;
  std::size_t group = 0;
};

// Finds the first and last letter of `word` when they are not its first and last bytes. False
// when the word is a single letter, which may join others.
[[gnu::noinline]] bool find_letters(const ByteClass *classes, PlainWord &word) {
  const unsigned char *last_letter = word.end - 1;
  std::size_t runs_after = 0;
  unsigned symbol = 256;
  for (; last_letter != word.begin && !classes[*last_letter].letter(); --last_letter) {
    if (classes[*last_letter].symbol != symbol) symbol = classes[*last_letter].symbol, ++runs_after;
  }
  if (!classes[*last_letter].letter()) {
    word.first_letter = word.last_letter = nullptr;
    word.first_letter_run = word.runs - 1;
    word.runs_to_last_letter = word.runs;
    return word.end - word.begin != 1;
  }
  word.last_letter = last_letter;
  word.runs_to_last_letter = word.runs - runs_after + (classes[*last_letter].symbol == symbol ? 1 : 0);
  symbol = 256;
  std::size_t before = 0;
  const unsigned char *first_letter = word.begin;
  for (; !classes[*first_letter].letter(); ++first_letter) {
    if (classes[*first_letter].symbol != symbol) symbol = classes[*first_letter].symbol, ++before;
  }
  word.first_letter = first_letter;
  word.first_letter_run = classes[*first_letter].symbol != symbol ? before : before - 1;
  return first_letter != last_letter;
}

// What may match in a plain word whose last state ends a key or that a swap filter lets
// through: the keys checked as find() would (in a window of records), swaps looked up.
[[gnu::noinline]] void check_plain_word(FoldedText &text, const PlainWord &word) {
  const LazyScan &lazy = *text.lazy;
  const ByteClass *const classes = lazy.classes;
  const std::uint32_t *const state_info = lazy.state_info.data();
  // The state after each run, for the rare checks that need more than the last: the word read again.
  std::array<AhoCorasick::State, 64> few_states; // NOLINT(cppcoreguidelines-pro-type-member-init): filled before use
  AhoCorasick::State *const states = word.runs <= few_states.size() ? few_states.data() : text.run_states.next_reserved();
  bool states_read = false;
  const auto read_states = [&] {
    if (states_read) return;
    states_read = true;
    AhoCorasick::State again = word.start_state;
    unsigned symbol = 256;
    std::size_t run = 0;
    for (const unsigned char *p = word.begin; p != word.end; ++p) {
      const ByteClass &c = classes[*p];
      if (c.symbol == symbol) continue;
      symbol = c.symbol;
      again = lazy.table[static_cast<std::size_t>(again) * lazy.alphabet + lazy.letter_ids[symbol]];
      states[run++] = again;
    }
  };
  // A whole-word key without separators ending at run r starts at run r + 1 - its length.
  std::uint32_t bits = 0;
  if (word.last_letter == word.end - 1) { // nearly always: one run from the last letter's, the word's last
    const std::uint32_t info = state_info[word.end_state];
    if (LazyScan::may_end_word(info, word.first_letter_run, word.runs, last_run_count(classes, word.begin, word.end))) bits |= 1U;
    bits |= info & (LazyScan::whole_mask & ~1U);
  } else {
    read_states();
    for (std::size_t r = word.last_letter != nullptr ? word.runs_to_last_letter - 1 : 0; r < word.runs; ++r) {
      const std::uint32_t info = state_info[states[r]];
      const std::uint32_t longest = (info >> LazyScan::longest_shift) & LazyScan::longest_unbounded;
      if ((info & 1U) != 0 && (longest == LazyScan::longest_unbounded || longest + word.first_letter_run >= r + 1)) bits |= 1U;
      bits |= info & (LazyScan::whole_mask & ~1U);
    }
  }
  if (lazy.any_substring) {
    read_states();
    for (std::size_t r = 0; r < word.runs; ++r) bits |= (state_info[states[r]] >> LazyScan::substring_shift) & LazyScan::whole_mask;
  }
  // Swaps: the filters on the first and last symbol and the length first, as scan_transposed().
  const auto length = static_cast<std::size_t>(word.end - word.begin);
  if (lazy.transposed != nullptr && length >= TransposedWords::min_length) {
    const std::uint8_t first = classes[*word.begin].symbol;
    const std::uint8_t last = classes[word.end[-1]].symbol;
    if (lazy.swap_shapes->may_have(first, last, length) || (word.runs != length && lazy.swap_shapes->may_have(first, last, word.runs))) {
      find_plain_swaps(*lazy.transposed, *lazy.swap_shapes, classes, word.begin, length, word.runs, word.begin16, *text.sink.terms);
    }
    // Without the symbols at its edges, as scan_transposed() reads it ("fcuk!" as "fcuk").
    if (word.last_letter != nullptr && (word.first_letter != word.begin || word.last_letter != word.end - 1)) {
      find_plain_swaps(*lazy.transposed, *lazy.swap_shapes, classes, word.first_letter,
                       static_cast<std::size_t>(word.last_letter - word.first_letter) + 1,
                       word.runs_to_last_letter - word.first_letter_run,
                       word.begin16 + static_cast<std::uint32_t>(word.first_letter - word.begin), *text.sink.terms);
    }
  }
  if (bits != 0) scan_window(text, window_first(text, bits, word.group), word.group, false, true);
}

// find()'s reading of plain words (see fold_plain_word) and of the ASCII separators between them,
// from `at` on for as long as they come: the automaton is stepped on their bytes, and a word's
// records are written (into a window) only when a key it reaches may pass verify(). A whole-word
// key can only pass when it ends at the word's last letter or after, and starts at its first or
// before (or in an earlier group). Returns false, having read nothing, when the word at `at` is
// not plain; else moves `at`, `offset16` and `gap` past what it read.
[[gnu::noinline]] bool read_plain_words(FoldedText &text, std::string_view utf8, std::size_t &at, std::uint32_t &offset16,
                                        Gap &gap) {
  if (!text.pending.empty() && !fold_pending_before_plain_word(text, ascii_folds(), utf8, at)) return false;
  const LazyScan &lazy = *text.lazy;
  const AhoCorasick::State *const table = lazy.table;
  const std::size_t alphabet = lazy.alphabet;
  const ByteClass *const classes = lazy.classes;
  const AhoCorasick::Symbol *const letter_ids = lazy.letter_ids.data();
  const std::uint32_t *const state_info = lazy.state_info.data();
  // Words are looked further at only when their last state ends a key, or a swap filter on their
  // first and last symbol lets them through, or a state inside them ends a substring key.
  const bool substrings = lazy.any_substring;
  const bool swaps = lazy.transposed != nullptr;
  // The text's copy ends in NULs, separators: the loops over a word's bytes and the separator
  // after it need no bound check. Only ASCII is read here: a byte is a UTF-16 unit.
  const auto *const data = reinterpret_cast<const unsigned char *>(text.padded.data());
  const unsigned char *const text_end = data + utf8.size();
  // A byte's UTF-16 offset is its index plus this (modulo 2^32).
  const std::uint32_t to_utf16 = offset16 - static_cast<std::uint32_t>(at);
  // Groups are written through a local pointer (their room was reserved by fold_text) and
  // committed at the end; scan_window() reads them by index meanwhile. Few locals live across
  // words: this loop runs for nearly every word of a post.
  GroupRef *const groups = text.groups.next_reserved();
  GroupRef *out = groups;
  const unsigned char *p = data + at; // the word being read
  AhoCorasick::State state = text.state;
  const AhoCorasick::State *const after_separator = lazy.after_separator.data();
  AhoCorasick::State word_state = text.any_group ? after_separator[state] : state;
  bool short_gap = gap.is_short(); // of the separators before the word being read
  // Appends the group of the plain word starting at `word_begin`.
  const auto add_group = [&](const unsigned char *word_begin) {
    const auto first = static_cast<std::uint32_t>(word_begin - data);
    out->first = first;
    out->begin16 = first + to_utf16;
    out->plain = true;
    out->short_gap = short_gap;
    ++out;
  };
  for (;;) {
    const unsigned char *const word_begin = p;
    const unsigned char *byte = word_begin;
    const AhoCorasick::State start_state = word_state;
    // A word of letters this post has read before, from the same state and with nothing to look
    // at then, goes to the same state with nothing to look at now.
    PlainWordCache::Key key;
    if (text.use_word_cache) {
      key = PlainWordCache::key_of(word_begin, start_state);
      if (key.letters != 0 && !classes[word_begin[key.letters]].separator()) key.letters = 0; // more follows ("abc1")
    }
    if (const auto known = key.letters != 0 ? text.word_cache.find(key) : std::nullopt) {
      byte = word_begin + key.letters;
      state = word_state = *known;
      add_group(word_begin);
    } else {
      std::size_t runs = 0;
      unsigned previous = 256; // no symbol
      std::uint32_t infos = 0; // of the states inside the word: off the chain of table reads
      for (;; ++byte) {
        const ByteClass &c = classes[*byte];
        if (!c.plain()) break;
        if (c.symbol != previous) {
          previous = c.symbol;
          word_state = table[static_cast<std::size_t>(word_state) * alphabet + letter_ids[c.symbol]];
          infos |= state_info[word_state];
          ++runs;
        }
      }
      if (!classes[*byte].separator()) break; // not a plain word (the NUL after the text is a separator)
      const auto length = static_cast<std::size_t>(byte - word_begin);
      const bool letter_edges = classes[*word_begin].letter() && classes[byte[-1]].letter(); // nearly always
      const unsigned char *first_letter = word_begin;
      const unsigned char *last_letter = byte - 1;
      std::size_t first_letter_run = 0;
      std::size_t runs_to_last_letter = runs;
      if (length == 1) {
        // A single letter (or symbol) may join single letters around it ("f u c k"); it is a word
        // alone when a plain word of two letters or more comes next (add_word() would fold it then).
        if (!single_then_word(classes, byte, text_end)) break;
        if (!letter_edges) first_letter = last_letter = nullptr;
      } else if (!letter_edges) {
        PlainWord letters{word_begin, byte, start_state, word_state, runs};
        if (!find_letters(classes, letters)) break; // a single letter: it may join others
        first_letter = letters.first_letter;
        last_letter = letters.last_letter;
        first_letter_run = letters.first_letter_run;
        runs_to_last_letter = letters.runs_to_last_letter;
      }

      state = word_state;
      add_group(word_begin);
      // A key without separators ending at its last letter must reach back to its first letter.
      const std::uint32_t info = state_info[word_state];
      // Its last run is counted only when a whole-word key without separators ends here.
      bool check = !letter_edges || (substrings && (infos & LazyScan::substring_mask) != 0) || (info & (LazyScan::whole_mask & ~1U)) != 0 ||
                   ((info & 1U) != 0 && LazyScan::may_end_word(info, 0, runs, last_run_count(classes, word_begin, byte)));
      // The swap filters are a coin toss from word to word: one branch on all of them, which is
      // nearly always false, instead of one for each.
      if (!check && swaps &&
          lazy.swap_shapes->may_have_letters(classes[*word_begin].symbol, classes[byte[-1]].symbol, length, runs)) {
        check = may_be_plain_swap(*lazy.swap_shapes, classes, word_begin, length, runs);
      }
      if (check) {
        check_plain_word(text, PlainWord{word_begin, byte, start_state, word_state, runs, first_letter, last_letter,
                                         first_letter_run, runs_to_last_letter, out[-1].begin16,
                                         static_cast<std::size_t>(out - 1 - text.groups.data())});
      } else if (key.letters != 0) {
        text.word_cache.remember(key, word_state);
      }
    }

    // The separators after it: whether they are short is all the next plain word needs of them.
    p = byte;
    word_state = after_separator[state]; // for the next word
    // Nearly always one space, or one separator that is no line break, then the next plain word.
    if (classes[p[0]].bits == ByteClass::separator_bit && classes[p[1]].plain()) { // two NULs after the text
      ++p;
      short_gap = true;
      continue;
    }
    const unsigned char *const separators = p;
    std::uint8_t seen = 0;
    for (; p != text_end; ++p) {
      const std::uint8_t byte_bits = classes[*p].bits;
      if ((byte_bits & ByteClass::separator_bit) == 0) break;
      seen |= byte_bits;
    }
    short_gap = (seen & ByteClass::line_break_bit) == 0 && static_cast<std::size_t>(p - separators) <= max_join_gap;
    if (p == text_end || !classes[*p].plain()) break;
  }
  const auto group_count = static_cast<std::size_t>(out - groups);
  if (group_count == 0) return false;
  text.groups.commit(group_count);
  // The gap before `p`, after the last word read (whose last byte is plain), for what reads on.
  const unsigned char *last_end = p;
  while (classes[last_end[-1]].separator()) --last_end;
  gap.clear();
  for (const unsigned char *q = last_end; q != p; ++q) gap.add_separator(*q, (classes[*q].bits & ByteClass::line_break_bit) != 0);
  at = static_cast<std::size_t>(p - data);
  offset16 = static_cast<std::uint32_t>(at) + to_utf16;
  text.state = state;
  text.any_group = true;
  text.previous_end = out[-1].begin16 + static_cast<std::uint32_t>(last_end - (data + out[-1].first));
  return true;
}

// find()'s reading of a group that is not a plain word, just folded into text.stream (symbols
// from `symbols_begin`, its own from `word_symbols`; runs from `runs_begin`): the automaton is
// stepped on its runs, and a window written when a key may end in it or it may be a swap.
void read_folded_group(FoldedText &text, std::size_t symbols_begin, std::size_t word_symbols, std::size_t runs_begin) {
  const LazyScan &lazy = *text.lazy;
  const std::size_t g = text.groups.size();
  GroupRef &group = text.groups.append();
  group.first = static_cast<std::uint32_t>(symbols_begin);
  group.last = static_cast<std::uint32_t>(text.stream.symbols.size());
  group.runs_begin = static_cast<std::uint32_t>(runs_begin);
  group.runs_end = static_cast<std::uint32_t>(text.stream.runs.size());
  group.word_symbols = static_cast<std::uint32_t>(word_symbols);
  group.end16 = text.previous_end; // fold_pending() set it to where the group ends
  group.plain = false;
  AhoCorasick::State state = text.state;
  std::uint32_t bits = 0;
  for (std::size_t r = runs_begin; r < text.stream.runs.size(); ++r) {
    state = lazy.table[static_cast<std::size_t>(state) * lazy.alphabet + lazy.stepper->id(text.stream.runs[r].symbol)];
    bits |= lazy.state_info[state];
  }
  text.state = state;
  bits = (bits | (bits >> LazyScan::substring_shift)) & LazyScan::whole_mask;
  const bool transposed = lazy.transposed != nullptr && text.stream.symbols.size() - word_symbols >= TransposedWords::min_length;
  if (bits != 0) {
    scan_window(text, window_first(text, bits, g), g, transposed, true);
  } else if (transposed) { // its records are in text.stream already
    const GroupSymbols symbols{static_cast<std::uint32_t>(word_symbols), group.last,
                               group.runs_end - group.runs_begin - (word_symbols != symbols_begin ? 1U : 0U)};
    text.sink.found(text.sink.context, text.stream, std::span<const GroupSymbols>(&symbols, 1), false);
  }
}

// Decodes the code point at `at` into `unit` (its UTF-16 span starting at `offset16`) and returns
// the bytes it takes.
std::size_t decode_unit(std::string_view utf8, std::size_t at, std::uint32_t offset16, bool reading_term, bool stars_separate,
                        Unit &unit) {
  const auto byte = static_cast<unsigned char>(utf8[at]);
  FoldedCodePoint folded;
  std::size_t length = 1;
  if (byte < 0x80) {
    static const std::array<FoldedCodePoint, 128> ascii = [] {
      std::array<FoldedCodePoint, 128> table{};
      for (char32_t c = 0; c < 128; ++c) table[c] = fold_code_point(c);
      return table;
    }();
    folded = ascii[byte];
    unit.end = offset16 + 1;
    unit.code_point = byte;
    unit.line_break = byte == '\n' || byte == '\r';
  } else {
    const auto c = decode_one(utf8, at, length);
    unit.end = offset16 + (c && *c >= 0x10000 ? 2U : 1U);
    unit.code_point = c.value_or(0);
    unit.line_break = c && (*c == 0x2028 || *c == 0x2029 || *c == 0x85);
    if (c) folded = fold_code_point(*c);
  }
  unit.begin = offset16;
  unit.kind = folded.kind;
  unit.symbols = folded.symbols.data();
  unit.symbol_count = static_cast<std::uint8_t>(std::min<std::size_t>(folded.symbols.size(), 255));
  // In a term regional indicators are a flag: a ban on "🇺🇸" is no ban on "us". Posts spell words
  // with them ("🇩🇷🇮🇻🇪"), so there they are letters.
  if ((folded.kind == UnitKind::wildcard && stars_separate) || (is_regional_indicator(unit.code_point) && reading_term)) {
    unit.kind = UnitKind::separator;
    unit.symbol_count = 0;
  }
  unit.digit = folded.digit;
  return length;
}

// Folds `utf8` into `text` in one pass over its bytes: words are split, grouped and folded as
// they are read. Plain ASCII words (the common case) are folded straight from their bytes; other
// words are decoded into units first. `stars_are_separators` reads "*" as punctuation (in terms,
// where it is not a wildcard).
void fold_text(std::string_view utf8, bool stars_are_separators, FoldedText &text, const LazyScan *lazy = nullptr,
               WindowSink sink = {}) {
  text.lazy = lazy;
  text.sink = sink;
  text.utf8 = utf8;
  text.upside_down_letter = false;
  text.pictograph_after_letter = false;
  text.state = AhoCorasick::root;
  text.groups.clear();
  if (lazy != nullptr) {
    text.run_states.clear();
    text.run_states.reserve_more(utf8.size());
    text.groups.reserve_more(utf8.size() / 2 + 1); // a group and a separator take two bytes or more
    text.padded.assign(utf8);
    text.padded.append(PlainWordCache::bytes_read, '\0');
    text.use_word_cache = utf8.size() >= min_bytes_for_word_cache;
    if (text.use_word_cache) text.word_cache.start_post();
  }
  text.group_symbols.clear();
  text.stream.clear();
  text.starred_units.clear();
  text.starred_words.clear();
  text.masked_words.clear();
  text.units.clear();
  text.units.reserve_more(utf8.size()); // at most one unit a byte
  text.pending.clear();
  text.pending_gaps.clear();
  text.any_group = false;
  text.previous_end = 0;
  const auto &folds = ascii_folds();
  Gap gap; // since the last word
  std::uint32_t offset16 = 0;
  std::size_t at = 0;
  std::size_t stars_separate_until = 0; // the end of a post's word read again with its stars as punctuation
  while (at < utf8.size()) {
    const auto byte = static_cast<unsigned char>(utf8[at]);
    const AsciiFold &fold = folds[byte];
    const bool stars_separate = stars_are_separators || at < stars_separate_until;
    if (fold.separator || (byte == '*' && stars_separate)) {
      gap.add_separator(byte, fold.line_break);
      ++at, ++offset16;
      continue;
    }
    if (fold.plain) {
      if (lazy != nullptr) {
        if (read_plain_words(text, utf8, at, offset16, gap)) continue;
      } else if (const auto end = fold_plain_word(text, folds, utf8, at, offset16, gap)) {
        gap.clear();
        offset16 += static_cast<std::uint32_t>(*end - at);
        at = *end;
        continue;
      }
    }
    // Any other word: decoded unit by unit up to the separator after it.
    const std::size_t word_begin = text.units.size();
    const std::size_t word_at = at;
    const std::uint32_t word_offset16 = offset16;
    bool separator_read = false;
    while (at < utf8.size()) {
      Unit &unit = text.units.append_reserved();
      at += decode_unit(utf8, at, offset16, stars_are_separators, stars_separate, unit);
      offset16 = unit.end;
      // Noted here, where every character outside ASCII is decoded anyway, so that a post is
      // read again (TermMatcher::find) only when it may hold an upside-down word or an emoji
      // for a letter.
      if (unit.code_point >= 0x1DD && is_upside_down_only(unit.code_point)) text.upside_down_letter = true;
      if (unit.kind == UnitKind::separator) {
        if (text.units.size() >= word_begin + 2 && may_be_pictograph(unit.code_point)) {
          // Through what is read through: "cr\u200B🍑p", "ś🍑t".
          std::size_t before = text.units.size() - 2;
          while (before > word_begin && text.units[before].kind == UnitKind::ignorable) --before;
          if (has_symbols(text.units[before].kind) || text.units[before].kind == UnitKind::wildcard) text.pictograph_after_letter = true;
        }
        separator_read = true;
        break;
      }
    }
    if (too_many_stars(text.units, word_begin)) {
      // More stars than wildcards may be ("d*r*i*v*e"): they are punctuation, as in terms, and
      // the word is read again as the words they separate. The stars may also hide the
      // letters of a word ("b***h"): compared with the terms after the reading.
      note_masked_word(text, word_begin);
      note_word_with_masked_end(text, word_begin);
      text.units.truncate(word_begin);
      stars_separate_until = at;
      at = word_at;
      offset16 = word_offset16;
      continue;
    }
    Unit separator;
    if (separator_read) {
      separator = text.units.back();
      text.units.truncate(text.units.size() - 1);
    }
    if (text.units.size() > word_begin) {
      note_word_with_masked_end(text, word_begin);
      finish_word(text, word_begin, gap);
    }
    if (separator_read) gap.add(separator);
  }
  fold_pending(text, text.pending.size());
}
} // namespace

namespace detail {

// What one key of the automaton stands for: a term or an allow-list entry, with the repeat
// counts its runs need ("ass" needs two "s", "fuuuck" reads as "fuck").
// How a key was derived from its term (see docs/matching.md, "Disguises of spelling").
enum class Variant : std::uint8_t {
  as_written, // the term itself, or a sound-alike spelling of it ("phuck", "fuk")
  split,      // the term cut in two where a part is no word ("fu ck"): only across a short gap
  spaced,     // a phrase without its spaces: only inside single letters joined ("b l o w j o b")
  plural,     // the term's English plural ("scams"), its last letter written once: "assess" is no "asses"
};

struct Entry {
  std::vector<std::uint32_t> counts;
  std::size_t index = 0; // into patterns, or into allow when `allow`
  bool allow = false;
  bool whole_word = true;
  bool needs_nondigit = true; // "455" is a number, not "ass"; a term of digits only matches digits
  Variant variant = Variant::as_written;
};

class CompiledTerms {
public:
  CompiledTerms(const std::vector<TermPattern> &patterns, const std::vector<std::string> &allow,
                std::vector<std::size_t> &unmatchable);
  // What the text holds that calls for a second reading (TermMatcher::find).
  struct Hints {
    bool upside_down_letter = false;      // a letter only upside-down writing uses
    bool pictograph_after_letter = false; // an emoji right after a letter
  };
  [[nodiscard]] std::vector<TermMatch> find(std::string_view utf8, Hints *hints = nullptr) const;
  // False when reading `part` as a word of its own can find no whole-word key: none ends with it
  // read from its first letter, no phrase goes on after it, and no phrase holds it as a word
  // ("how" in "knows how to drive"). True for anything but ASCII letters.
  [[nodiscard]] bool part_may_matter(std::string_view part) const;
  [[nodiscard]] bool may_hold_term(std::string_view letters) const;
  [[nodiscard]] const StarredPhraseWords &starred_phrase_words() const { return starred_phrase_words_; }
  // The automaton's state after `letters` read from the root as one word (with `stop_at_key`, at
  // the first state where a key ends), or nothing when they hold a byte that is no ASCII letter.
  [[nodiscard]] std::optional<AhoCorasick::State> walk_letters(std::string_view letters, bool stop_at_key) const;

private:
  [[nodiscard]] AhoCorasick::Symbol symbol_id(char32_t symbol) const;
  AhoCorasick::Symbol intern(char32_t symbol);
  void scan(std::span<const FoldedSymbol> symbols, std::span<const Run> runs, std::vector<TermMatch> &terms,
            std::vector<TermMatch> &allowed) const;
  void report_keys(AhoCorasick::State state, std::size_t run, std::span<const FoldedSymbol> symbols,
                   std::span<const Run> runs, std::vector<TermMatch> &terms, std::vector<TermMatch> &allowed) const;
  static std::optional<TermMatch> verify(const Entry &entry, std::span<const FoldedSymbol> symbols,
                                         std::span<const Run> runs, std::size_t first, std::size_t last);
  // Matches found in a starred word, relative to its start; true for allow-list entries.
  using StarredWordMatches = std::vector<std::pair<TermMatch, bool>>;
  using StarredWords = std::unordered_map<std::u32string, StarredWordMatches>; // by the word as written
  void scan_starred_word(const FoldedText &text, const Word &word, StarredWords &seen, std::vector<TermMatch> &terms,
                         std::vector<TermMatch> &allowed) const;
  void add_variants(std::u32string_view symbols, std::string_view written, std::size_t index, bool needs_nondigit,
                    bool substring, std::vector<std::vector<AhoCorasick::Symbol>> &keys);
  void add_variant_key(std::u32string_view symbols, std::size_t index, bool needs_nondigit, Variant variant,
                       std::vector<std::vector<AhoCorasick::Symbol>> &keys);
  void scan_transposed(std::span<const FoldedSymbol> symbols, std::span<const GroupSymbols> groups,
                       std::vector<TermMatch> &terms) const;
  void build_lazy_scan(const std::vector<std::vector<AhoCorasick::Symbol>> &keys);
  void note_phrase_words(std::span<const Run> runs);

  TransposedWords transposed_;
  MaskedWords masked_; // the terms' whole-word forms, for words with three stars or more ("b***h")
  StarredPhraseWords starred_phrase_words_; // the phrase terms' words, for a starred one ("how to dr*ve")
  std::unordered_set<std::u32string> phrase_words_; // each word of a phrase term or allowed phrase, its repeats as one

  std::array<AhoCorasick::Symbol, 128> ascii_ids_{};
  std::unordered_map<char32_t, AhoCorasick::Symbol> other_ids_;
  std::vector<char32_t> letters_; // every letter a key uses: what a "*" may stand for
  std::vector<Entry> entries_;
  std::optional<AhoCorasick> automaton_;
  std::optional<RunStepper> stepper_; // over automaton_
  std::optional<LazyScan> lazy_;      // when the automaton has its full table
  SwapShapes swap_shapes_;            // of transposed_'s forms, for lazy_
};

namespace {
constexpr AhoCorasick::Symbol unknown_id = RunStepper::unknown_id;
constexpr AhoCorasick::Symbol separator_id = RunStepper::separator_id;

// Sorts matches by where they are, each once: a match inside another of the same term is part of
// it ("s c a m" in "s c a m s"), not a second finding.
void sort_once(std::vector<TermMatch> &matches) {
  std::ranges::sort(matches, [](const TermMatch &a, const TermMatch &b) {
    return std::tie(a.pattern_index, a.begin, b.end) < std::tie(b.pattern_index, b.begin, a.end);
  });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const bool inside_previous = kept > 0 && matches[kept - 1].pattern_index == matches[i].pattern_index &&
                                 matches[i].end <= matches[kept - 1].end;
    if (!inside_previous) matches[kept++] = matches[i];
  }
  matches.resize(kept);
  std::ranges::sort(matches, [](const TermMatch &a, const TermMatch &b) {
    return std::tie(a.begin, a.end, a.pattern_index) < std::tie(b.begin, b.end, b.pattern_index);
  });
}

// True when `match` lies inside one of `allowed`.
bool inside_any(const TermMatch &match, std::span<const TermMatch> allowed) {
  return std::ranges::any_of(allowed, [&](const TermMatch &a) { return a.begin <= match.begin && match.end <= a.end; });
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// A part of a word that is no word of its own: two letters or more and no vowel ("ck", "wh",
// "rn"). A "y" after the first letter counts as a vowel: "by", "my", "shy", "gym" are words ("by
// now" is no cut of a term "bynow").
bool is_fragment(std::string_view letters) {
  return letters.size() >= 2 && std::ranges::none_of(letters, is_vowel) && letters.find('y', 1) == std::string_view::npos;
}

// The English plural of a term's letters: its last `letters_cut` letters give way to `ending`.
struct PluralEnding {
  std::size_t letters_cut = 0;
  std::u32string ending;
};

// How the plural of a term of three letters or more is written ("scams", "bitches", "pussies"):
// a whole-word term is that word in the plural too, or banning "scam" would let "scams" through.
// Shorter terms have none: a ban on "a" is no ban on "as".
std::optional<PluralEnding> english_plural(std::string_view letters) {
  if (letters.size() < 3) return std::nullopt;
  const char last = letters.back();
  const char before = letters[letters.size() - 2];
  if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (before == 'c' || before == 's'))) return PluralEnding{0, U"es"};
  if (last == 'y' && !is_vowel(before)) return PluralEnding{1, U"ies"};
  return PluralEnding{0, U"s"};
}

// Replaces every `from` in `text` by `to`; false when there was none.
bool replace_all(std::u32string &text, std::u32string_view from, std::u32string_view to) {
  bool replaced = false;
  for (std::size_t at = text.find(from); at != std::u32string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
    replaced = true;
  }
  return replaced;
}

// Sound-alike spellings of a word's symbols ("l" is already "i"): f and ph, ck as k or q, a hard
// c at the start as k, s at the end and ss as z and zz; u written as the Roman v ("fvck",
// "cvnt": a look-alike no confusable table has, as v is a letter of its own) and w as two v's
// ("vvhore"). Each rule alone, and each two together.
std::vector<std::u32string> sound_alikes(const std::u32string &word) {
  using Rule = bool (*)(std::u32string &);
  static constexpr std::array<Rule, 9> rules{
      [](std::u32string &w) { return replace_all(w, U"f", U"ph"); },
      [](std::u32string &w) { return replace_all(w, U"ph", U"f"); },
      [](std::u32string &w) { return replace_all(w, U"ck", U"k"); },
      [](std::u32string &w) { return replace_all(w, U"ck", U"q"); },
      [](std::u32string &w) {
        if (w.size() < 3 || w[0] != U'c' || std::u32string_view(U"aour").find(w[1]) == std::u32string_view::npos) return false;
        w[0] = U'k';
        return true;
      },
      [](std::u32string &w) { return replace_all(w, U"ss", U"zz"); },
      [](std::u32string &w) {
        if (w.size() < 3 || w.back() != U's' || w[w.size() - 2] == U's') return false;
        w.back() = U'z';
        return true;
      },
      [](std::u32string &w) { return replace_all(w, U"u", U"v"); },
      [](std::u32string &w) { return replace_all(w, U"w", U"vv"); },
  };
  std::vector<std::u32string> out;
  for (std::size_t a = 0; a < rules.size(); ++a) {
    std::u32string one = word;
    if (!rules[a](one)) continue;
    out.push_back(one);
    for (std::size_t b = a + 1; b < rules.size(); ++b) {
      std::u32string two = one;
      if (rules[b](two)) out.push_back(std::move(two));
    }
  }
  return out;
}
} // namespace

std::optional<AhoCorasick::State> CompiledTerms::walk_letters(std::string_view letters, bool stop_at_key) const {
  const auto &folds = ascii_folds();
  AhoCorasick::State state = AhoCorasick::root;
  char32_t previous = separator_mark;
  for (const char c : letters) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || !folds[byte].letter) return std::nullopt;
    const char32_t symbol = folds[byte].symbol;
    if (symbol == previous) continue; // the automaton reads runs of repeats as one
    previous = symbol;
    state = automaton_->step(state, symbol_id(symbol));
    if (stop_at_key && automaton_->ends_keys(state)) break;
  }
  return state;
}

bool CompiledTerms::part_may_matter(std::string_view part) const {
  const auto state = walk_letters(part, false);
  if (!state) return true; // disguises and other scripts: read it
  if (automaton_->ends_keys(*state) || automaton_->step(*state, separator_id) != AhoCorasick::root) return true;
  if (phrase_words_.empty()) return false;
  const auto &folds = ascii_folds();
  std::u32string word;
  for (const char c : part) {
    const char32_t symbol = folds[static_cast<unsigned char>(c)].symbol;
    if (word.empty() || word.back() != symbol) word.push_back(symbol);
  }
  return phrase_words_.contains(word);
}

// True when a key of the lexicon ends in `letters` (ASCII letters) read as one word: a cheap
// test before a word is read again whole.
bool CompiledTerms::may_hold_term(std::string_view letters) const {
  const auto state = walk_letters(letters, true);
  return !state || automaton_->ends_keys(*state);
}

void CompiledTerms::note_phrase_words(std::span<const Run> runs) {
  std::u32string word;
  for (const Run &run : runs) {
    if (run.symbol != separator_mark) {
      word.push_back(run.symbol);
      continue;
    }
    if (!word.empty()) phrase_words_.insert(word);
    word.clear();
  }
  if (!word.empty()) phrase_words_.insert(word);
}

AhoCorasick::Symbol CompiledTerms::symbol_id(char32_t symbol) const {
  if (symbol < 128) return ascii_ids_[symbol];
  if (symbol == separator_mark) return separator_id;
  const auto found = other_ids_.find(symbol);
  return found == other_ids_.end() ? unknown_id : found->second;
}

// One of a phrase's other spellings: in chat spellings (`written`, added as a term is), or with
// a pair of its words run together (`symbols`, folded, added as a key).
struct OtherSpelling {
  bool chat = false;
  std::string written;
  std::u32string symbols;
  bool needs_nondigit = true;
};

// The phrase `written`'s other spellings, most likely first: chat spellings and pairs run
// together in turn, each kind fewest changes first.
std::vector<OtherSpelling> other_spellings(std::string_view written, FoldedText &folded) {
  std::vector<OtherSpelling> chat;
  for (std::string &spelling : chat_spellings(written)) chat.push_back({true, std::move(spelling), {}, true});
  std::vector<OtherSpelling> joined;
  fold_text(written, true, folded);
  std::u32string symbols;
  bool needs_nondigit = false;
  for (const FoldedSymbol &symbol : folded.stream.symbols.view()) symbols.push_back(symbol.symbol);
  for (const Run &run : folded.stream.runs.view()) needs_nondigit = needs_nondigit || run.any_nondigit(folded.stream.symbols);
  // Two words joined are the phrase run together, a key of its own (CompiledTerms::add_variants).
  if (std::ranges::count(symbols, separator_mark) >= 2) {
    for (std::size_t at = symbols.find(separator_mark); at != std::u32string::npos && joined.size() < max_other_spellings_a_phrase;
         at = symbols.find(separator_mark, at + 1)) {
      std::u32string one_pair_joined(symbols);
      one_pair_joined.erase(at, 1);
      joined.push_back({false, {}, std::move(one_pair_joined), needs_nondigit});
    }
  }
  std::vector<OtherSpelling> spellings;
  for (std::size_t i = 0; i < std::max(chat.size(), joined.size()) && spellings.size() < max_other_spellings_a_phrase; ++i) {
    if (i < chat.size()) spellings.push_back(std::move(chat[i]));
    if (i < joined.size() && spellings.size() < max_other_spellings_a_phrase) spellings.push_back(std::move(joined[i]));
  }
  return spellings;
}

AhoCorasick::Symbol CompiledTerms::intern(char32_t symbol) {
  if (const auto id = symbol_id(symbol); id != unknown_id) return id;
  const auto id = static_cast<AhoCorasick::Symbol>(letters_.size() + 2);
  letters_.push_back(symbol);
  if (symbol < 128) ascii_ids_[symbol] = id;
  else other_ids_.emplace(symbol, id);
  return id;
}

CompiledTerms::CompiledTerms(const std::vector<TermPattern> &patterns, const std::vector<std::string> &allow,
                             std::vector<std::size_t> &unmatchable) {
  std::vector<std::vector<AhoCorasick::Symbol>> keys;
  keys.reserve(patterns.size() + allow.size());
  entries_.reserve(patterns.size() + allow.size());
  FoldedText folded; // its buffers serve every term: allocating them per term was most of the build
  // `chat_spelling`: a phrase term's words in their chat spellings, whose short words ("u", "b")
  // would split many a camel-case word if they counted as words of a phrase.
  const auto add = [&](std::string_view text, std::size_t index, bool is_allow, bool whole_word, bool chat_spelling = false) {
    fold_text(text, true, folded);
    Entry entry{{}, index, is_allow, whole_word, false};
    std::vector<AhoCorasick::Symbol> key;
    for (const Run &run : folded.stream.runs.view()) {
      key.push_back(intern(run.symbol));
      entry.counts.push_back(run.count);
      entry.needs_nondigit = entry.needs_nondigit || run.any_nondigit(folded.stream.symbols);
    }
    if (key.empty()) {
      if (!is_allow) unmatchable.push_back(index);
    }
    const bool needs_nondigit = entry.needs_nondigit;
    const bool matchable = !key.empty();
    // An allowed phrase's words too: "#KumBaYah" must read as the allowed "kum ba yah".
    if (!chat_spelling && std::ranges::count(key, separator_id) > 0) note_phrase_words(folded.stream.runs.view());
    keys.push_back(std::move(key));
    entries_.push_back(std::move(entry));
    // A substring term's disguises are whole words too: "fuk" and "fcuk" stay disguises of a
    // `fuck` marked substring, which must find "fucked" without losing them.
    if (!is_allow && matchable) {
      std::u32string symbols;
      for (const FoldedSymbol &symbol : folded.stream.symbols.view()) symbols.push_back(symbol.symbol);
      add_variants(symbols, text, index, needs_nondigit, !whole_word, keys);
    }
  };
  std::vector<std::size_t> phrases; // matchable phrase terms
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    const std::size_t unmatchable_before = unmatchable.size();
    add(patterns[p].text, p, false, !patterns[p].substring);
    if (unmatchable.size() != unmatchable_before || patterns[p].text.find(' ') == std::string::npos) continue;
    phrases.push_back(p);
    starred_phrase_words_.add_phrase(patterns[p].text);
  }
  // Inside longer words too: "#ScunthorpeUnited" holds the allowed "Scunthorpe".
  for (std::size_t a = 0; a < allow.size(); ++a) add(allow[a], a, true, false);

  // A phrase's other spellings: its words in their chat spellings ("how 2 drive",
  // text/chat_spellings.hpp), and two of its words run together, the others spaced ("knows
  // howto drive": one pair at a time, which a typo makes as well). Each is a key as long as the
  // phrase, so a lexicon of thousands of phrases would take many times the memory: a phrase has
  // at most max_other_spellings_a_phrase, and all of them together at most as many symbols as
  // the other keys (or min_other_spelling_symbols), taken a round at a time: every phrase's
  // first, then every phrase's second, so that none goes without while others have many.
  // Made anew each round, not kept: a lexicon of many long phrases would hold many times its size.
  // A phrase longer than max_phrase_bytes_for_spellings has none.
  std::vector<std::uint8_t> spellings_of_phrase(phrases.size(), max_other_spellings_a_phrase);
  std::size_t symbols_left = 0;
  for (const auto &key : keys) symbols_left += key.size();
  symbols_left = std::max(min_other_spelling_symbols, symbols_left);
  for (std::size_t round = 0; round < max_other_spellings_a_phrase && symbols_left > 0; ++round) {
    for (std::size_t i = 0; i < phrases.size() && symbols_left > 0; ++i) {
      if (round >= spellings_of_phrase[i] || patterns[phrases[i]].text.size() > max_phrase_bytes_for_spellings) continue;
      const std::vector<OtherSpelling> others = other_spellings(patterns[phrases[i]].text, folded);
      spellings_of_phrase[i] = static_cast<std::uint8_t>(others.size());
      if (round >= others.size()) continue;
      const OtherSpelling &spelling = others[round];
      const std::size_t first_key = keys.size();
      if (spelling.chat) add(spelling.written, phrases[i], false, !patterns[phrases[i]].substring, true);
      else add_variant_key(spelling.symbols, phrases[i], spelling.needs_nondigit, Variant::as_written, keys);
      for (std::size_t k = first_key; k < keys.size(); ++k) symbols_left -= std::min(symbols_left, keys[k].size());
    }
  }
  automaton_.emplace(keys, static_cast<AhoCorasick::Symbol>(letters_.size() + 2));
  stepper_.emplace(*automaton_, ascii_ids_, other_ids_);

  transposed_.finish();
  masked_.finish();
  build_lazy_scan(keys);
}

// Fills lazy_ (see LazyScan): what each state's keys may need, and how each byte steps the
// automaton. Left empty (find() then folds every word) when the automaton has no full table.
void CompiledTerms::build_lazy_scan(const std::vector<std::vector<AhoCorasick::Symbol>> &keys) {
  if (automaton_->table() == nullptr) return;
  LazyScan lazy;
  lazy.table = automaton_->table();
  lazy.alphabet = automaton_->alphabet_size();
  lazy.stepper = &*stepper_;
  lazy.transposed = transposed_.empty() ? nullptr : &transposed_;
  swap_shapes_.finish();
  lazy.swap_shapes = &swap_shapes_;
  const auto &folds = ascii_folds();
  for (std::size_t b = 0; b < folds.size(); ++b) {
    if (!folds[b].plain) continue;
    // SwapShapes::may_have() and the symbol tests read a plain byte's symbol as a letter a to z.
    if (folds[b].symbol < U'a' || folds[b].symbol > U'z') return; // else: fold every word
    lazy.letter_ids[folds[b].symbol] = ascii_ids_[folds[b].symbol];
  }
  lazy.state_info.assign(automaton_->state_count(), 0);
  lazy.after_separator.resize(automaton_->state_count());
  for (std::size_t state = 0; state < automaton_->state_count(); ++state) {
    lazy.after_separator[state] = lazy.table[state * lazy.alphabet + separator_id];
  }
  for (std::size_t state = 0; state < automaton_->state_count(); ++state) {
    std::uint32_t info = 0;
    std::size_t longest = 0;
    std::size_t fewest = LazyScan::fewest_unbounded;
    bool any_unseparated = false;
    bool plurals_only = true;
    automaton_->for_each_key_ending_at(static_cast<AhoCorasick::State>(state), [&](std::uint32_t key) {
      const std::size_t depth = static_cast<std::size_t>(std::ranges::count(keys[key], separator_id));
      const std::size_t bit = std::min<std::size_t>(depth, 7);
      lazy.max_depth = std::max(lazy.max_depth, static_cast<std::uint32_t>(depth));
      if (!entries_[key].whole_word) {
        info |= std::uint32_t{1} << (LazyScan::substring_shift + bit);
        lazy.any_substring = true;
        return;
      }
      info |= std::uint32_t{1} << bit;
      if (depth == 0) {
        longest = std::min<std::size_t>(std::max(longest, keys[key].size()), LazyScan::longest_unbounded);
        fewest = std::min<std::size_t>(fewest, entries_[key].counts.back());
        any_unseparated = true;
        plurals_only = plurals_only && entries_[key].variant == Variant::plural && entries_[key].counts.back() == 1;
      }
    });
    if (any_unseparated && plurals_only) info |= LazyScan::plurals_only_bit;
    lazy.state_info[state] = info | static_cast<std::uint32_t>(longest << LazyScan::longest_shift) |
                             static_cast<std::uint32_t>(fewest << LazyScan::fewest_shift);
  }
  lazy_.emplace(std::move(lazy));
}

// Adds the key `symbols` (a term's symbols, separators as separator_mark) of a disguised spelling
// of term `index`, matching whole words; a repeated symbol is one run that needs that count.
void CompiledTerms::add_variant_key(std::u32string_view symbols, std::size_t index, bool needs_nondigit, Variant variant,
                                    std::vector<std::vector<AhoCorasick::Symbol>> &keys) {
  Entry entry{{}, index, false, true, needs_nondigit, variant};
  std::vector<AhoCorasick::Symbol> key;
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const char32_t symbol = symbols[i];
    if (!key.empty() && symbol != separator_mark && symbols[i - 1] == symbol) {
      ++entry.counts.back();
      continue;
    }
    key.push_back(intern(symbol));
    entry.counts.push_back(1);
  }
  keys.push_back(std::move(key));
  entries_.push_back(std::move(entry));
}

// Adds the keys of a term's disguised spellings, each matching whole words: sound-alikes, the
// term cut in two where one part is no word, its plural (not for a `substring` term, which finds
// it already), a phrase without its spaces; and registers it for transpositions and masks.
// `symbols` is the term folded (separators as separator_mark), `written` the term as listed.
void CompiledTerms::add_variants(std::u32string_view symbols, std::string_view written, std::size_t index,
                                 bool needs_nondigit, bool substring, std::vector<std::vector<AhoCorasick::Symbol>> &keys) {
  std::set<std::u32string> seen{std::u32string(symbols)};
  const auto add_key = [&](const std::u32string &variant_symbols, Variant variant) {
    if (seen.insert(variant_symbols).second) add_variant_key(variant_symbols, index, needs_nondigit, variant, keys);
  };
  const bool phrase = symbols.find(separator_mark) != std::u32string_view::npos;
  if (phrase) {
    std::u32string joined(symbols);
    const auto separators = std::erase(joined, separator_mark);
    // Three words or more run together are no innocent word ("#knowshowtodrive"); two may be
    // ("hardcore" fans are no "hard core"), so those only when spelled out letter by letter.
    add_key(joined, separators >= 2 ? Variant::as_written : Variant::spaced);
    return;
  }
  const std::u32string word(symbols);
  masked_.add(word, index);
  for (const auto &sound_alike : sound_alikes(word)) add_key(sound_alike, Variant::as_written);
  // Cut in two: only a term of plain letters, so that its letters are its symbols one for one.
  std::string letters;
  for (const char c : written) {
    if (c == ' ') continue;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      letters.clear();
      break;
    }
    letters.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  if (letters.size() == word.size()) {
    if (const auto plural = substring ? std::nullopt : english_plural(letters)) {
      const std::u32string plural_word = word.substr(0, word.size() - plural->letters_cut) + plural->ending;
      add_key(plural_word, Variant::plural);
      masked_.add(plural_word, index);
    }
    for (std::size_t cut = 2; cut + 2 <= word.size(); ++cut) {
      const std::string_view all(letters);
      if (!is_fragment(all.substr(0, cut)) && !is_fragment(all.substr(cut))) continue;
      add_key(word.substr(0, cut) + separator_mark + word.substr(cut), Variant::split);
    }
  }
  // An "i" written as "l" takes no part in a swap: the text's "i" would then read as "l" ("suit"
  // would be "slut").
  std::vector<bool> swappable(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    swappable[i] = word[i] != U'i' || (letters.size() == word.size() && letters[i] == 'i');
  }
  transposed_.add(word, swappable, index);
  swap_shapes_.add(word);
}

// Returns the span of a match of `entry` over `runs` [first, last], or nothing when the repeat
// counts or word boundaries rule it out. The span keeps only the repeats the term needs at its
// edges ("scam" in "scammer" is "scam"), except where the word itself ends ("fuckkk" is all).
std::optional<TermMatch> CompiledTerms::verify(const Entry &entry, std::span<const FoldedSymbol> symbols,
                                               std::span<const Run> runs, std::size_t first, std::size_t last) {
  bool nondigit = false;
  for (std::size_t j = 0; j < entry.counts.size(); ++j) {
    if (runs[first + j].count < entry.counts[j]) return std::nullopt;
    nondigit = nondigit || runs[first + j].any_nondigit(symbols);
  }
  if (entry.needs_nondigit && !nondigit) return std::nullopt;
  if (entry.variant == Variant::split) {
    for (std::size_t j = first; j <= last; ++j) {
      if (runs[j].symbol == separator_mark && !runs[j].head(symbols).flags.short_gap()) return std::nullopt;
    }
  } else if (entry.variant == Variant::plural) {
    if (runs[last].count != entry.counts.back()) return std::nullopt;
  } else if (entry.variant == Variant::spaced) {
    for (std::size_t j = first; j <= last; ++j) {
      if (!runs[j].all_spaced(symbols)) return std::nullopt;
    }
  }
  // The first symbol of the head run and the last of the tail run, and the symbols where the
  // repeats the term needs begin and end.
  const FoldedSymbol &head = runs[first].head(symbols);
  const FoldedSymbol &tail = runs[last].tail(symbols);
  const FoldedSymbol &tight_head = symbols[runs[first].first + runs[first].count - entry.counts.front()];
  const FoldedSymbol &tight_tail = symbols[runs[last].first + entry.counts.back() - 1];
  if (first == last) {
    if (!entry.whole_word) return TermMatch{entry.index, head.begin, tight_tail.end};
    if (head.flags.start_ok() && tail.flags.end_ok()) return TermMatch{entry.index, head.begin, tail.end};
    return std::nullopt;
  }
  if (!entry.whole_word) return TermMatch{entry.index, tight_head.begin, tight_tail.end};
  std::size_t begin = 0;
  std::size_t end = 0;
  if (tight_head.flags.start_ok()) begin = tight_head.begin;
  else if (head.flags.start_ok()) begin = head.begin;
  else return std::nullopt;
  if (tight_tail.flags.end_ok()) end = tight_tail.end;
  else if (tail.flags.end_ok()) end = tail.end;
  else return std::nullopt;
  return TermMatch{entry.index, begin, end};
}

// Reports the keys that end at `state` after reading `runs[i]` (the last of their runs) and pass
// verify().
void CompiledTerms::report_keys(AhoCorasick::State state, std::size_t i, std::span<const FoldedSymbol> symbols,
                                std::span<const Run> runs, std::vector<TermMatch> &terms, std::vector<TermMatch> &allowed) const {
  automaton_->for_each_key_ending_at(state, [&](std::uint32_t key) {
    const Entry &entry = entries_[key];
    if (auto match = verify(entry, symbols, runs, i + 1 - entry.counts.size(), i)) {
      (entry.allow ? allowed : terms).push_back(*match);
    }
  });
}

void CompiledTerms::scan(std::span<const FoldedSymbol> symbols, std::span<const Run> runs, std::vector<TermMatch> &terms,
                         std::vector<TermMatch> &allowed) const {
  AhoCorasick::State state = AhoCorasick::root;
  const AhoCorasick::State *const table = automaton_->table();
  if (table == nullptr) { // huge alphabets: failure links
    for (std::size_t i = 0; i < runs.size(); ++i) {
      state = stepper_->step(state, runs[i].symbol);
      if (stepper_->ends_keys(state)) report_keys(state, i, symbols, runs, terms, allowed);
    }
    return;
  }
  // The common case, in locals the reports' stores cannot change: one table read a run.
  const std::size_t alphabet = automaton_->alphabet_size();
  const AhoCorasick::Symbol *const ascii_ids = ascii_ids_.data();
  const Run *const run_data = runs.data();
  const std::size_t run_count = runs.size();
  for (std::size_t i = 0; i < run_count; ++i) {
    const char32_t symbol = run_data[i].symbol;
    const AhoCorasick::Symbol id = symbol < 128 ? ascii_ids[symbol] : stepper_->id(symbol);
    state = table[static_cast<std::size_t>(state) * alphabet + id];
    if (automaton_->ends_keys(state)) report_keys(state, i, symbols, runs, terms, allowed);
  }
}

// Tries every letter of the lexicon for each star of `word` ("f*ck", "sh**"). A variant is
// folded and checked only when the automaton reaches a key on it, which a walk over the word's
// symbols tells cheaply; the same word written again is answered from `seen`. So the cost per
// word stays bounded (at most max_star_variants walks of up to 40 symbols).
void CompiledTerms::scan_starred_word(const FoldedText &text, const Word &word, StarredWords &seen,
                                      std::vector<TermMatch> &terms, std::vector<TermMatch> &allowed) const {
  if (word.stars == 0 || word.stars > max_stars_per_word || word.last - word.first + 1 > max_units_in_starred_word) return;
  const std::uint32_t word_begin = text.starred_units[word.first].begin;
  std::u32string written;
  for (std::size_t u = word.first; u <= word.last; ++u) written.push_back(text.starred_units[u].code_point);
  const auto replay = [&](const StarredWordMatches &found) {
    for (const auto &[match, is_allow] : found) {
      (is_allow ? allowed : terms).push_back({match.pattern_index, match.begin + word_begin, match.end + word_begin});
    }
  };
  if (const auto known = seen.find(written); known != seen.end()) {
    replay(known->second);
    return;
  }

  std::vector<StarChoice> choices;
  for (std::size_t u = word.first; u <= word.last; ++u) {
    if (text.starred_units[u].kind == UnitKind::wildcard) choices.push_back({u, 0});
  }
  std::size_t variants = 1;
  for (std::size_t s = 0; s < choices.size(); ++s) variants *= letters_.size();
  if (variants == 0 || variants > max_star_variants) return;
  thread_local FoldedStream base; // stars as wildcard_mark, in order; kept between words, as their storage
  base.clear();
  fold_group(text.starred_units, std::span<const Word>(&word, 1), {}, base);

  thread_local FoldedStream variant;
  std::vector<TermMatch> word_terms;
  std::vector<TermMatch> word_allowed;
  std::vector<TermMatch> reading_terms;
  for (std::size_t v = 0; v < variants; ++v) {
    std::size_t rest = v;
    for (auto &choice : choices) {
      choice.letter = letters_[rest % letters_.size()];
      rest /= letters_.size();
    }
    bool reaches_key = false;
    AhoCorasick::State state = AhoCorasick::root;
    char32_t previous = separator_mark;
    std::size_t star = 0;
    for (const FoldedSymbol &folded : base.symbols.view()) {
      const char32_t symbol = folded.symbol == wildcard_mark ? choices[star++].letter : folded.symbol;
      if (symbol == previous) continue;
      previous = symbol;
      state = automaton_->step(state, symbol_id(symbol));
      if (automaton_->ends_keys(state)) {
        reaches_key = true;
        break;
      }
    }
    if (!reaches_key) continue;
    variant.clear();
    fold_group(text.starred_units, std::span<const Word>(&word, 1), choices, variant);
    // A reading's own allow-list matches rule out its terms only: "c**k" is "cock" though "cook"
    // is allowed. They also rule out what the text read as written holds ("Scunth*rpe").
    reading_terms.clear();
    const std::size_t allowed_before = word_allowed.size();
    scan(variant.symbols, variant.runs, reading_terms, word_allowed);
    const std::span<const TermMatch> reading_allowed(word_allowed.begin() + static_cast<std::ptrdiff_t>(allowed_before), word_allowed.end());
    for (const TermMatch &match : reading_terms) {
      if (!inside_any(match, reading_allowed)) word_terms.push_back(match);
    }
  }

  StarredWordMatches found;
  for (const auto &match : word_terms) found.push_back({{match.pattern_index, match.begin - word_begin, match.end - word_begin}, false});
  for (const auto &match : word_allowed) found.push_back({{match.pattern_index, match.begin - word_begin, match.end - word_begin}, true});
  replay(found);
  seen.emplace(std::move(written), std::move(found));
}

// Finds whole words that are a term with two adjacent inner symbols swapped ("fcuk", "bsatard"),
// also with letters repeated ("fcuuk") and without the symbols at the word's edges, which may be
// punctuation ("fcuk!", "@fcuk"): each read is looked up by its signature (TransposedWords).
void CompiledTerms::scan_transposed(std::span<const FoldedSymbol> symbols, std::span<const GroupSymbols> groups,
                                    std::vector<TermMatch> &terms) const {
  constexpr std::size_t most_symbols = 4 * TransposedWords::max_length; // repeats beyond are rare
  std::array<char32_t, most_symbols> word{};
  static const auto ones = [] {
    std::array<std::uint32_t, most_symbols> all{};
    std::ranges::fill(all, 1);
    return all;
  }();
  std::array<char32_t, most_symbols> runs{};
  std::array<std::uint32_t, most_symbols> counts{};
  // `known_runs`: how many runs the symbols make, or 0 to count them.
  const auto look_up = [&](std::size_t begin, std::size_t end, std::size_t known_runs) {
    const std::size_t length = end - begin;
    const char32_t first = symbols[begin].symbol;
    const char32_t last = symbols[end - 1].symbol;
    if (length < TransposedWords::min_length || length > most_symbols || !transposed_.may_hold(first, last)) return;
    const auto report = [&](std::size_t index) { terms.push_back({index, symbols[begin].begin, symbols[end - 1].end}); };
    if (transposed_.may_hold(first, last, length)) {
      for (std::size_t i = 0; i < length; ++i) word[i] = symbols[begin + i].symbol;
      transposed_.find(std::span<const char32_t>(word.data(), length), std::span<const std::uint32_t>(ones.data(), length), report);
    }
    std::size_t run_count = known_runs;
    if (run_count == 0) {
      run_count = 1;
      for (std::size_t i = begin + 1; i < end; ++i) run_count += symbols[i].symbol != symbols[i - 1].symbol ? 1U : 0U;
    }
    if (run_count == length || !transposed_.may_hold(first, last, run_count)) return;
    run_count = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const char32_t symbol = symbols[i].symbol;
      if (run_count > 0 && runs[run_count - 1] == symbol) {
        ++counts[run_count - 1];
        continue;
      }
      runs[run_count] = symbol;
      counts[run_count++] = 1;
    }
    transposed_.find(std::span<const char32_t>(runs.data(), run_count), std::span<const std::uint32_t>(counts.data(), run_count), report);
  };
  for (const auto &[begin, end, group_runs] : groups) {
    if (end - begin < TransposedWords::min_length) continue;
    // Most words are ruled out by their first and last symbol: checked here, before the call.
    if (transposed_.may_hold(symbols[begin].symbol, symbols[end - 1].symbol)) look_up(begin, end, group_runs);
    // Without the symbols at a word's edges, which a whole-word match may also leave out ("fcuk!"
    // read as "fcuk", "@fcuk" too): those before the last place a match may start, after the first
    // place it may end. Not in single letters joined, whose edge letters are words of their own.
    if (symbols[begin].flags.spaced()) continue;
    if (!symbols[begin + 1].flags.start_ok() && !symbols[end - 2].flags.end_ok()) continue; // no edge symbols to leave out
    std::size_t tight_begin = begin;
    while (tight_begin + 1 < end && symbols[tight_begin + 1].flags.start_ok()) ++tight_begin;
    std::size_t tight_end = end;
    while (tight_end - 1 > tight_begin && symbols[tight_end - 2].flags.end_ok()) --tight_end;
    if (tight_begin != begin || tight_end != end) look_up(tight_begin, tight_end, 0);
  }
}

std::vector<TermMatch> CompiledTerms::find(std::string_view utf8, Hints *hints) const {
  std::vector<TermMatch> terms;
  if (entries_.empty()) return terms;
  thread_local FoldedText text;
  std::vector<TermMatch> allowed;
  if (lazy_) {
    struct Found {
      const CompiledTerms *matcher;
      std::vector<TermMatch> *terms;
      std::vector<TermMatch> *allowed;
    } found{this, &terms, &allowed};
    const auto on_window = [](void *context, const FoldedStream &window, std::span<const GroupSymbols> transposed_groups, bool scan) {
      const auto &[matcher, found_terms, found_allowed] = *static_cast<Found *>(context);
      if (scan) matcher->scan(window.symbols, window.runs, *found_terms, *found_allowed);
      if (!transposed_groups.empty()) matcher->scan_transposed(window.symbols, transposed_groups, *found_terms);
    };
    fold_text(utf8, false, text, &*lazy_, WindowSink{&found, on_window, &terms});
  } else {
    fold_text(utf8, false, text);
    scan(text.stream.symbols, text.stream.runs, terms, allowed);
    if (!transposed_.empty()) scan_transposed(text.stream.symbols, text.group_symbols, terms);
  }
  if (hints != nullptr) *hints = {text.upside_down_letter, text.pictograph_after_letter};
  std::erase_if(terms, [&](const TermMatch &match) { return inside_any(match, allowed); });
  // Starred words last: their readings' terms were already checked against their own allow-list
  // matches, and those rule out what the text read as written holds.
  StarredWords seen;
  std::vector<TermMatch> starred;
  std::vector<TermMatch> starred_allowed;
  for (const Word &word : text.starred_words) scan_starred_word(text, word, seen, starred, starred_allowed);
  for (const MaskedWord &word : text.masked_words) {
    const auto report = [&](std::size_t index) { starred.push_back({index, word.begin16, word.end16}); };
    if (word.end_hidden) masked_.find_with_hidden_end(word.symbols, wildcard_mark, report);
    else masked_.find(word.symbols, wildcard_mark, report);
  }
  std::erase_if(terms, [&](const TermMatch &match) { return inside_any(match, starred_allowed); });
  terms.insert(terms.end(), starred.begin(), starred.end());
  sort_once(terms);
  return terms;
}

} // namespace detail

TermMatcher::TermMatcher(std::vector<TermPattern> patterns, std::vector<std::string> allow)
    : patterns_(std::move(patterns)), allow_(std::move(allow)),
      compiled_(std::make_unique<const detail::CompiledTerms>(patterns_, allow_, unmatchable_)) {}

TermMatcher::~TermMatcher() = default;
TermMatcher::TermMatcher(TermMatcher &&) noexcept = default;
TermMatcher &TermMatcher::operator=(TermMatcher &&) noexcept = default;

std::vector<TermMatch> TermMatcher::find(std::string_view utf8_text) const {
  detail::CompiledTerms::Hints hints;
  std::vector<TermMatch> matches = compiled_->find(utf8_text, &hints);
  const std::size_t first_reading = matches.size();
  if (hints.upside_down_letter) {
    if (const auto upside_down = UpsideDownWords::find(utf8_text)) {
      for (const TermMatch &match : compiled_->find(upside_down->turned())) {
        if (const auto span = upside_down->original_span(match.begin, match.end)) matches.push_back({match.pattern_index, span->first, span->second});
      }
    }
  }
  if (has_hidden_control(utf8_text)) {
    // The same offsets in both texts: matches away from the controls are found twice.
    std::ranges::copy(compiled_->find(with_hidden_controls_ignorable(utf8_text)), std::back_inserter(matches));
  }
  // Readings that read a changed text whole, every reading included: a text they changed holds
  // none of what they change, so one level is all they take (two at most, for safety).
  static thread_local int nested_readings = 0;
  const auto read_nested = [&](std::string_view changed) {
    if (nested_readings >= 2) return compiled_->find(changed);
    ++nested_readings;
    struct Leave { ~Leave() { --nested_readings; } } leave;
    return find(changed);
  };
  if (has_right_to_left_override(utf8_text)) {
    if (const auto overridden = OverriddenStretches::find(utf8_text)) {
      // Read whole, every other reading included ("\u202Ek🦆uf"): the shown text holds no
      // override, so this reads it once.
      for (const TermMatch &match : read_nested(overridden->shown())) {
        const auto [begin, end] = overridden->original_span(match.begin, match.end);
        matches.push_back({match.pattern_index, begin, end});
      }
    }
  }
  if (!compiled_->starred_phrase_words().empty() && utf8_text.find('*') != std::string_view::npos) {
    // Only what takes in a starred word: the rest of a window was read already.
    for (const auto &reading : compiled_->starred_phrase_words().readings(utf8_text)) {
      const auto takes_in_starred = [&](const TermMatch &match) {
        // The first starred word ending after the match's start.
        const auto word = std::ranges::upper_bound(reading.starred16, match.begin, {}, &std::pair<std::size_t, std::size_t>::second);
        return word != reading.starred16.end() && word->first < match.end;
      };
      for (const ReadingWindow &window : reading.windows) {
        for (const TermMatch &match : compiled_->find(window.text)) {
          const TermMatch original{match.pattern_index, window.original_offset(match.begin), window.original_offset(match.end)};
          if (takes_in_starred(original)) matches.push_back(original);
        }
      }
    }
  }
  if (may_hold_joined_wildcards(utf8_text)) {
    // "f.*.c.k" read as "f*ck".
    for (const ReadingWindow &window : joined_wildcards_read(utf8_text)) {
      for (const TermMatch &match : compiled_->find(window.text)) {
        matches.push_back({match.pattern_index, window.original_offset(match.begin), window.original_offset(match.end)});
      }
    }
  }
  if (hints.pictograph_after_letter) {
    // Every offset is the same in both texts: matches away from the emoji are found twice.
    if (const auto wildcards = emoji_as_wildcards(utf8_text)) std::ranges::copy(compiled_->find(*wildcards), std::back_inserter(matches));
  }
  // Second readings of the stretches of the post that may hold what the first reading takes for
  // word edges; most posts hold none, which one quick pass over the bytes tells.
  const auto read_again = [&](const std::vector<ReadingWindow> &windows) {
    for (const ReadingWindow &window : windows) {
      for (const TermMatch &match : compiled_->find(window.text)) {
        matches.push_back({match.pattern_index, window.original_offset(match.begin), window.original_offset(match.end)});
      }
    }
  };
  const SecondReadingHints more = second_reading_hints(utf8_text);
  if (more.lone_wildcard) read_again(spaced_wildcards_joined(utf8_text, more.first_lone_wildcard));
  if (more.word_inside) {
    // "#NewSeason" is read again only if "New" or "Season" could start a match as a word alone.
    const auto part_may_matter = [&](std::string_view part) { return compiled_->part_may_matter(part); };
    read_again(masks_and_capitals_read(utf8_text, part_may_matter, more.first_word_inside));
  }
  if (more.broken_word) {
    // The automaton's test first, then the word read alone: a key of one repeated letter ("xxx")
    // ends after any "x", its count unchecked.
    const auto may_be_term = [&](std::string_view letters) {
      if (!compiled_->may_hold_term(letters)) return false;
      return std::ranges::any_of(compiled_->find(letters), [&](const TermMatch &match) { return match.begin == 0 || match.end == letters.size(); });
    };
    const BrokenWords broken = broken_words_read(utf8_text, may_be_term, more.first_broken_word);
    for (const ReadingWindow &window : broken.windows) {
      for (const TermMatch &match : compiled_->find(window.text)) {
        const TermMatch original{match.pattern_index, window.original_offset(match.begin), window.original_offset(match.end)};
        if (broken.counts(original.begin, original.end)) matches.push_back(original);
      }
    }
  }
  if (matches.size() != first_reading) detail::sort_once(matches);
  return matches;
}

bool TermMatcher::can_match(std::string_view term) {
  thread_local FoldedText folded;
  fold_text(term, true, folded); // as CompiledTerms folds a key: a key without runs is unmatchable
  return !folded.stream.runs.empty();
}

} // namespace handleguard::text
