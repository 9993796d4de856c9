#include "text/normalize.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "text/confusables.hpp"

namespace handleguard::text {

namespace {
constexpr char32_t max_code_point = 0x10FFFF;
constexpr std::size_t block_size = 256;
constexpr std::size_t block_count = (max_code_point + 1) / block_size;

struct Block {
  std::array<UnitKind, block_size> kinds{};
  std::array<bool, block_size> digits{};
  std::array<std::uint32_t, block_size + 1> symbol_begin{}; // into symbols
  std::u32string symbols;
};

bool is_ascii_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

char32_t lower_ascii(char32_t c) { return c >= U'A' && c <= U'Z' ? c + (U'a' - U'A') : c; }

bool is_mark(char32_t c) {
  const auto category = u_charType(static_cast<UChar32>(c));
  return category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_COMBINING_SPACING_MARK;
}

std::u32string to_u32(const icu::UnicodeString &text) {
  std::u32string out;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

std::u32string nfkc_casefold(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2 *normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || normalizer == nullptr) return {c};
  const icu::UnicodeString folded = normalizer->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
  if (U_FAILURE(status)) return {c};
  return to_u32(folded);
}

// Folds `skeleton` (NFD, capitals as prototypes: "0" → "O") into ASCII letters where it can.
std::u32string fold_skeleton(const std::u32string &skeleton) {
  std::u32string mapped;
  for (const char32_t s : skeleton) {
    for (const char32_t f : s < 0x80 ? std::u32string{lower_ascii(s)} : nfkc_casefold(s)) {
      if (f < 0x80) {
        if (is_ascii_letter(f)) mapped.push_back(merge_look_alike_letter(f));
        else if (const auto letter = substituted_letter(f)) mapped.push_back(*letter);
      } else if (const auto latin = latin_look_alike(f)) {
        mapped.push_back(merge_look_alike_letter(*latin));
      } else if (!is_mark(f) && u_isalnum(static_cast<UChar32>(f)) != 0) {
        mapped.push_back(f);
      }
    }
  }
  return mapped;
}

bool all_ascii(std::u32string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char32_t c) { return c < 0x80; });
}

// Returns the symbols of a letter `c` outside ASCII through its confusable skeleton. The
// skeleton of the letter as written comes first (Cyrillic "Ь" is "b", its lower case is not);
// then that of its case-folded form.
std::u32string letter_symbols(char32_t c) {
  // The few letters whose skeleton reads them as another letter than the one fancy-text
  // generators write them for ("ʋ" is their "v", its skeleton "u").
  if (const auto latin = latin_look_alike(c)) return {merge_look_alike_letter(*latin)};
  // A compatibility form of Latin letters is those letters: the long s "ſ" is "s", though it
  // looks like "f".
  const std::u32string compatible = nfkc_casefold(c);
  if (all_ascii(compatible) && std::ranges::all_of(compatible, is_ascii_letter)) {
    std::u32string letters;
    for (const char32_t letter : compatible) letters.push_back(merge_look_alike_letter(letter));
    return letters;
  }
  std::u32string as_written = fold_skeleton(confusable_skeleton(c));
  if (all_ascii(as_written)) return as_written;
  std::u32string folded_first;
  for (const char32_t f : nfkc_casefold(c)) folded_first += fold_skeleton(confusable_skeleton(f));
  if (all_ascii(folded_first)) return folded_first;
  // A Latin letter with a hook, curl or stroke no look-alike table knows ("ȡ", "ꝁ").
  if (const auto base = latin_base_letter(c)) return {merge_look_alike_letter(*base)};
  if (!folded_first.empty()) return folded_first;
  if (!as_written.empty()) return as_written;
  return {c}; // a letter without look-alike keeps itself
}

// Appends the symbols of one already case-folded code point `c`: ASCII letters as they are,
// symbols standing for letters as those letters, other letters through their skeleton.
void append_symbols(char32_t c, std::u32string &out) {
  if (c < 0x80) {
    if (is_ascii_letter(c)) out.push_back(merge_look_alike_letter(lower_ascii(c)));
    else if (const auto letter = substituted_letter(c)) out.push_back(*letter);
    return;
  }
  if (is_mark(c)) return;
  if (u_isalpha(static_cast<UChar32>(c)) == 0) {
    if (const auto letter = substituted_letter(c)) out.push_back(*letter);
    else if (u_isdigit(static_cast<UChar32>(c)) != 0) {
      const auto value = u_charDigitValue(static_cast<UChar32>(c));
      if (value >= 0 && value <= 9) {
        if (const auto digit = substituted_letter(U'0' + static_cast<char32_t>(value))) out.push_back(*digit);
      }
    }
    return;
  }
  out += letter_symbols(c);
}

UnitKind classify(char32_t c, std::u32string &symbols) {
  if (c < 0x80) {
    if (c == U'*') return UnitKind::wildcard;
    append_symbols(c, symbols);
    if (symbols.empty()) return UnitKind::separator;
    return is_ascii_letter(c) ? UnitKind::letter : UnitKind::substitute;
  }
  if ((c >= 0xD800 && c <= 0xDFFF) || c > max_code_point) return UnitKind::separator;
  const auto code = static_cast<UChar32>(c);
  if (u_hasBinaryProperty(code, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0 || is_mark(c) ||
      u_charType(code) == U_FORMAT_CHAR) {
    return UnitKind::ignorable;
  }
  const bool letter = u_isalpha(code) != 0;
  if (const auto enclosed = enclosed_letter(c)) {
    symbols.push_back(merge_look_alike_letter(*enclosed));
    return UnitKind::letter;
  }
  if (!letter) {
    // Substitutes are looked up before folding: NFKC would turn "¢" into nothing useful.
    if (const auto substitute = substituted_letter(c)) {
      symbols.push_back(*substitute);
      return UnitKind::substitute;
    }
  }
  if (letter) {
    symbols = letter_symbols(c);
    return UnitKind::letter;
  }
  for (const char32_t folded : nfkc_casefold(c)) {
    if (folded == U'*') return UnitKind::wildcard; // "＊", "∗"
    append_symbols(folded, symbols);
  }
  return symbols.empty() ? UnitKind::separator : UnitKind::substitute;
}

std::unique_ptr<Block> build_block(std::size_t index) {
  auto block = std::make_unique<Block>();
  for (std::size_t i = 0; i < block_size; ++i) {
    const auto c = static_cast<char32_t>(index * block_size + i);
    std::u32string symbols;
    block->kinds[i] = classify(c, symbols);
    block->digits[i] = c < 0x80 ? (c >= U'0' && c <= U'9') : u_isdigit(static_cast<UChar32>(c)) != 0;
    block->symbol_begin[i] = static_cast<std::uint32_t>(block->symbols.size());
    block->symbols += symbols;
  }
  block->symbol_begin[block_size] = static_cast<std::uint32_t>(block->symbols.size());
  return block;
}

// Blocks are built on first use and kept for the life of the process: most posts touch only a
// few blocks, and building all of Unicode up front would cost every CLI call a noticeable pause.
const Block &block_of(char32_t code_point) {
  static std::array<std::atomic<const Block *>, block_count> blocks{};
  static std::array<std::unique_ptr<Block>, block_count> owners;
  static std::mutex building;
  const std::size_t index = code_point / block_size;
  const Block *block = blocks[index].load(std::memory_order_acquire);
  if (block != nullptr) return *block;
  const std::scoped_lock guard(building);
  block = blocks[index].load(std::memory_order_relaxed);
  if (block == nullptr) {
    owners[index] = build_block(index);
    block = owners[index].get();
    blocks[index].store(block, std::memory_order_release);
  }
  return *block;
}
} // namespace

FoldedCodePoint fold_code_point(char32_t code_point) {
  if (code_point > max_code_point) return {};
  const Block &block = block_of(code_point);
  const std::size_t i = code_point % block_size;
  const std::u32string_view all(block.symbols);
  return {block.kinds[i], all.substr(block.symbol_begin[i], block.symbol_begin[i + 1] - block.symbol_begin[i]),
          block.digits[i]};
}

} // namespace handleguard::text
