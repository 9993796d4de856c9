#include "rules/across_posts.hpp"

#include <algorithm>

#include "util/utf.hpp"

namespace handleguard::rules {

ThreadPosts::ThreadPosts(std::vector<std::string> texts) {
  std::size_t offset16 = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    // Posts are shown as paragraphs: a line break between them, which a phrase is read across.
    if (i > 0) {
      joined_.push_back('\n');
      ++offset16;
    }
    begin16_.push_back(offset16);
    offset16 += util::to_utf16(texts[i]).size();
    end16_.push_back(offset16);
    joined_.append(texts[i]);
  }
}

const std::vector<text::TermMatch> &ThreadPosts::matches(const text::TermMatcher &matcher) const {
  const std::scoped_lock lock(mutex_);
  auto [entry, added] = matches_.try_emplace(&matcher);
  if (added) entry->second = matcher.find(joined_);
  return entry->second;
}

std::vector<MatchAcrossPosts> matches_across_posts(const text::TermMatcher &matcher, const ThreadPlace &place) {
  std::vector<MatchAcrossPosts> found;
  if (!place.posts || place.posts->size() < 2 || place.index >= place.posts->size()) return found;
  const std::size_t begin = place.posts->begin16(place.index);
  const std::size_t end = place.posts->end16(place.index);
  for (const text::TermMatch &match : place.posts->matches(matcher)) {
    const bool into_before = match.begin < begin;
    const bool into_after = match.end > end;
    if (!into_before && !into_after) continue; // in this post alone, or in no part of it
    const Span span{std::max(match.begin, begin) - begin, std::min(match.end, end) - begin};
    if (match.end <= begin || match.begin >= end || span.begin >= span.end) continue; // no part of this post
    found.push_back({match.pattern_index, span, into_before, into_after});
  }
  return found;
}

std::string across_posts_note(const MatchAcrossPosts &match) {
  if (match.into_before && match.into_after) return " (read across this post and the ones before and after it)";
  return match.into_before ? " (read across this post and the one before it)" : " (read across this post and the one after it)";
}

} // namespace handleguard::rules
