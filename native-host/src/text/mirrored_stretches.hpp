#pragma once
// Stretches of a text that a second reading writes in reverse order (words turned right side up,
// text under a right-to-left override read as shown), and how a span of that reading maps back:
// mirrored within its stretch. Offsets are UTF-16 units, the same in both texts at each
// stretch's edges.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace handleguard::text {

class MirroredStretches {
public:
  using Span = std::pair<std::size_t, std::size_t>;

  void add(std::size_t begin, std::size_t end) { stretches_.push_back({begin, end}); }
  [[nodiscard]] bool empty() const { return stretches_.empty(); }

  // Where [begin, end) of the reading lies in the original, when it lies within one stretch.
  [[nodiscard]] std::optional<Span> within(std::size_t begin, std::size_t end) const {
    for (const Span &stretch : stretches_) {
      if (stretch.first <= begin && end <= stretch.second) return Span{stretch.first + stretch.second - end, stretch.first + stretch.second - begin};
    }
    return std::nullopt;
  }

  // The same, or, for a span not within one stretch, the span widened to take in every stretch
  // it crosses (its part there was written in reverse).
  [[nodiscard]] Span widened(std::size_t begin, std::size_t end) const {
    if (const auto inside = within(begin, end)) return *inside;
    Span span{begin, end};
    for (const Span &stretch : stretches_) {
      if (begin < stretch.second && stretch.first < end) span = {std::min(span.first, stretch.first), std::max(span.second, stretch.second)};
    }
    return span;
  }

private:
  std::vector<Span> stretches_;
};

} // namespace handleguard::text
