#pragma once
// Text after a right-to-left override (U+202E) is shown with its characters in reverse order:
// "\u202Eevird ot woh" reads "how to drive" on screen while its characters spell it backwards.
// The matcher reads such stretches a second time as they are shown. Which text an override
// reaches follows UAX #9's stack of embeddings, overrides and isolates: a pop (U+202C) ends the
// innermost one, an isolate's end (U+2069) what was opened inside that isolate, a paragraph's
// end all; a tab orders each side on its own. Embeddings and isolates alone do not reverse Latin
// letters.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/mirrored_stretches.hpp"

namespace handleguard::text {

// Whether `utf8_text` holds a right-to-left override at all (most posts do not).
[[nodiscard]] bool has_right_to_left_override(std::string_view utf8_text);

class OverriddenStretches {
public:
  // The text with each stretch under a right-to-left override written as it is shown, or
  // nothing when no stretch has two characters to reverse (or the text is no valid UTF-8).
  [[nodiscard]] static std::optional<OverriddenStretches> find(std::string_view utf8_text);

  // The text as shown: each stretch's characters in reverse order, every other byte as it was but
  // the overrides, written as zero-width spaces (so the shown text has none). A stretch keeps its
  // UTF-16 length, so every offset outside the stretches is the same in both.
  [[nodiscard]] const std::string &shown() const { return shown_; }

  // Where the UTF-16 span [begin, end) of shown() lies in the original text: mirrored within a
  // stretch that holds it; widened to take in every stretch it crosses (a phrase partly before
  // an override, partly under it).
  [[nodiscard]] std::pair<std::size_t, std::size_t> original_span(std::size_t begin, std::size_t end) const;

private:
  std::string shown_;
  MirroredStretches stretches_;
};

} // namespace handleguard::text
