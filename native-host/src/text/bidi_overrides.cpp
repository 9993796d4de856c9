#include "text/bidi_overrides.hpp"

#include <algorithm>

#include "text/utf8_step.hpp"
#include "util/utf.hpp"

namespace handleguard::text {

namespace {

constexpr char32_t right_to_left_override = 0x202E;
// What an override is written as in the text as shown: as invisible to the matcher, as long in
// bytes and UTF-16 units, and no override, so that reading the shown text again turns nothing.
constexpr char32_t zero_width_space = 0x200B;

// What ends an override's reach (UAX #9): its pop (PDF), the pop of an isolate around it (PDI),
// and the end of a paragraph. A nested left-to-right override ends the reversed stretch too; the
// matcher reads its letters as written in the first reading.
bool ends_override(char32_t c) {
  return c == 0x202C || c == 0x2069 || c == 0x202D || c == 0x202A || c == U'\n' || c == U'\r' || c == 0x0085 ||
         c == 0x2029 || (c >= 0x1C && c <= 0x1E);
}

} // namespace

bool has_right_to_left_override(std::string_view utf8_text) { return utf8_text.find("\u202E") != std::string_view::npos; }

std::optional<OverriddenStretches> OverriddenStretches::find(std::string_view utf8_text) {
  if (!util::is_valid_utf8(utf8_text)) return std::nullopt; // offsets would not be the matcher's
  OverriddenStretches found;
  found.shown_.reserve(utf8_text.size());
  std::u32string stretch; // the characters under the override, as written
  std::size_t stretch_begin16 = 0;
  bool overridden = false;
  std::size_t offset16 = 0;
  const auto end_stretch = [&] {
    for (auto c = stretch.rbegin(); c != stretch.rend(); ++c) util::append_utf8(found.shown_, *c);
    if (stretch.size() >= 2) found.stretches_.add(stretch_begin16, offset16);
    stretch.clear();
    overridden = false;
  };
  for (std::size_t at = 0; at < utf8_text.size();) {
    const auto [c, length] = detail::decode_at(utf8_text, at);
    if (overridden && ends_override(c)) end_stretch();
    if (overridden) {
      stretch.push_back(c == right_to_left_override ? zero_width_space : c);
    } else if (c == right_to_left_override) {
      util::append_utf8(found.shown_, zero_width_space);
      overridden = true;
      stretch_begin16 = offset16 + 1;
    } else {
      found.shown_.append(utf8_text.substr(at, length));
    }
    at += length;
    offset16 += detail::utf16_units(c);
  }
  if (overridden) end_stretch();
  if (found.stretches_.empty()) return std::nullopt;
  return found;
}

std::pair<std::size_t, std::size_t> OverriddenStretches::original_span(std::size_t begin, std::size_t end) const {
  return stretches_.widened(begin, end);
}

} // namespace handleguard::text
