// Ports of twitter-text's extract*WithIndices (JavaScript, 3.1.0) over RE2. Each loop mirrors
// the JavaScript global-regex loop: search from where the last match ended, then apply the
// same after-the-fact checks twitter-text applies.
#include "text/entity_scanners.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "text/url_chars.hpp"
#include "text/utf8_step.hpp"

namespace handleguard::text::detail {

namespace {
constexpr std::size_t max_url_length = 4096;
constexpr std::size_t max_tco_slug_length = 40;
constexpr std::string_view default_protocol = "https://";

std::size_t offset_of(std::string_view whole, std::string_view part) {
  return static_cast<std::size_t>(part.data() - whole.data());
}
std::size_t end_of(std::string_view whole, std::string_view part) { return offset_of(whole, part) + part.size(); }
bool matched(std::string_view group) { return group.data() != nullptr; }

// True when `pattern` matches at the very start of `text`.
bool starts_with_match(const RE2 &pattern, std::string_view text) {
  return pattern.Match(text, 0, text.size(), RE2::ANCHOR_START, nullptr, 0);
}

// isValidUrl of extractUrlsWithIndices: the domain's labels fit DNS and the URL (with the
// protocol it would get) fits 4,096 characters. twitter-text's idna.toAscii returns the domain
// unchanged, so the length is counted on the domain as written.
bool url_fits_impl(const Patterns &patterns, std::string_view url, std::string_view protocol, std::string_view domain) {
  if (domain.starts_with("xn--") && ascii_domains(patterns, domain).empty()) {
    return false; // a Punycode domain cannot hold anything but ASCII
  }
  if (!idna_labels_fit(domain)) return false;
  // A character takes at least as many bytes as UTF-16 units: count only a URL that may be too long.
  if (protocol.size() + url.size() <= max_url_length) return true;
  return utf16_length(protocol) + utf16_length(url) <= max_url_length;
}

// The ASCII-only domains inside `domain` (validAsciiDomain, global), as [begin, end) within it.
// Bounds decide where the TLD ends unless the match ends the domain in a non-ASCII character.
AsciiDomains ascii_domains_impl(const Patterns &patterns, std::string_view domain) {
  std::vector<std::pair<std::size_t, std::size_t>> found;
  std::size_t search_from = 0;
  std::size_t last_end = 0;
  re2::StringPiece bounds;
  while (search_from <= domain.size() &&
         patterns.valid_ascii_domain.Match(domain, search_from, domain.size(), RE2::UNANCHORED, &bounds, 1)) {
    const std::size_t begin = offset_of(domain, bounds);
    std::size_t end = end_of(domain, bounds);
    std::size_t last = end - 1;
    while (last > begin && (static_cast<unsigned char>(domain[last]) & 0xC0U) == 0x80U) --last;
    const char last_char = domain[last];
    const bool tld_character = last_char == '-' || (last_char >= '0' && last_char <= '9') ||
                               (last_char >= 'a' && last_char <= 'z') || (last_char >= 'A' && last_char <= 'Z');
    if (!tld_character) {
      if (end < domain.size()) {
        end = last; // the stop character after a listed TLD
      } else {
        std::array<re2::StringPiece, 2> groups;
        if (!patterns.valid_ascii_domain.Match(domain, search_from, domain.size(), RE2::UNANCHORED, groups.data(), 2)) break;
        if (matched(groups[1])) end -= groups[1].size();
      }
    }
    const std::string_view text = domain.substr(begin, end - begin);
    // twitter-text finds the match again with indexOf from the last end; do the same.
    const std::size_t position = domain.find(text, last_end);
    found.emplace_back(position, position + text.size());
    last_end = position + text.size();
    search_from = end > begin ? end : end + 1;
  }
  return found;
}

// The parts from the full pattern's capture groups: exact, but RE2 finds groups in a pattern
// this large (1,600 TLDs) an order of magnitude slower than bounds, so only for rare cases.
std::optional<UrlMatch> split_from_groups(const Patterns &patterns, std::string_view text, std::size_t search_from,
                                          RE2::Anchor anchor = RE2::UNANCHORED) {
  std::array<re2::StringPiece, url_group::count> groups;
  if (!patterns.extract_url.Match(text, search_from, text.size(), anchor, groups.data(),
                                  static_cast<int>(url_group::count))) {
    return std::nullopt;
  }
  UrlMatch split;
  split.match_end = end_of(text, groups[0]);
  if (matched(groups[url_group::stop])) split.match_end -= groups[url_group::stop].size();
  split.url_begin = end_of(text, groups[url_group::before]);
  split.before_length = groups[url_group::before].size();
  split.domain_begin = offset_of(text, groups[url_group::domain_head]);
  const re2::StringPiece tld =
      matched(groups[url_group::listed_tld]) ? groups[url_group::listed_tld] : groups[url_group::punycode_tld];
  split.domain_end = end_of(text, tld);
  for (const std::size_t group : {url_group::path_after_port, url_group::path_without_port, url_group::path_after_punycode}) {
    if (matched(groups[group]) && !groups[group].empty()) split.has_path = true;
  }
  return split;
}

// The parts from the match's bounds alone. A domain holds no ':', '/' or '?' and what follows it
// starts with one of them, so the bounds fix every part; the few spans where two readings remain
// (a match at the very start, or one ending the text in a non-ASCII character) return nothing
// and are split by the capture groups instead.
std::optional<UrlMatch> split_from_bounds(std::string_view text, std::size_t begin, std::size_t end) {
  UrlMatch split;
  if (begin > 0) {
    split.before_length = decode_at(text, begin).length;
  } else if (!refused_before_url(decode_at(text, 0).value)) {
    return std::nullopt; // the first character may be the preceding one, or the URL's own
  }
  split.url_begin = begin + split.before_length;
  split.domain_begin = split.url_begin + protocol_length_at(text.substr(0, end), split.url_begin);
  const std::size_t separator = text.substr(split.domain_begin, end - split.domain_begin).find_first_of(":/?");
  if (separator != std::string_view::npos) {
    const std::size_t at = split.domain_begin + separator;
    split.domain_end = at;
    if (text[at] == '/') {
      split.has_path = true;
      split.match_end = end;
    } else if (end == at + 1) {
      split.match_end = at; // a lone ':' or '?' was the stop character
    } else {
      split.match_end = end; // a port (maybe then a path) or a query
      if (text[at] == ':') {
        std::size_t after_port = at + 1;
        while (after_port < end && text[after_port] >= '0' && text[after_port] <= '9') ++after_port;
        split.has_path = after_port < end && text[after_port] == '/';
      }
    }
    return split;
  }
  // Nothing follows the domain: the last character is the TLD's own or the stop character.
  std::size_t last = end - 1;
  while (last > split.domain_begin && (static_cast<unsigned char>(text[last]) & 0xC0U) == 0x80U) --last;
  const char last_char = text[last];
  if (last_char == '-' || is_ascii_alphanumeric(static_cast<unsigned char>(last_char))) {
    split.domain_end = split.match_end = end; // the lookahead refuses these, so no stop character
    return split;
  }
  if (end == text.size()) return std::nullopt; // a TLD ending in this character, or a stop before the end
  split.domain_end = split.match_end = last;
  return split;
}

} // namespace

// validTcoUrl at the start of `url` by hand: http(s)://t.co/, a slug of ASCII letters and digits,
// and an optional query.
std::optional<TcoLink> tco_link(const Patterns & /*patterns*/, std::string_view url) {
  const std::size_t protocol = protocol_length_at(url, 0);
  if (protocol == 0 || url.size() < protocol + 6) return std::nullopt;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  if (lower(url[protocol]) != 't' || url[protocol + 1] != '.' || lower(url[protocol + 2]) != 'c' ||
      lower(url[protocol + 3]) != 'o' || url[protocol + 4] != '/') {
    return std::nullopt;
  }
  const std::size_t slug_begin = protocol + 5;
  std::size_t end = slug_begin;
  while (end < url.size() && is_ascii_alphanumeric(static_cast<unsigned char>(url[end]))) ++end;
  if (end == slug_begin) return std::nullopt;
  const std::size_t slug_length = end - slug_begin;
  if (end < url.size() && url[end] == '?') end = url_query_end(url, end);
  return TcoLink{end, slug_length};
}

namespace reference {
// validTcoUrl by its regular expression.
std::optional<TcoLink> tco_link(const Patterns &patterns, std::string_view url) {
  std::array<re2::StringPiece, 2> groups;
  if (!patterns.valid_tco_url.Match(url, 0, url.size(), RE2::ANCHOR_START, groups.data(), 2)) return std::nullopt;
  return TcoLink{groups[0].size(), utf16_length(groups[1])};
}
} // namespace reference

void append_url_entities(const Patterns &patterns, std::string_view text, const UrlMatch &match, bool without_protocol,
                         const UrlReaders &readers, std::vector<ByteEntity> &urls) {
  const std::string_view url = text.substr(match.url_begin, match.match_end - match.url_begin);
  const std::string_view domain = text.substr(match.domain_begin, match.domain_end - match.domain_begin);
  const std::string_view protocol = text.substr(match.url_begin, match.domain_begin - match.url_begin);
  if (!url_fits_impl(patterns, url, protocol.empty() ? default_protocol : protocol, domain)) return;

  if (protocol.empty()) {
    // invalidUrlWithoutProtocolPrecedingChars: [-_./]$ on the character before.
    const bool bad_before = match.url_begin > 0 && match.before_length == 1 &&
                            std::string_view("-_./").find(text[match.url_begin - 1]) != std::string_view::npos;
    if (!without_protocol || bad_before) return;
    const auto domains = readers.ascii_domains(patterns, domain);
    if (domains.empty()) return; // no ASCII-only domain: skip the whole URL
    for (const auto &[begin, end] : domains) {
      const std::size_t entity_begin = match.url_begin + begin;
      const std::size_t entity_end = match.url_begin + end;
      urls.push_back({EntityKind::url, entity_begin, entity_end, entity_begin, entity_end, 0});
    }
    if (match.has_path) {
      // The last domain takes the port, path and query that follow the whole domain.
      auto &last = urls.back();
      if (last.text_end != match.domain_end) last.text_resumes_at = match.domain_end;
      else last.text_end = match.match_end;
      last.end = match.match_end;
    }
    return;
  }

  if (const auto tco = readers.tco_link(patterns, url)) {
    // A t.co link ends where its slug and query end; a slug that long is no t.co link.
    if (tco->slug_length > max_tco_slug_length) return;
    const std::size_t end = match.url_begin + tco->length;
    urls.push_back({EntityKind::url, match.url_begin, end, match.url_begin, end, 0});
    return;
  }
  urls.push_back({EntityKind::url, match.url_begin, match.match_end, match.url_begin, match.match_end, 0});
}

namespace {
// validAsciiDomain's label characters, case-insensitive as JavaScript reads them.
bool is_ascii_label_char(char32_t c) {
  return is_ascii_alphanumeric(c) || c == '-' || is_latin_accent(c) || is_latin_accent_case_partner(c);
}

// The end of the run of validAsciiDomain label characters from `pos`.
std::size_t label_run_end(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    const auto point = decode_at(text, pos);
    if (!is_ascii_label_char(point.value)) break;
    pos += point.length;
  }
  return pos;
}

} // namespace

// validAsciiDomain, global, by hand: (?:[-a-z0-9<latin>]+\.)+ then a listed TLD (in list order,
// with its lookahead) or Punycode, with as many labels as possible first. Every start inside
// one label sees the same labels after it, so a failed start skips to the next label.
AsciiDomains ascii_domains(const Patterns &patterns, std::string_view domain) {
  std::vector<std::pair<std::size_t, std::size_t>> found;
  std::size_t last_end = 0;
  thread_local std::vector<std::size_t> dots; // its room reused from domain to domain
  for (std::size_t start = 0; start < domain.size();) {
    const std::size_t first_end = label_run_end(domain, start);
    if (first_end == start) {
      start += decode_at(domain, start).length;
      continue;
    }
    dots.clear();
    for (std::size_t end = first_end, from = start; end > from && end < domain.size() && domain[end] == '.';) {
      dots.push_back(end);
      from = end + 1;
      end = label_run_end(domain, from);
    }
    std::size_t match_end = 0;
    for (std::size_t k = dots.size(); k >= 1 && match_end == 0; --k) {
      const std::size_t tld = dots[k - 1] + 1;
      if (const std::size_t listed = patterns.tld_lookup.listed_at(domain, tld); listed > 0) match_end = tld + listed;
      else if (const std::size_t punycode = punycode_at(domain, tld); punycode > 0) match_end = tld + punycode;
    }
    if (match_end == 0) {
      start = dots.empty() ? first_end : dots.front() + 1;
      continue;
    }
    const std::string_view text = domain.substr(start, match_end - start);
    // twitter-text finds the match again with indexOf from the last end; do the same.
    const std::size_t position = domain.find(text, last_end);
    found.emplace_back(position, position + text.size());
    last_end = position + text.size();
    start = match_end;
  }
  return found;
}

namespace reference {

// twitter-text's expression runs over UTF-16, where the high half of an astral character can be
// the preceding character and its low half the domain's first. Over UTF-8 that start is the
// astral character itself with nothing before it: the expression is run on a copy that puts a
// space (always a fine preceding character) before it, and the offsets are moved back.
std::optional<UrlMatch> match_inside_astral(const Patterns &patterns, std::string_view text, std::size_t at) {
  const std::string shifted = " " + std::string(text.substr(at));
  auto found = split_from_groups(patterns, shifted, 0, RE2::ANCHOR_START);
  if (!found || found->url_begin != 1) return std::nullopt;
  const auto back = [&](std::size_t offset) { return offset - 1 + at; };
  return UrlMatch{at, 0, back(found->domain_begin), back(found->domain_end), back(found->match_end), found->has_path};
}

void scan_urls(const Patterns &patterns, std::string_view text, bool without_protocol, std::vector<ByteEntity> &urls) {
  if (text.empty() || text.find(without_protocol ? '.' : ':') == std::string_view::npos) return;
  std::size_t search_from = 0;
  re2::StringPiece bounds;
  while (search_from < text.size()) {
    std::optional<UrlMatch> found;
    std::size_t found_at = text.size(); // where the match's first character (the preceding one) is
    if (patterns.extract_url.Match(text, search_from, text.size(), RE2::UNANCHORED, &bounds, 1)) {
      found = split_from_bounds(text, offset_of(text, bounds), end_of(text, bounds));
      if (!found) found = split_from_groups(patterns, text, search_from);
      found_at = found->url_begin - found->before_length;
    }
    // A start inside an astral character comes before a match whose preceding character is
    // that character or a later one.
    for (std::size_t at = search_from; at <= found_at && at < text.size(); at += decode_at(text, at).length) {
      if (decode_at(text, at).length != 4) continue;
      if (auto inside = match_inside_astral(patterns, text, at)) {
        found = inside;
        break;
      }
    }
    if (!found) break;
    search_from = found->match_end;
    append_url_entities(patterns, text, *found, without_protocol, {ascii_domains_impl, reference::tco_link}, urls);
  }
}

void scan_mentions_or_lists(const Patterns &patterns, std::string_view text, std::vector<ByteEntity> &mentions) {
  if (text.find('@') == std::string_view::npos && text.find("\xEF\xBC\xA0") == std::string_view::npos) return;
  std::array<re2::StringPiece, 5> groups;
  std::size_t search_from = 0;
  while (search_from <= text.size() &&
         patterns.mention_or_list.Match(text, search_from, text.size(), RE2::UNANCHORED, groups.data(), 5)) {
    const std::size_t match_end = end_of(text, groups[0]);
    search_from = match_end;
    if (starts_with_match(patterns.end_mention, text.substr(match_end))) continue;
    mentions.push_back(
        {EntityKind::mention, offset_of(text, groups[2]), match_end, offset_of(text, groups[3]), end_of(text, groups[3]), 0});
  }
}

void scan_hashtags(const Patterns &patterns, std::string_view text, std::vector<ByteEntity> &tags) {
  if (text.find('#') == std::string_view::npos && text.find("\xEF\xBC\x83") == std::string_view::npos) return;
  std::array<re2::StringPiece, 4> groups;
  std::size_t search_from = 0;
  while (search_from <= text.size() &&
         patterns.hashtag.Match(text, search_from, text.size(), RE2::UNANCHORED, groups.data(), 4)) {
    const std::size_t match_begin = offset_of(text, groups[0]);
    const std::size_t match_end = end_of(text, groups[0]);
    // (?!\uFE0F|\u20E3) right after the hash sign: no match here; look again one step on.
    const char32_t first = decode_at(text, offset_of(text, groups[3])).value;
    if (first == 0xFE0F || first == 0x20E3) {
      search_from = match_begin + (match_begin < text.size() ? decode_at(text, match_begin).length : 1);
      continue;
    }
    search_from = match_end;
    if (starts_with_match(patterns.end_hashtag, text.substr(match_end))) continue;
    tags.push_back({EntityKind::hashtag, offset_of(text, groups[2]), match_end, offset_of(text, groups[3]), match_end, 0});
  }
}

void scan_cashtags(const Patterns &patterns, std::string_view text, std::vector<ByteEntity> &tags) {
  if (text.find('$') == std::string_view::npos) return;
  std::array<re2::StringPiece, 5> groups;
  std::size_t search_from = 0;
  while (search_from <= text.size() &&
         patterns.cashtag.Match(text, search_from, text.size(), RE2::UNANCHORED, groups.data(), 5)) {
    const std::size_t end = end_of(text, groups[3]); // the stop character is only looked at
    search_from = end;
    tags.push_back({EntityKind::cashtag, offset_of(text, groups[2]), end, offset_of(text, groups[3]), end, 0});
  }
}

} // namespace reference

void remove_overlapping(std::vector<ByteEntity> &entities) {
  if (entities.size() < 2) return;
  const auto by_start = [](const ByteEntity &a, const ByteEntity &b) {
    return a.begin != b.begin ? a.begin < b.begin : a.kind < b.kind;
  };
  // Already in order when there is one kind of entity, or kinds that do not interleave.
  if (!std::is_sorted(entities.begin(), entities.end(), by_start)) std::sort(entities.begin(), entities.end(), by_start);
  std::size_t kept = 1;
  for (std::size_t i = 1; i < entities.size(); ++i) {
    if (entities[kept - 1].end > entities[i].begin) continue;
    entities[kept++] = entities[i];
  }
  entities.resize(kept);
}

} // namespace handleguard::text::detail
