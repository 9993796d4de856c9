#pragma once
// twitter-text's extractors over UTF-8, with byte offsets; tweet_text.cpp turns them into the
// UTF-16 offsets of the public API.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/tweet_patterns.hpp"

namespace handleguard::text::detail {

enum class EntityKind { url, mention, hashtag, cashtag };

// Offsets into the scanned text only: no copies, so scanning allocates nothing per entity.
struct ByteEntity {
  EntityKind kind = EntityKind::url;
  std::size_t begin = 0;      // byte offset of the whole entity (sigil included)
  std::size_t end = 0;
  std::size_t text_begin = 0; // its text: the URL as written; a name or tag after its sigil
  std::size_t text_end = 0;   // a mention's list slug ("/slug") is [text_end, end)
  // A URL without protocol found inside a longer domain ("e.g.newРОССИЯ.РФ/x" links "e.g.new/x"):
  // twitter-text joins the ASCII part and the path after the whole domain, so the text goes on
  // with [text_resumes_at, end). 0 when the text is one piece.
  std::size_t text_resumes_at = 0;

  // The entity's text and, for a mention of a list, its slug, copied out of `input`.
  [[nodiscard]] std::string text_in(std::string_view input) const {
    std::string out(input.substr(text_begin, text_end - text_begin));
    if (text_resumes_at != 0) out += input.substr(text_resumes_at, end - text_resumes_at);
    return out;
  }
  [[nodiscard]] std::string_view list_slug_in(std::string_view input) const {
    return kind == EntityKind::mention ? input.substr(text_end, end - text_end) : std::string_view();
  }
  [[nodiscard]] bool is_list() const { return kind == EntityKind::mention && end != text_end; }
};

// The scanners the engine runs: hand-written where twitter-text's patterns cost most
// (url_scanner.cpp), each checked against its regular-expression port below.
// Each appends what it finds to `out` (a caller can reuse one list across texts).
void scan_urls(const Patterns &patterns, std::string_view text, bool without_protocol, std::vector<ByteEntity> &out);
void scan_mentions_or_lists(const Patterns &patterns, std::string_view text, std::vector<ByteEntity> &out);
void scan_hashtags(const Patterns &patterns, std::string_view text, std::vector<ByteEntity> &out);
void scan_cashtags(const Patterns &patterns, std::string_view text, std::vector<ByteEntity> &out);
// Runs `scan` (one of the scanners above, or its reference port below) into a list of its own.
template <typename Scan, typename... Options>
[[nodiscard]] std::vector<ByteEntity> scanned(Scan scan, const Patterns &patterns, std::string_view text, Options... options) {
  std::vector<ByteEntity> out;
  scan(patterns, text, options..., out);
  return out;
}

// Line-by-line ports of twitter-text's regular-expression loops over RE2 (entity_scanners.cpp):
// the executable specification the fast scanners are tested against.
namespace reference {
void scan_urls(const Patterns &patterns, std::string_view text, bool without_protocol, std::vector<ByteEntity> &out);
void scan_mentions_or_lists(const Patterns &patterns, std::string_view text, std::vector<ByteEntity> &out);
void scan_hashtags(const Patterns &patterns, std::string_view text, std::vector<ByteEntity> &out);
void scan_cashtags(const Patterns &patterns, std::string_view text, std::vector<ByteEntity> &out);
} // namespace reference

// Where the parts of one extractUrl match lie (byte offsets in the text), as both URL scanners
// find them.
struct UrlMatch {
  std::size_t url_begin = 0;     // after the preceding character
  std::size_t before_length = 0; // bytes of the preceding character (0 at the start of the text)
  std::size_t domain_begin = 0;  // after the protocol
  std::size_t domain_end = 0;    // after the TLD
  std::size_t match_end = 0;     // after port, path and query (the stop character excluded)
  bool has_path = false;
};

// validAsciiDomain over `domain`: the ASCII-only domains in it, as [begin, end) within it.
using AsciiDomains = std::vector<std::pair<std::size_t, std::size_t>>;
[[nodiscard]] AsciiDomains ascii_domains(const Patterns &patterns, std::string_view domain);

// A t.co link at the start of a URL: how far it reaches (protocol, host, slug and query) and the
// slug's length in UTF-16 units.
struct TcoLink {
  std::size_t length = 0;
  std::size_t slug_length = 0;
};
[[nodiscard]] std::optional<TcoLink> tco_link(const Patterns &patterns, std::string_view url); // by hand
namespace reference {
[[nodiscard]] std::optional<TcoLink> tco_link(const Patterns &patterns, std::string_view url); // validTcoUrl
} // namespace reference

// How a URL scanner reads the parts after the match: the hand-written readers or the regex ports.
struct UrlReaders {
  AsciiDomains (*ascii_domains)(const Patterns &, std::string_view);
  std::optional<TcoLink> (*tco_link)(const Patterns &, std::string_view);
};

// What extractUrlsWithIndices keeps of one match, shared by both URL scanners: nothing (too long,
// a bad label, a bad character before a URL without protocol), the URL, the ASCII-only domains of
// a URL without protocol, or a t.co link cut after its slug and query.
void append_url_entities(const Patterns &patterns, std::string_view text, const UrlMatch &match, bool without_protocol,
                         const UrlReaders &readers, std::vector<ByteEntity> &urls);

// removeOverlappingEntities: sorts by start and drops each entity that overlaps the one kept
// before it. Two entities never share a start (one kind's scanner moves on past each match, and
// each kind starts differently: @, #, $ or a URL's letter or digit), so the order is the one
// twitter-text's stable sort gives.
void remove_overlapping(std::vector<ByteEntity> &entities);

// isValidUrl's label check: every label of `domain` must encode (Punycode) to 1..63 characters.
[[nodiscard]] bool idna_labels_fit(std::string_view domain);

} // namespace handleguard::text::detail
