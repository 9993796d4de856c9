// extractUrlsWithIndices without the 1,600-way regular expression: a hand-written scanner that
// makes the same choices as twitter-text's extractUrl pattern (tried start by start, the
// preceding character before ^, protocol before none, as many subdomains as possible first,
// listed TLDs in list order, then Punycode). Checked against the regex port
// (reference::scan_urls) by tests/host/text/scanner_equivalence_test.cpp.
#include <array>
#include <optional>

#include "text/entity_scanners.hpp"
#include "text/url_chars.hpp"
#include "text/utf8_step.hpp"

namespace handleguard::text::detail {

namespace {
// validDomainChars: anything but punctuation, spaces, the invalid and the directional characters.
constexpr std::array<bool, 0x80> ascii_domain_chars = [] {
  std::array<bool, 0x80> chars{};
  for (char32_t c = 0; c < 0x80; ++c) {
    chars[c] = c <= 0x20 ? !(c >= 0x09 && c <= 0x0D) && c != 0x20 : is_ascii_alphanumeric(c) || c == '"' || c == '`' || c == 0x7F;
  }
  return chars;
}();

bool is_domain_char_beyond_ascii(char32_t c) {
  if (c == 0x85 || c == 0xA0 || c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
      c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000) {
    return false;
  }
  if (c == 0xFFFE || c == 0xFEFF || c == 0xFFFF) return false;
  if ((c >= 0x202A && c <= 0x202E) || c == 0x61C || c == 0x200E || c == 0x200F || (c >= 0x2066 && c <= 0x2069)) {
    return false;
  }
  return true;
}

inline bool is_domain_char(char32_t c) { return c < 0x80 ? ascii_domain_chars[c] : is_domain_char_beyond_ascii(c); }

struct Label {
  std::size_t begin = 0;
  std::size_t end = 0;       // the dot that follows it
  bool subdomain_ok = false; // validSubdomain: domain characters, '_' or '-', domain characters at both ends
  bool name_ok = false;      // validDomainName: the same without '_'
};

struct DomainMatch {
  std::size_t end = 0; // after the TLD
};

// Remembers the run of label characters being scanned, so that trying every start inside one
// long run (text without spaces, such as Japanese) costs no more than reading it once: every
// start in a run shares the labels after its first dot, and the outcome depends only on whether
// the first label, cut at the start, is still a valid subdomain or domain name.
class DomainScanner {
public:
  // `label_room`: a list whose room is reused for the labels after a run's dot (cleared here).
  DomainScanner(const Patterns &patterns, std::string_view text, std::vector<Label> &label_room)
      : patterns_(patterns), text_(text), later_labels_(label_room) {
    later_labels_.clear();
  }

  // validDomain at `pos`: subdomains (as many as possible first), a domain name, a TLD.
  std::optional<DomainMatch> at(std::size_t pos) {
    if (pos >= text_.size()) return std::nullopt;
    const auto first = decode_at(text_, pos);
    const bool joiner = first.value == '_' || first.value == '-';
    if (!joiner && !is_domain_char(first.value)) return std::nullopt;
    if (!(pos > run_begin_ && pos < run_end_)) read_run(pos);
    if (!run_ends_in_dot_) return std::nullopt;
    const bool starts_well = !joiner;
    const bool subdomain_ok = starts_well && run_ends_well_;
    const bool name_ok = subdomain_ok && (!last_underscore_ || *last_underscore_ < pos);
    const std::size_t key = (subdomain_ok ? 2U : 0U) + (name_ok ? 1U : 0U);
    if (!outcome_known_[key]) {
      outcome_[key] = evaluate(subdomain_ok, name_ok);
      outcome_known_[key] = true;
    }
    return outcome_[key];
  }

private:
  // Reads the run of label characters around `pos` and the labels after its dot.
  void read_run(std::size_t pos) {
    run_begin_ = pos;
    last_underscore_.reset();
    outcome_known_ = {};
    char32_t last = 0;
    std::size_t at = pos;
    while (at < text_.size()) {
      const auto point = decode_at(text_, at);
      if (point.value != '_' && point.value != '-' && !is_domain_char(point.value)) break;
      if (point.value == '_') last_underscore_ = at;
      last = point.value;
      at += point.length;
    }
    run_end_ = at;
    run_ends_in_dot_ = at < text_.size() && text_[at] == '.';
    run_ends_well_ = last != '_' && last != '-';
    later_labels_.clear();
    if (run_ends_in_dot_) read_labels(at + 1);
  }

  void read_labels(std::size_t pos) {
    while (pos < text_.size()) {
      Label label{pos, pos, true, true};
      bool first = true;
      char32_t last = 0;
      std::size_t at = pos;
      while (at < text_.size()) {
        const auto point = decode_at(text_, at);
        const bool joiner = point.value == '_' || point.value == '-';
        if (!joiner && !is_domain_char(point.value)) break;
        if (first && joiner) label.subdomain_ok = label.name_ok = false;
        if (point.value == '_') label.name_ok = false;
        first = false;
        last = point.value;
        at += point.length;
      }
      if (at == pos || at >= text_.size() || text_[at] != '.') return;
      if (last == '_' || last == '-') label.subdomain_ok = label.name_ok = false;
      label.end = at;
      later_labels_.push_back(label);
      pos = at + 1;
    }
  }

  std::optional<DomainMatch> evaluate(bool first_subdomain_ok, bool first_name_ok) const {
    const std::size_t count = later_labels_.size() + 1;
    const auto label_end = [&](std::size_t index) { return index == 0 ? run_end_ : later_labels_[index - 1].end; };
    const auto subdomain_ok = [&](std::size_t index) {
      return index == 0 ? first_subdomain_ok : later_labels_[index - 1].subdomain_ok;
    };
    const auto name_ok = [&](std::size_t index) { return index == 0 ? first_name_ok : later_labels_[index - 1].name_ok; };
    std::size_t subdomains = 0;
    while (subdomains < count && subdomain_ok(subdomains)) ++subdomains;
    for (std::size_t m = std::min(subdomains, count - 1) + 1; m-- > 0;) {
      if (!name_ok(m)) continue;
      const std::size_t tld = label_end(m) + 1;
      if (const std::size_t listed = patterns_.tld_lookup.listed_at(text_, tld); listed > 0) {
        return DomainMatch{tld + listed};
      }
      if (const std::size_t punycode = punycode_at(text_, tld); punycode > 0) return DomainMatch{tld + punycode};
    }
    return std::nullopt;
  }

  const Patterns &patterns_;
  std::string_view text_;
  std::size_t run_begin_ = 0;
  std::size_t run_end_ = 0;
  bool run_ends_in_dot_ = false;
  bool run_ends_well_ = false;
  std::optional<std::size_t> last_underscore_;
  std::vector<Label> &later_labels_;
  std::array<std::optional<DomainMatch>, 4> outcome_{};
  std::array<bool, 4> outcome_known_{};
};

// The end of validUrlPath at the '/' at `pos`. Without parentheses its units (path characters
// ending in an ending character, or @…/) add up to: the run of path characters, cut after its
// last ending character. A parenthesis (never a path character) may open or close a balanced
// pair the pattern takes in, so then RE2 reads the path.
std::size_t path_end(const Patterns &patterns, std::string_view text, std::size_t pos) {
  std::size_t end = pos + 1;
  std::size_t at = pos + 1;
  while (at < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80 && (ascii_url_classes[byte] & url_path_char) != 0) {
      ++at;
      if ((ascii_url_classes[byte] & url_path_ending) != 0) end = at;
      continue;
    }
    const auto point = decode_at(text, at);
    if (!is_url_path_char(point.value)) {
      if (point.value == '(' || point.value == ')') {
        re2::StringPiece match;
        if (!patterns.url_path_tail.Match(text, pos, text.size(), RE2::ANCHOR_START, &match, 1)) return pos;
        return pos + match.size();
      }
      break;
    }
    at += point.length;
    if (is_url_path_ending(point.value)) end = at;
  }
  return end;
}

// Port, path and query after the domain, each as greedy as twitter-text's pattern takes them.
void read_tail(const Patterns &patterns, std::string_view text, UrlMatch &found) {
  std::size_t at = found.domain_end;
  if (at + 1 < text.size() && text[at] == ':' && text[at + 1] >= '0' && text[at + 1] <= '9') {
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  }
  if (at < text.size() && text[at] == '/') {
    at = path_end(patterns, text, at);
    found.has_path = true;
  }
  if (at < text.size() && text[at] == '?') at = url_query_end(text, at);
  found.match_end = at;
}

std::optional<UrlMatch> url_at(const Patterns &patterns, std::string_view text, std::size_t url_begin,
                            std::size_t before_length, DomainScanner &domains) {
  UrlMatch found{url_begin, before_length, url_begin, 0, 0, false};
  if (const std::size_t protocol = protocol_length_at(text, url_begin); protocol > 0) {
    if (auto domain = domains.at(url_begin + protocol)) {
      found.domain_begin = url_begin + protocol;
      found.domain_end = domain->end;
      read_tail(patterns, text, found);
      return found;
    }
  }
  if (auto domain = domains.at(url_begin)) {
    found.domain_end = domain->end;
    read_tail(patterns, text, found);
    return found;
  }
  return std::nullopt;
}

std::size_t previous_start(std::string_view text, std::size_t pos) {
  do {
    --pos;
  } while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0U) == 0x80U);
  return pos;
}

bool is_label_char(char32_t c) { return c == '_' || c == '-' || is_domain_char(c); }

// The leftmost extractUrl match starting at or after `from`. A domain's first label ends at the
// first dot after it, so only the run of label characters before each dot (and a protocol just
// before that run) can start a match: the scan visits dots, not every character, and tries the
// starts around each in the order the pattern would (earliest start first; at the very start
// of the text the preceding-character alternative before ^).
std::optional<UrlMatch> next_url(const Patterns &patterns, std::string_view text, std::size_t from,
                              DomainScanner &domains) {
  const auto preceding_ok = [&](std::size_t char_start) {
    return char_start >= from && !refused_before_url(decode_at(text, char_start).value);
  };
  const auto try_at = [&](std::size_t url_begin, std::size_t before_length) {
    return url_at(patterns, text, url_begin, before_length, domains);
  };
  for (std::size_t dot = text.find('.', from); dot != std::string_view::npos; dot = text.find('.', dot + 1)) {
    std::size_t run = dot;
    while (run > from) {
      const std::size_t previous = previous_start(text, run);
      if (!is_label_char(decode_at(text, previous).value)) break;
      run = previous;
    }
    if (run == dot) continue; // a dot right after a non-label character ends no label
    // A protocol right before the run.
    for (const std::size_t protocol : {std::size_t{8}, std::size_t{7}}) {
      if (run < protocol || run - protocol < from || protocol_length_at(text, run - protocol) != protocol) continue;
      const std::size_t url_begin = run - protocol;
      if (url_begin > 0) {
        const std::size_t before = previous_start(text, url_begin);
        if (preceding_ok(before)) {
          if (auto found = try_at(url_begin, url_begin - before)) return found;
        }
      } else if (from == 0) {
        if (auto found = try_at(0, 0)) return found;
      }
      break;
    }
    // The character before the run, then each character inside it, as the preceding one.
    if (run > 0) {
      const std::size_t before = previous_start(text, run);
      if (preceding_ok(before)) {
        if (auto found = try_at(run, run - before)) return found;
      }
    }
    for (std::size_t at = run; at < dot;) {
      const std::size_t length = decode_at(text, at).length;
      if (length == 4 && at >= from) {
        // twitter-text reads UTF-16: an astral character's high half can be the preceding
        // character and its low half (a domain character) the domain's first, whatever comes
        // before it ("\uFEFF🪓-bad.example.com" links "-bad.example.com").
        if (auto found = try_at(at, 0)) return found;
      }
      if (preceding_ok(at) && at + length < dot) {
        if (auto found = try_at(at + length, length)) return found;
      }
      if (at == 0 && from == 0) {
        if (auto found = try_at(0, 0)) return found; // ^ comes after the preceding-character alternative
      }
      at += length;
    }
  }
  return std::nullopt;
}

} // namespace

void scan_urls(const Patterns &patterns, std::string_view text, bool without_protocol, std::vector<ByteEntity> &urls) {
  if (text.empty() || text.find(without_protocol ? '.' : ':') == std::string_view::npos) return;
  thread_local std::vector<Label> label_room;
  DomainScanner domains(patterns, text, label_room);
  std::size_t search_from = 0;
  while (auto found = next_url(patterns, text, search_from, domains)) {
    search_from = found->match_end;
    append_url_entities(patterns, text, *found, without_protocol, {ascii_domains, tco_link}, urls);
  }
}

} // namespace handleguard::text::detail
