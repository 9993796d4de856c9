#pragma once
// twitter-text's regular expressions, compiled once for RE2 (linear time, no backtracking).
//
// RE2 keeps JavaScript's leftmost-first choice among alternatives, so a match is the one
// twitter-text's own engine finds. What RE2 lacks is lookahead; where twitter-text looks ahead
// (after a top-level domain, after a cashtag) the pattern consumes that one character in a group
// of its own (the "stop" group), and the scanner ends the match before it.
#include <cstddef>
#include <expected>
#include <memory>
#include <string>

#include <re2/re2.h>

#include "text/code_point_set.hpp"
#include "text/tld_lookup.hpp"
#include "text/tld_table.hpp"

namespace handleguard::text::detail {

// Capture groups of `extract_url`.
namespace url_group {
inline constexpr std::size_t before = 1;
inline constexpr std::size_t protocol = 2;
inline constexpr std::size_t domain_head = 3;  // subdomains and the domain name, dot included
inline constexpr std::size_t listed_tld = 4;   // a generic or country TLD from the list
inline constexpr std::size_t path_after_port = 6;
inline constexpr std::size_t path_without_port = 8;
inline constexpr std::size_t stop = 11;        // the character after a listed TLD, when nothing follows it
inline constexpr std::size_t punycode_tld = 12;
inline constexpr std::size_t path_after_punycode = 14;
inline constexpr std::size_t count = 16;       // including the whole match
} // namespace url_group

struct Patterns {
  explicit Patterns(const TldTable &tlds);
  // Empty when every pattern compiled, else what failed.
  [[nodiscard]] std::string error() const;

  RE2 extract_url;          // extractUrl
  RE2 valid_ascii_domain;   // validAsciiDomain; group 1 = stop
  RE2 valid_tco_url;        // validTcoUrl (match anchored at the URL's start); group 1 = slug
  RE2 mention_or_list;      // validMentionOrList: before, @, screen name, /list
  RE2 whole_list;           // ^validMentionOrList$ (isValidList)
  RE2 end_mention;          // endMentionMatch (anchored)
  RE2 hashtag;              // validHashtag: boundary, #, text
  RE2 end_hashtag;          // endHashtagMatch (anchored)
  RE2 cashtag;              // validCashtag: before, $, text, stop
  RE2 reply;                // validReply (anchored): screen name
  RE2 invalid_url_without_protocol_before; // invalidUrlWithoutProtocolPrecedingChars
  // isValidUrl's pieces.
  RE2 url_unencoded;        // scheme, authority, path, query, fragment
  RE2 url_scheme;
  RE2 url_path;
  RE2 url_query;            // also the fragment
  RE2 url_unicode_authority;
  RE2 url_ascii_authority;
  // For the hand-written URL scanner (url_scanner.cpp).
  TldLookup tld_lookup;
  RE2 url_path_tail;        // /validUrlPath* (match anchored at the slash)
  RE2 url_query_tail;       // \?validUrlQueryChars*validUrlQueryEndingChars (anchored at the ?)
  // For the hand-written hashtag scanner (tag_scanners.cpp).
  CodePointSet hashtag_alpha;
  CodePointSet hashtag_alpha_numeric;
};

[[nodiscard]] std::expected<std::shared_ptr<const Patterns>, std::string> compile_patterns(const TldTable &tlds);

} // namespace handleguard::text::detail
