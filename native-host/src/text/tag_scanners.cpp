// Hand-written extractMentionsOrListsWithIndices, extractHashtagsWithIndices and
// extractCashtagsWithIndices: each tries the starts a match could have (a few characters before
// a sigil) in the order twitter-text's pattern would, with its alternatives in its order.
// Checked against the regex ports (reference::*) by tests/host/text/scanner_equivalence_test.cpp.
#include <algorithm>
#include <optional>

#include "text/entity_scanners.hpp"
#include "text/url_chars.hpp"
#include "text/utf8_step.hpp"

namespace handleguard::text::detail {

namespace {
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_name_char(char32_t c) { return is_ascii_letter(c) || is_ascii_digit(c) || c == '_'; }
bool is_at_sign(char32_t c) { return c == '@' || c == 0xFF20; }
bool is_hash_sign(char32_t c) { return c == '#' || c == 0xFF03; }

char32_t at(std::string_view text, std::size_t pos) { return pos < text.size() ? decode_at(text, pos).value : 0; }
std::size_t next(std::string_view text, std::size_t pos) { return pos + decode_at(text, pos).length; }
std::size_t previous(std::string_view text, std::size_t pos) {
  do {
    --pos;
  } while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0U) == 0x80U);
  return pos;
}
// Steps back up to `steps` characters from `pos`, not below `floor`.
std::size_t back(std::string_view text, std::size_t pos, int steps, std::size_t floor) {
  while (steps-- > 0 && pos > floor) pos = previous(text, pos);
  return pos;
}

// ---- mentions ----------------------------------------------------------------------------

struct MentionMatch {
  std::size_t at_sign = 0;
  std::size_t name_end = 0;
  std::size_t end = 0;
};

// The at sign at `pos`, a screen name of 1 to 20 characters (greedy) and an optional list.
std::optional<MentionMatch> mention_body(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || !is_at_sign(at(text, pos))) return std::nullopt;
  const std::size_t name_begin = next(text, pos);
  std::size_t end = name_begin;
  while (end < text.size() && end - name_begin < 20 && is_name_char(static_cast<unsigned char>(text[end]))) ++end;
  if (end == name_begin) return std::nullopt;
  MentionMatch match{pos, end, end};
  if (end + 1 < text.size() && text[end] == '/' && is_ascii_letter(static_cast<unsigned char>(text[end + 1]))) {
    std::size_t list_end = end + 2;
    while (list_end < text.size() && list_end - (end + 2) < 24 &&
           (is_name_char(static_cast<unsigned char>(text[list_end])) || text[list_end] == '-')) {
      ++list_end;
    }
    match.end = list_end;
  }
  return match;
}

bool is_rt(std::string_view text, std::size_t pos) {
  return pos + 1 < text.size() && (text[pos] == 'r' || text[pos] == 'R') && (text[pos + 1] == 't' || text[pos + 1] == 'T');
}

// validMentionPrecedingChars' third alternative from `pos` (after its own ^ or character): rt
// or RT, an optional colon (greedy), then the mention.
std::optional<MentionMatch> after_rt(std::string_view text, std::size_t pos) {
  if (!is_rt(text, pos)) return std::nullopt;
  if (pos + 2 < text.size() && text[pos + 2] == ':') {
    if (auto match = mention_body(text, pos + 3)) return match;
  }
  return mention_body(text, pos + 2);
}

// Every way validMentionOrList can match starting at `start`, in its order.
std::optional<MentionMatch> mention_from(std::string_view text, std::size_t start) {
  if (start == 0) {
    if (auto match = mention_body(text, 0)) return match;
  }
  if (start >= text.size()) return std::nullopt;
  const char32_t c = at(text, start);
  const bool plain_before = !(is_name_char(c) || c == '!' || c == '#' || c == '$' || c == '%' || c == '&' ||
                              c == '*' || is_at_sign(c));
  if (plain_before) {
    if (auto match = mention_body(text, next(text, start))) return match;
  }
  if (start == 0) {
    if (auto match = after_rt(text, 0)) return match;
  }
  const bool rt_before = !(is_name_char(c) || c == '+' || c == '~' || c == '.' || c == '-');
  if (rt_before) return after_rt(text, next(text, start));
  return std::nullopt;
}

// endMentionMatch: an at sign, a Latin accented letter or "://" right after.
bool mention_continues(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  const char32_t c = at(text, pos);
  return is_at_sign(c) || is_latin_accent(c) || text.substr(pos, 3) == "://";
}

// ---- hashtags ----------------------------------------------------------------------------

struct HashtagMatch {
  std::size_t hash = 0;
  std::size_t end = 0;
};

std::optional<HashtagMatch> hashtag_body(const Patterns &patterns, std::string_view text, std::size_t pos) {
  if (pos >= text.size() || !is_hash_sign(at(text, pos))) return std::nullopt;
  const std::size_t body = next(text, pos);
  const char32_t first = at(text, body);
  if (first == 0xFE0F || first == 0x20E3) return std::nullopt;
  bool has_letter = false;
  std::size_t end = body;
  while (end < text.size()) {
    const auto point = decode_at(text, end);
    if (!patterns.hashtag_alpha_numeric.contains(point.value)) break;
    has_letter = has_letter || patterns.hashtag_alpha.contains(point.value);
    end += point.length;
  }
  if (!has_letter) return std::nullopt;
  return HashtagMatch{pos, end};
}

// hashtagBoundary then the hashtag, from `start`: ^, or U+FE0E, U+FE0F or any character that is
// no hashtag letter or digit and no '&'.
std::optional<HashtagMatch> hashtag_from(const Patterns &patterns, std::string_view text, std::size_t start) {
  if (start == 0) {
    if (auto match = hashtag_body(patterns, text, 0)) return match;
  }
  if (start >= text.size()) return std::nullopt;
  const char32_t c = at(text, start);
  if (c == 0xFE0E || c == 0xFE0F || (!patterns.hashtag_alpha_numeric.contains(c) && c != '&')) {
    return hashtag_body(patterns, text, next(text, start));
  }
  return std::nullopt;
}

// ---- shared driver -----------------------------------------------------------------------

// Where the next ASCII and the next wide sigil lie. It lives across the matches of one scan, whose
// searches only move forward, so a text with many sigils of one kind and none (or few) of the
// other is read once, not once per match.
class SigilFinder {
public:
  SigilFinder(std::string_view text, std::string_view ascii_sigil, std::string_view wide_sigil)
      : text_(text), ascii_sigil_(ascii_sigil), wide_sigil_(wide_sigil), ascii_(text.find(ascii_sigil)),
        wide_(text.find(wide_sigil)) {}

  // The first sigil at or after `search` (never less than an earlier call's), or npos.
  [[nodiscard]] std::size_t first_from(std::size_t search) {
    if (ascii_ != std::string_view::npos && ascii_ < search) ascii_ = text_.find(ascii_sigil_, search);
    if (wide_ != std::string_view::npos && wide_ < search) wide_ = text_.find(wide_sigil_, search);
    return std::min(ascii_, wide_);
  }

private:
  std::string_view text_;
  std::string_view ascii_sigil_;
  std::string_view wide_sigil_;
  std::size_t ascii_;
  std::size_t wide_;
};

// Tries every start from `from` that could reach a sigil (`reach` characters before one), each
// once and in order, and returns the first match `from_start` finds.
template <typename Match, typename FromStart>
std::optional<Match> first_match(std::string_view text, std::size_t from, SigilFinder &sigils, int reach,
                                 const FromStart &from_start) {
  std::size_t tested_until = from; // every start below this has been tried
  std::size_t search = from;
  while (search < text.size()) {
    const std::size_t sigil = sigils.first_from(search);
    if (sigil == std::string_view::npos) return std::nullopt;
    for (std::size_t start = std::max(tested_until, back(text, sigil, reach, from)); start <= sigil;) {
      if (auto match = from_start(start)) return match;
      start = start < text.size() ? next(text, start) : start + 1;
      tested_until = start;
    }
    search = sigil + 1;
  }
  return std::nullopt;
}
} // namespace

void scan_mentions_or_lists(const Patterns & /*patterns*/, std::string_view text, std::vector<ByteEntity> &mentions) {
  std::size_t from = 0;
  SigilFinder sigils(text, "@", "\xEF\xBC\xA0");
  while (auto match = first_match<MentionMatch>(text, from, sigils, 4,
                                                [&](std::size_t start) { return mention_from(text, start); })) {
    from = match->end;
    if (mention_continues(text, match->end)) continue;
    const std::size_t name_begin = next(text, match->at_sign);
    mentions.push_back({EntityKind::mention, match->at_sign, match->end, name_begin, match->name_end, 0});
  }
}

void scan_hashtags(const Patterns &patterns, std::string_view text, std::vector<ByteEntity> &tags) {
  std::size_t from = 0;
  SigilFinder sigils(text, "#", "\xEF\xBC\x83");
  while (auto match = first_match<HashtagMatch>(text, from, sigils, 1, [&](std::size_t start) {
           return hashtag_from(patterns, text, start);
         })) {
    from = match->end;
    // endHashtagMatch: a hash sign or "://" right after.
    if (match->end < text.size() && (is_hash_sign(at(text, match->end)) || text.substr(match->end, 3) == "://")) continue;
    const std::size_t body = next(text, match->hash);
    tags.push_back({EntityKind::hashtag, match->hash, match->end, body, match->end, 0});
  }
}

namespace {
// JavaScript's \s.
bool is_javascript_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}
// spaces (twitter-text's spacesGroup)
bool is_twitter_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 || c == 0x180E ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}
bool is_punct(char32_t c) { return c < 0x80 && std::string_view(R"(!'#%&()*+,\-./:;<=>?@[]^_{|}~$)").find(static_cast<char>(c)) != std::string_view::npos; }

// (?=$|\s|[punct]) at `pos`.
bool cashtag_may_end_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;
  const char32_t c = at(text, pos);
  return is_javascript_space(c) || is_punct(c);
}

// The cashtag after the dollar at `dollar`: [a-z]{1,6}(?:[._][a-z]{1,2})? followed by what the
// lookahead allows, trying the longest first as the pattern does; its end or 0.
std::size_t cashtag_end(std::string_view text, std::size_t dollar) {
  const auto letter = [&](std::size_t pos) { return pos < text.size() && is_ascii_letter(static_cast<unsigned char>(text[pos])); };
  std::size_t letters = 0;
  while (letter(dollar + 1 + letters)) ++letters;
  if (letters == 0) return 0;
  for (std::size_t count = std::min<std::size_t>(letters, 6); count >= 1; --count) {
    const std::size_t after = dollar + 1 + count;
    if (after < text.size() && (text[after] == '.' || text[after] == '_') && letter(after + 1)) {
      const std::size_t two = letter(after + 2) ? after + 3 : 0;
      if (two != 0 && cashtag_may_end_at(text, two)) return two;
      if (cashtag_may_end_at(text, after + 2)) return after + 2;
    }
    if (cashtag_may_end_at(text, after)) return after;
  }
  return 0;
}
} // namespace

void scan_cashtags(const Patterns & /*patterns*/, std::string_view text, std::vector<ByteEntity> &tags) {
  std::size_t from = 0;
  for (std::size_t dollar = text.find('$', from); dollar != std::string_view::npos; dollar = text.find('$', from)) {
    const bool start_ok = (dollar == 0) || (previous(text, dollar) >= from && is_twitter_space(at(text, previous(text, dollar))));
    const std::size_t end = start_ok ? cashtag_end(text, dollar) : 0;
    if (end == 0) {
      from = dollar + 1;
      continue;
    }
    tags.push_back({EntityKind::cashtag, dollar, end, dollar + 1, end, 0});
    from = end;
  }
}

} // namespace handleguard::text::detail
