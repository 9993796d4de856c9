#include "text/tld_lookup.hpp"

#include <unicode/uchar.h>

#include "text/utf8_step.hpp"

namespace handleguard::text::detail {

namespace {
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A run of up to 12 ASCII letters as one number, case-insensitive: 5 bits a letter (a = 1 …
// z = 26, so no two runs of different lengths share a key).
constexpr std::size_t max_packed_letters = 12;
void add_letter(std::uint64_t &key, char letter) {
  key = (key << 5U) | static_cast<std::uint64_t>((static_cast<unsigned char>(letter) | 0x20U) - 'a' + 1);
}

std::string lowered(std::string_view ascii) {
  std::string lower;
  for (const char c : ascii) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower;
}

std::u32string canonical(std::string_view utf8) {
  std::u32string out;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const auto point = decode_at(utf8, pos);
    out.push_back(javascript_canonical(point.value));
    pos += point.length;
  }
  return out;
}
} // namespace

char32_t javascript_canonical(char32_t point) {
  if (point < 0x80) return point >= 'a' && point <= 'z' ? point - 'a' + 'A' : point;
  const auto upper = static_cast<char32_t>(u_toupper(static_cast<UChar32>(point)));
  return upper < 0x80 ? point : upper;
}

bool tld_may_end_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;
  const char c = text[pos];
  return !(is_ascii_letter(c) || (c >= '0' && c <= '9') || c == '@' || c == '+' || c == '-');
}

TldLookup::TldLookup(const TldTable &table) {
  for (const auto *list : {&table.generic, &table.country}) {
    for (const auto &name : *list) {
      bool letters = !name.empty();
      for (const char c : name) letters = letters && is_ascii_letter(c);
      if (letters && name.size() <= max_packed_letters) {
        std::uint64_t key = 0;
        for (const char c : name) add_letter(key, c);
        short_letters_.insert(key);
      } else if (letters) {
        long_letters_.insert(lowered(name));
      } else {
        auto folded = canonical(name);
        others_[folded.front()].push_back(std::move(folded));
      }
    }
  }
}

std::size_t TldLookup::listed_at(std::string_view text, std::size_t pos) const {
  if (pos >= text.size()) return 0;
  if (is_ascii_letter(text[pos])) {
    // Only the whole run of letters can be followed by what the lookahead allows.
    std::size_t end = pos;
    std::uint64_t key = 0;
    while (end < text.size() && is_ascii_letter(text[end])) {
      if (end - pos < max_packed_letters) add_letter(key, text[end]);
      ++end;
    }
    const std::size_t length = end - pos;
    if (tld_may_end_at(text, end)) {
      if (length <= max_packed_letters ? short_letters_.contains(key) : long_letters_.contains(lowered(text.substr(pos, length)))) {
        return length;
      }
    }
  }
  const auto first = decode_at(text, pos);
  const auto bucket = others_.find(javascript_canonical(first.value));
  if (bucket == others_.end()) return 0;
  for (const auto &name : bucket->second) {
    std::size_t at = pos;
    bool same = true;
    for (const char32_t expected : name) {
      if (at >= text.size()) {
        same = false;
        break;
      }
      const auto point = decode_at(text, at);
      if (javascript_canonical(point.value) != expected) {
        same = false;
        break;
      }
      at += point.length;
    }
    if (same && tld_may_end_at(text, at)) return at - pos;
  }
  return 0;
}

} // namespace handleguard::text::detail
