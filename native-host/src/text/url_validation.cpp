// isValidUrl: twitter-text's check of one URL against RFC 3986 (its own simplifications kept).
#include <array>

#include "text/tweet_patterns.hpp"
#include "text/tweet_text.hpp"

namespace handleguard::text {

namespace {
// twitter-text's isValidMatch: the first match of `pattern` in `part` is all of `part`.
bool first_match_is_whole(const RE2 &pattern, std::string_view part) {
  re2::StringPiece match;
  if (!pattern.Match(part, 0, part.size(), RE2::UNANCHORED, &match, 1)) return false;
  return match.size() == part.size();
}

// An optional part passes when absent or empty.
bool optional_part_valid(const RE2 &pattern, std::string_view part) {
  return part.empty() || first_match_is_whole(pattern, part);
}

bool is_http_scheme(std::string_view scheme) {
  const auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
  std::string folded;
  for (const char c : scheme) folded += lower(c);
  return folded == "http" || folded == "https";
}
} // namespace

bool TweetText::is_valid_url(std::string_view utf8, bool unicode_domains, bool require_protocol) const {
  if (utf8.empty()) return false;
  std::array<re2::StringPiece, 6> parts;
  if (!patterns_->url_unencoded.Match(utf8, 0, utf8.size(), RE2::UNANCHORED, parts.data(), 6)) return false;
  if (parts[0].size() != utf8.size()) return false;
  const std::string_view scheme = parts[1];
  const std::string_view authority = parts[2];
  const std::string_view path = parts[3];
  const std::string_view query = parts[4];
  const std::string_view fragment = parts[5];
  if (require_protocol &&
      (scheme.data() == nullptr || !first_match_is_whole(patterns_->url_scheme, scheme) || !is_http_scheme(scheme))) {
    return false;
  }
  if (!first_match_is_whole(patterns_->url_path, path) || !optional_part_valid(patterns_->url_query, query) ||
      !optional_part_valid(patterns_->url_query, fragment)) {
    return false;
  }
  return first_match_is_whole(unicode_domains ? patterns_->url_unicode_authority : patterns_->url_ascii_authority,
                              authority);
}

} // namespace handleguard::text
