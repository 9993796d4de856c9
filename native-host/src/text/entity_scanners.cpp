// Ports of twitter-text's extract*WithIndices (JavaScript, 3.1.0) over RE2. Each loop mirrors
// the JavaScript global-regex loop: search from where the last match ended, then apply the
// same after-the-fact checks twitter-text applies.
#include "text/entity_scanners.hpp"

#include <algorithm>
#include <array>

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
bool url_fits(const Patterns &patterns, std::string_view url, std::string_view protocol, std::string_view domain) {
  if (domain.starts_with("xn--") &&
      !patterns.valid_ascii_domain.Match(domain, 0, domain.size(), RE2::UNANCHORED, nullptr, 0)) {
    return false; // a Punycode domain cannot hold anything but ASCII
  }
  if (!idna_labels_fit(domain)) return false;
  return utf16_length(protocol) + utf16_length(url) <= max_url_length;
}

// The ASCII-only domains inside `domain` (validAsciiDomain, global), as [begin, end) within it.
std::vector<std::pair<std::size_t, std::size_t>> ascii_domains(const Patterns &patterns, std::string_view domain) {
  std::vector<std::pair<std::size_t, std::size_t>> found;
  std::size_t search_from = 0;
  std::size_t last_end = 0;
  std::array<re2::StringPiece, 2> groups;
  while (search_from <= domain.size() &&
         patterns.valid_ascii_domain.Match(domain, search_from, domain.size(), RE2::UNANCHORED, groups.data(), 2)) {
    std::size_t end = end_of(domain, groups[0]);
    if (matched(groups[1])) end -= groups[1].size();
    const std::string_view text = domain.substr(offset_of(domain, groups[0]), end - offset_of(domain, groups[0]));
    // twitter-text finds the match again with indexOf from the last end; do the same.
    const std::size_t begin = domain.find(text, last_end);
    found.emplace_back(begin, begin + text.size());
    last_end = begin + text.size();
    search_from = end > offset_of(domain, groups[0]) ? end : end + 1;
  }
  return found;
}
} // namespace

std::vector<ByteEntity> scan_urls(const Patterns &patterns, std::string_view text, bool without_protocol) {
  std::vector<ByteEntity> urls;
  if (text.empty() || text.find(without_protocol ? '.' : ':') == std::string_view::npos) return urls;
  std::array<re2::StringPiece, url_group::count> groups;
  std::size_t search_from = 0;
  while (search_from <= text.size() &&
         patterns.extract_url.Match(text, search_from, text.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(url_group::count))) {
    std::size_t match_end = end_of(text, groups[0]);
    if (matched(groups[url_group::stop])) match_end -= groups[url_group::stop].size();
    search_from = match_end;
    const std::size_t url_begin = end_of(text, groups[url_group::before]);
    const std::string_view url = text.substr(url_begin, match_end - url_begin);
    const std::string_view protocol = groups[url_group::protocol];
    const std::string_view tld =
        matched(groups[url_group::listed_tld]) ? groups[url_group::listed_tld] : groups[url_group::punycode_tld];
    const std::size_t domain_begin = offset_of(text, groups[url_group::domain_head]);
    const std::string_view domain = text.substr(domain_begin, end_of(text, tld) - domain_begin);
    std::string_view path;
    for (const std::size_t group : {url_group::path_after_port, url_group::path_without_port, url_group::path_after_punycode}) {
      if (matched(groups[group])) path = groups[group];
    }
    if (!url_fits(patterns, url, protocol.empty() ? default_protocol : protocol, domain)) continue;

    if (protocol.empty()) {
      const std::string_view before = groups[url_group::before];
      if (!without_protocol ||
          patterns.invalid_url_without_protocol_before.Match(before, 0, before.size(), RE2::UNANCHORED, nullptr, 0)) {
        continue;
      }
      const auto domains = ascii_domains(patterns, domain);
      if (domains.empty()) continue; // no ASCII-only domain: skip the whole URL
      for (const auto &[begin, end] : domains) {
        urls.push_back({EntityKind::url, url_begin + begin, url_begin + end, std::string(domain.substr(begin, end - begin)), {}});
      }
      if (!path.empty()) {
        // The last domain takes the port, path and query that follow the whole domain.
        auto &last = urls.back();
        last.text += url.substr(domain.size());
        last.end = match_end;
      }
      continue;
    }

    std::array<re2::StringPiece, 2> tco;
    if (patterns.valid_tco_url.Match(url, 0, url.size(), RE2::ANCHOR_START, tco.data(), 2)) {
      // A t.co link ends where its slug and query end; a slug that long is no t.co link.
      if (utf16_length(tco[1]) > max_tco_slug_length) continue;
      urls.push_back({EntityKind::url, url_begin, url_begin + tco[0].size(), std::string(tco[0]), {}});
      continue;
    }
    urls.push_back({EntityKind::url, url_begin, match_end, std::string(url), {}});
  }
  return urls;
}

std::vector<ByteEntity> scan_mentions_or_lists(const Patterns &patterns, std::string_view text) {
  std::vector<ByteEntity> mentions;
  if (text.find('@') == std::string_view::npos && text.find("\xEF\xBC\xA0") == std::string_view::npos) return mentions;
  std::array<re2::StringPiece, 5> groups;
  std::size_t search_from = 0;
  while (search_from <= text.size() &&
         patterns.mention_or_list.Match(text, search_from, text.size(), RE2::UNANCHORED, groups.data(), 5)) {
    const std::size_t match_end = end_of(text, groups[0]);
    search_from = match_end;
    if (starts_with_match(patterns.end_mention, text.substr(match_end))) continue;
    mentions.push_back({EntityKind::mention, offset_of(text, groups[2]), match_end, std::string(groups[3]),
                        std::string(groups[4])});
  }
  return mentions;
}

std::vector<ByteEntity> scan_hashtags(const Patterns &patterns, std::string_view text) {
  std::vector<ByteEntity> tags;
  if (text.find('#') == std::string_view::npos && text.find("\xEF\xBC\x83") == std::string_view::npos) return tags;
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
    tags.push_back({EntityKind::hashtag, offset_of(text, groups[2]), match_end, std::string(groups[3]), {}});
  }
  return tags;
}

std::vector<ByteEntity> scan_cashtags(const Patterns &patterns, std::string_view text) {
  std::vector<ByteEntity> tags;
  if (text.find('$') == std::string_view::npos) return tags;
  std::array<re2::StringPiece, 5> groups;
  std::size_t search_from = 0;
  while (search_from <= text.size() &&
         patterns.cashtag.Match(text, search_from, text.size(), RE2::UNANCHORED, groups.data(), 5)) {
    const std::size_t end = end_of(text, groups[3]); // the stop character is only looked at
    search_from = end;
    tags.push_back({EntityKind::cashtag, offset_of(text, groups[2]), end, std::string(groups[3]), {}});
  }
  return tags;
}

void remove_overlapping(std::vector<ByteEntity> &entities) {
  std::stable_sort(entities.begin(), entities.end(),
                   [](const ByteEntity &a, const ByteEntity &b) { return a.begin < b.begin; });
  std::vector<ByteEntity> kept;
  kept.reserve(entities.size());
  for (auto &entity : entities) {
    if (!kept.empty() && kept.back().end > entity.begin) continue;
    kept.push_back(std::move(entity));
  }
  entities = std::move(kept);
}

} // namespace handleguard::text::detail
