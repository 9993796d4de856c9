#include "text/tld_lookup.hpp"

#include <unicode/uchar.h>

#include "text/utf8_step.hpp"

namespace handleguard::text::detail {

namespace {
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

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
      if (letters) {
        std::string lower;
        for (const char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        ascii_letters_.insert(lower);
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
    std::string lower;
    while (end < text.size() && is_ascii_letter(text[end])) {
      lower += static_cast<char>(text[end] >= 'A' && text[end] <= 'Z' ? text[end] - 'A' + 'a' : text[end]);
      ++end;
    }
    if (tld_may_end_at(text, end) && ascii_letters_.contains(lower)) return end - pos;
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
