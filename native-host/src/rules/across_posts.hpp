#pragma once
// A thread's posts are read as they are shown, one after another: a banned phrase split between
// posts ("Nobody here knows" / "how to drive") is as much posted as one in a single post.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "rules/verdict.hpp"
#include "text/term_matcher.hpp"

namespace handleguard::rules {

// The texts of a thread's posts, read once for each matcher whatever the number of posts.
class ThreadPosts {
public:
  explicit ThreadPosts(std::vector<std::string> texts);
  [[nodiscard]] std::size_t size() const { return begin16_.size(); }
  // The matches of `matcher` in the posts joined (a line break between two), and where post
  // `index` lies in that text (UTF-16 units).
  [[nodiscard]] const std::vector<text::TermMatch> &matches(const text::TermMatcher &matcher) const;
  [[nodiscard]] std::size_t begin16(std::size_t index) const { return begin16_[index]; }
  [[nodiscard]] std::size_t end16(std::size_t index) const { return end16_[index]; }

private:
  std::string joined_;
  std::vector<std::size_t> begin16_;
  std::vector<std::size_t> end16_;
  mutable std::mutex mutex_;
  mutable std::map<const text::TermMatcher *, std::vector<text::TermMatch>> matches_;
};

// Where a post stands in a thread (no thread: `posts` null).
struct ThreadPlace {
  std::shared_ptr<const ThreadPosts> posts;
  std::size_t index = 0;
};

struct MatchAcrossPosts {
  std::size_t pattern_index = 0;
  Span span;                // the part in this post (UTF-16 offsets of its text), never empty
  bool into_before = false; // goes on into a post before
  bool into_after = false;  // goes on into a post after
};

// The matches of `matcher` in the thread around `place` that take in part of its post and part of
// another; those inside the post alone are found by reading it alone.
[[nodiscard]] std::vector<MatchAcrossPosts> matches_across_posts(const text::TermMatcher &matcher, const ThreadPlace &place);

// "(read across this post and the one before it)" and the like, for a violation's message.
[[nodiscard]] std::string across_posts_note(const MatchAcrossPosts &match);

} // namespace handleguard::rules
