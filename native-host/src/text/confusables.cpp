#include "text/confusables.hpp"

#include <array>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>

namespace handleguard::text {

namespace {
struct SpoofCheckerDeleter {
  void operator()(USpoofChecker *checker) const { uspoof_close(checker); }
};

// Opens ICU's spoof checker once; its skeleton function only reads it, so one instance serves
// every thread, but calls are still made under a lock because ICU documents no guarantee.
std::pair<USpoofChecker *, std::mutex *> spoof_checker() {
  static std::mutex lock;
  static const std::unique_ptr<USpoofChecker, SpoofCheckerDeleter> checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<USpoofChecker, SpoofCheckerDeleter> opened(uspoof_open(&status));
    if (U_FAILURE(status)) opened.reset();
    return opened;
  }();
  return {checker.get(), &lock};
}

constexpr std::array<std::pair<char32_t, char32_t>, 25> substitutions{{
    {U'@', U'a'}, {U'4', U'a'}, {U'8', U'b'}, {U'(', U'c'}, {U'\u00A2', U'c'}, {U'\u00A9', U'c'}, {U'\u2202', U'd'}, {U'3', U'e'},
    {U'\u20AC', U'e'}, {U'6', U'g'}, {U'9', U'g'}, {U'!', U'i'}, {U'1', U'i'}, {U'|', U'i'},
    {U'\u00A1', U'i'}, {U'0', U'o'}, {U'$', U's'}, {U'5', U's'}, {U'\u00A7', U's'}, {U'7', U't'},
    {U'+', U't'}, {U'2', U'z'}, {U'\u00A3', U'i'}, {U'\u00A5', U'y'}, {U'\u00AE', U'r'},
}};

constexpr std::array<std::pair<char32_t, char32_t>, 80> latin_look_alikes{{
    {U'\u1D00', U'a'}, {U'\u0299', U'b'}, {U'\u1D04', U'c'}, {U'\u1D05', U'd'}, {U'\u1D07', U'e'},
    {U'\uA730', U'f'}, {U'\u0262', U'g'}, {U'\u029C', U'h'}, {U'\u026A', U'i'}, {U'\u1D0A', U'j'},
    {U'\u1D0B', U'k'}, {U'\u029F', U'i'}, {U'\u1D0D', U'm'}, {U'\u0274', U'n'}, {U'\u1D0F', U'o'},
    {U'\u1D18', U'p'}, {U'\u0280', U'r'}, {U'\uA731', U's'}, {U'\u1D1B', U't'}, {U'\u1D1C', U'u'},
    {U'\u1D20', U'v'}, {U'\u1D21', U'w'}, {U'\u028F', U'y'}, {U'\u1D22', U'z'}, {U'\u0138', U'k'},
    {U'\u028D', U'm'}, {U'\uA793', U'e'}, {U'\u0185', U'b'}, {U'\u03C7', U'x'}, {U'\u0251', U'a'},
    {U'\u0261', U'g'}, {U'\u025B', U'e'}, {U'\u0131', U'i'},
    // Letters fancy-text generators use for Latin ones: "ᴙ" (the prototype of Cyrillic "я"), IPA "ɾ", "ɹ".
    {U'\u1D19', U'r'}, {U'\u027E', U'r'}, {U'\u0279', U'r'},
    // Hooked and tailed letters of the same generators, and look-alikes from other scripts
    // (Cyrillic "ђ" "Ҝ", Armenian "ժ"). "ʋ" (V WITH HOOK), which the skeleton reads as "u", is the
    // generators' "v" ("ɖɾɨʋɛ"); a term's "u" is found as "v" too ("fvck", docs/matching.md), so
    // "fʋck" still is. Not "ɱ": its skeleton reads it as "rn".
    {U'\u028B', U'v'}, {U'\u1D91', U'd'}, {U'\u2C71', U'v'}, {U'\u028A', U'u'}, {U'\u0188', U'c'}, {U'\u0452', U'h'},
    {U'\u0288', U't'}, {U'\u0284', U'f'}, {U'\u056A', U'd'}, {U'\u049C', U'k'}, {U'\u049D', U'k'},
    // Their "Asian" style: ideographs and Bopomofo shaped like capitals ("卄乇ㄥㄥㄖ"). A term in
    // those scripts is folded alike, so it still finds itself.
    {U'\u4E39', U'a'}, {U'\u4E43', U'b'}, {U'\u531A', U'c'}, {U'\u4E47', U'e'}, {U'\u5343', U'f'},
    {U'\u5344', U'h'}, {U'\u4E28', U'i'}, {U'\u3125', U'i'}, {U'\u722A', U'm'}, {U'\u51E0', U'n'},
    {U'\u3116', U'o'}, {U'\u5369', U'p'}, {U'\u5C3A', U'r'}, {U'\u4E02', U's'}, {U'\u3112', U't'},
    {U'\u3129', U'u'}, {U'\u5C71', U'w'}, {U'\u4E42', U'x'}, {U'\u311A', U'y'}, {U'\u4E59', U'z'},
    {U'\u13B6', U'g'}, {U'\u024A', U'q'}, {U'\u024B', U'q'}, // Cherokee "Ꮆ"; "Ɋ" "ɋ", q with a hook tail
    // Greek and Cyrillic letters typed for the Latin letter they resemble, where the skeleton
    // reads them otherwise or not at all ("fμck", "βitch", "ωtf", "fцck", "fuпk"): "β" is "ss"
    // to case folding, "μ" and "ω" have no Latin prototype.
    {U'\u03BC', U'u'}, {U'\u00B5', U'u'}, {U'\u03C9', U'w'}, {U'\u03B2', U'b'}, {U'\u03B4', U'd'},
    {U'\u0446', U'u'}, {U'\u043F', U'n'}, {U'\u0448', U'w'}, {U'\u0438', U'n'}, {U'\u0439', U'n'},
}};
} // namespace

std::optional<char32_t> latin_look_alike(char32_t code_point) {
  for (const auto &[look_alike, letter] : latin_look_alikes) {
    if (look_alike == code_point) return letter;
  }
  return std::nullopt;
}

std::optional<char32_t> latin_base_letter(char32_t code_point) {
  UErrorCode status = U_ZERO_ERROR;
  if (uscript_getScript(static_cast<UChar32>(code_point), &status) != USCRIPT_LATIN || U_FAILURE(status)) return std::nullopt;
  std::array<char, 128> buffer{};
  const int32_t length = u_charName(static_cast<UChar32>(code_point), U_UNICODE_CHAR_NAME, buffer.data(), buffer.size(), &status);
  if (U_FAILURE(status) || length <= 0) return std::nullopt;
  std::string_view name(buffer.data(), static_cast<std::size_t>(length));
  // Turned, reversed and inverted letters are another letter's shape ("ɐ" is an upside-down "a",
  // read by text/upside_down.hpp), an open "o" is a reversed "c".
  for (const std::string_view other_shape : {"TURNED", "REVERSED", "INVERTED", "OPEN O"}) {
    if (name.find(other_shape) != std::string_view::npos) return std::nullopt;
  }
  const auto drop_prefix = [&](std::string_view prefix) {
    if (!name.starts_with(prefix)) return false;
    name.remove_prefix(prefix.size());
    return true;
  };
  if (!drop_prefix("LATIN ")) return std::nullopt;
  if (!drop_prefix("SMALL LETTER ") && !drop_prefix("CAPITAL LETTER ") && !drop_prefix("LETTER ")) return std::nullopt;
  // A letter's variants of shape: still that letter to a reader.
  for (const std::string_view shape : {"SMALL CAPITAL ", "DOTLESS ", "SCRIPT ", "OPEN ", "BARRED ", "LONG ", "STRETCHED "}) {
    if (drop_prefix(shape)) break;
  }
  if (name.empty() || name[0] < 'A' || name[0] > 'Z') return std::nullopt;
  const std::string_view rest = name.substr(1);
  // The letter alone, or with marks of its own ("D WITH CURL", "U BAR"); not a digraph ("DB
  // DIGRAPH") nor another letter's name ("ESH", "ETH").
  if (!rest.empty() && !rest.starts_with(" WITH ") && rest != " BAR") return std::nullopt;
  return U'a' + static_cast<char32_t>(name[0] - 'A');
}

std::optional<char32_t> enclosed_letter(char32_t code_point) {
  // Each block runs A to Z in alphabetical order.
  if (is_regional_indicator(code_point)) return U'a' + (code_point - first_regional_indicator);
  // Negative circled, negative squared; parenthesized small and capital letters, which NFKC
  // would spell "(d)", each parenthesis a letter "c" of its own.
  constexpr std::array<char32_t, 4> alphabets = {0x1F150, 0x1F170, 0x249C, 0x1F110};
  for (const char32_t a : alphabets) {
    if (code_point >= a && code_point < a + 26) return U'a' + (code_point - a);
  }
  return std::nullopt;
}

// ICU's UTF-16 macros mix signed and unsigned arithmetic internally.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wconversion"
std::u32string confusable_skeleton(char32_t code_point) {
  const auto [checker, lock] = spoof_checker();
  if (checker == nullptr) return {code_point};
  std::array<UChar, 2> source{};
  int32_t source_length = 0;
  UBool error = false;
  U16_APPEND(source.data(), source_length, 2, static_cast<UChar32>(code_point), error);
  if (error) return {code_point};

  std::array<UChar, 64> skeleton{};
  int32_t length = 0;
  {
    const std::scoped_lock guard(*lock);
    UErrorCode status = U_ZERO_ERROR;
    length = uspoof_getSkeleton(checker, 0, source.data(), source_length, skeleton.data(), skeleton.size(), &status);
    if (U_FAILURE(status)) return {code_point};
  }
  std::u32string out;
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U16_NEXT(skeleton.data(), i, length, c);
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}
#pragma GCC diagnostic pop

std::optional<char32_t> substituted_letter(char32_t code_point) {
  for (const auto &[symbol, letter] : substitutions) {
    if (symbol == code_point) return letter;
  }
  return std::nullopt;
}

} // namespace handleguard::text
