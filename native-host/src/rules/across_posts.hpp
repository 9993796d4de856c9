#pragma once
// A thread's posts are read as they are shown, one after another: a banned phrase split between
// two posts ("Nobody here knows" / "how to drive") is as much posted as one in a single post.
#include <string>
#include <string_view>
#include <vector>

#include "rules/verdict.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::rules {

// Where a post stands in a thread: the texts of the posts before and after it (empty when none).
struct ThreadNeighbours {
  std::string before;
  std::string after;
  [[nodiscard]] bool empty() const { return before.empty() && after.empty(); }
};

struct MatchAcrossPosts {
  std::size_t pattern_index = 0;
  Span span;                 // the part in this post (UTF-16 offsets of its text)
  bool into_before = false; // goes on into the post before
  bool into_after = false;  // goes on into the post after
};

// The matches of `matcher` in `text` read with its neighbours that take in part of `text` and
// part of a neighbour; matches in `text` alone are found by reading it alone.
[[nodiscard]] std::vector<MatchAcrossPosts> matches_across_posts(const text::TermMatcher &matcher, std::string_view text,
                                                                 const ThreadNeighbours &neighbours);

// "(read across this post and the one before it)" and the like, for a violation's message.
[[nodiscard]] std::string across_posts_note(const MatchAcrossPosts &match);

} // namespace handleguard::rules
