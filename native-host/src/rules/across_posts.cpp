#include "rules/across_posts.hpp"

#include <algorithm>

#include "util/utf.hpp"

namespace handleguard::rules {

std::vector<MatchAcrossPosts> matches_across_posts(const text::TermMatcher &matcher, std::string_view text,
                                                   const ThreadNeighbours &neighbours) {
  std::vector<MatchAcrossPosts> found;
  if (neighbours.empty()) return found;
  // Posts are shown as paragraphs: a line break between them, which a phrase is read across.
  std::string joined;
  joined.reserve(neighbours.before.size() + text.size() + neighbours.after.size() + 2);
  if (!neighbours.before.empty()) joined.append(neighbours.before).push_back('\n');
  const std::size_t begin = util::to_utf16(joined).size();
  joined.append(text);
  const std::size_t end = begin + util::to_utf16(text).size();
  if (!neighbours.after.empty()) joined.append("\n").append(neighbours.after);
  for (const text::TermMatch &match : matcher.find(joined)) {
    const bool into_before = match.begin < begin && match.end > begin;
    const bool into_after = match.end > end && match.begin < end;
    if (!into_before && !into_after) continue;
    const Span span{std::max(match.begin, begin) - begin, std::min(match.end, end) - begin};
    found.push_back({match.pattern_index, span, into_before, into_after});
  }
  return found;
}

std::string across_posts_note(const MatchAcrossPosts &match) {
  if (match.into_before && match.into_after) return " (read across this post and the ones before and after it)";
  return match.into_before ? " (read across this post and the one before it)" : " (read across this post and the one after it)";
}

} // namespace handleguard::rules
