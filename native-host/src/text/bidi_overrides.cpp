#include "text/bidi_overrides.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "text/utf8_step.hpp"
#include "util/utf.hpp"

namespace handleguard::text {

namespace {

constexpr char32_t right_to_left_override = 0x202E;
// What an override is written as in the text as shown: as invisible to the matcher, as long in
// bytes and UTF-16 units, and no override, so that reading the shown text again turns nothing.
constexpr char32_t zero_width_space = 0x200B;
// UAX #9's limit on explicit levels; what a text opens beyond it has no effect.
constexpr std::size_t max_depth = 125;

bool ends_paragraph(char32_t c) { return c == U'\n' || c == U'\r' || c == 0x0085 || c == 0x2029 || (c >= 0x1C && c <= 0x1E); }
// A segment separator: the text either side is ordered on its own (UAX #9, L1).
bool ends_segment(char32_t c) { return c == U'\t' || c == 0x0B || c == 0x1F; }
bool is_bidi_control(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// The explicit embeddings, overrides and isolates in force (UAX #9, X1–X8), as far as they
// decide whether Latin letters are shown backwards: only under a right-to-left override that
// no embedding, override or isolate opened since has replaced.
class BidiStack {
public:
  [[nodiscard]] bool reversed() const { return !levels_.empty() && levels_.back().override_rtl; }

  void apply(char32_t c) {
    switch (c) {
    case 0x202E: push({true, false}); break;                      // RLO
    case 0x202D: case 0x202A: case 0x202B: push({false, false}); break; // LRO, LRE, RLE
    case 0x2066: case 0x2067: case 0x2068: push({false, true}); break;  // LRI, RLI, FSI
    case 0x202C: pop_embedding(); break;                          // PDF
    case 0x2069: pop_isolate(); break;                            // PDI
    default: break;
    }
  }
  void clear() { *this = BidiStack(); }

private:
  struct Level {
    bool override_rtl = false;
    bool isolate = false;
  };
  void push(Level level) {
    if (levels_.size() < max_depth && overflow_isolates_ == 0 && overflow_embeddings_ == 0) {
      levels_.push_back(level);
    } else if (level.isolate) {
      ++overflow_isolates_;
    } else if (overflow_isolates_ == 0) {
      ++overflow_embeddings_;
    }
  }
  void pop_embedding() {
    if (overflow_isolates_ > 0) return;
    if (overflow_embeddings_ > 0) {
      --overflow_embeddings_;
    } else if (!levels_.empty() && !levels_.back().isolate) {
      levels_.pop_back();
    }
  }
  void pop_isolate() {
    if (overflow_isolates_ > 0) {
      --overflow_isolates_;
      return;
    }
    // An isolate's end closes what was opened inside it; one with no isolate open does nothing.
    const auto isolate = std::ranges::find_if(levels_.rbegin(), levels_.rend(), [](const Level &level) { return level.isolate; });
    if (isolate == levels_.rend()) return;
    overflow_embeddings_ = 0;
    levels_.erase(std::prev(isolate.base()), levels_.end());
  }

  std::vector<Level> levels_;
  std::size_t overflow_isolates_ = 0;
  std::size_t overflow_embeddings_ = 0;
};

} // namespace

bool has_right_to_left_override(std::string_view utf8_text) { return utf8_text.find("\u202E") != std::string_view::npos; }

std::optional<OverriddenStretches> OverriddenStretches::find(std::string_view utf8_text) {
  if (!util::is_valid_utf8(utf8_text)) return std::nullopt; // offsets would not be the matcher's
  OverriddenStretches found;
  found.shown_.reserve(utf8_text.size());
  BidiStack bidi;
  std::u32string stretch; // shown backwards, as written
  std::size_t stretch_begin16 = 0;
  std::size_t letters = 0; // in the stretch: one alone reads the same either way
  std::size_t offset16 = 0;
  const auto end_stretch = [&] {
    for (auto c = stretch.rbegin(); c != stretch.rend(); ++c) util::append_utf8(found.shown_, *c);
    if (letters >= 2) found.stretches_.add(stretch_begin16, offset16);
    stretch.clear();
    letters = 0;
  };
  const auto write = [&](char32_t c) { util::append_utf8(found.shown_, c == right_to_left_override ? zero_width_space : c); };
  for (std::size_t at = 0; at < utf8_text.size();) {
    const auto [c, length] = detail::decode_at(utf8_text, at);
    if (ends_paragraph(c)) {
      end_stretch();
      bidi.clear();
      write(c);
    } else if (ends_segment(c)) {
      end_stretch();
      write(c);
    } else if (is_bidi_control(c)) {
      bidi.apply(c);
      // Within a stretch that goes on (an isolate's end with none open, a second override), the
      // control stays where it is among the reversed characters; it shows as nothing.
      if (bidi.reversed() && !stretch.empty()) {
        stretch.push_back(c == right_to_left_override ? zero_width_space : c);
      } else {
        end_stretch();
        write(c);
      }
    } else if (bidi.reversed()) {
      if (stretch.empty()) stretch_begin16 = offset16;
      stretch.push_back(c);
      ++letters;
    } else {
      found.shown_.append(utf8_text.substr(at, length));
    }
    at += length;
    offset16 += detail::utf16_units(c);
  }
  end_stretch();
  if (found.stretches_.empty()) return std::nullopt;
  return found;
}

std::pair<std::size_t, std::size_t> OverriddenStretches::original_span(std::size_t begin, std::size_t end) const {
  return stretches_.widened(begin, end);
}

} // namespace handleguard::text
