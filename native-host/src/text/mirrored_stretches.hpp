#pragma once
// Stretches of a text that a second reading writes in reverse order (words turned right side up,
// text under a right-to-left override read as shown), and how a span of that reading maps back:
// mirrored within its stretch. Offsets are UTF-16 units, the same in both texts at each
// stretch's edges.
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

namespace handleguard::text {

class MirroredStretches {
public:
  using Span = std::pair<std::size_t, std::size_t>;

  // Stretches are added in the text's order, none overlapping: spans are then looked up by
  // binary search (a hostile post may hold thousands of stretches, and as many matches).
  void add(std::size_t begin, std::size_t end) { stretches_.push_back({begin, end}); }
  [[nodiscard]] bool empty() const { return stretches_.empty(); }

  // Where [begin, end) of the reading lies in the original, when it lies within one stretch.
  [[nodiscard]] std::optional<Span> within(std::size_t begin, std::size_t end) const {
    // The last stretch starting at or before `begin`.
    const auto after = std::ranges::upper_bound(stretches_, begin, {}, &Span::first);
    if (after == stretches_.begin()) return std::nullopt;
    const Span &stretch = *std::prev(after);
    if (end > stretch.second) return std::nullopt;
    return Span{stretch.first + stretch.second - end, stretch.first + stretch.second - begin};
  }

  // The same, or, for a span not within one stretch, the span widened to take in every stretch
  // it crosses (its part there was written in reverse).
  [[nodiscard]] Span widened(std::size_t begin, std::size_t end) const {
    if (const auto inside = within(begin, end)) return *inside;
    Span span{begin, end};
    // The first stretch ending after `begin`, then on while they start before `end`.
    for (auto stretch = std::ranges::upper_bound(stretches_, begin, {}, &Span::second);
         stretch != stretches_.end() && stretch->first < end; ++stretch) {
      span = {std::min(span.first, stretch->first), std::max(span.second, stretch->second)};
    }
    return span;
  }

private:
  std::vector<Span> stretches_;
};

} // namespace handleguard::text
