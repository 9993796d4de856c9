#include "text/tweet_patterns.hpp"

#include "text/hashtag_classes.hpp"

namespace handleguard::text::detail {

namespace {
// Character-class bodies, as twitter-text names them.
const std::string punct = R"(!'#%&()*+,\\\-./:;<=>?@\[\]\^_{|}~$)";
const std::string spaces_group =
    R"(\x{9}-\x{D}\x{20}\x{85}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000})";
const std::string invalid_chars_group = R"(\x{FFFE}\x{FEFF}\x{FFFF})";
const std::string directional_markers_group = R"(\x{202A}-\x{202E}\x{61C}\x{200E}\x{200F}\x{2066}-\x{2069})";
const std::string latin_accent_chars =
    R"(\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{FF}\x{100}-\x{24F}\x{253}\x{254}\x{256}\x{257}\x{259}\x{25B}\x{263})"
    R"(\x{268}\x{26F}\x{272}\x{289}\x{28B}\x{2BB}\x{300}-\x{36F}\x{1E00}-\x{1EFF})";
const std::string cyrillic_letters_and_marks = R"(\x{400}-\x{4FF})";
// twitter-text's patterns carry the `i` flag; JavaScript then matches a character whose upper
// case is that of one in the class, never mapping non-ASCII to ASCII. RE2's (?i) folds wider
// (the Kelvin sign with k, the Ångström sign with å, ſ with s), so the URL's classes spell out
// the cases JavaScript matches and run with case-insensitivity off: ASCII upper case plus these
// (what JavaScript's `i` adds to latinAccentChars and to cyrillicLettersAndMarks; see
// is_latin_accent_case_partner in url_chars.hpp).
const std::string latin_accent_case_partners =
    R"(\x{260}\x{269}\x{275}\x{280}\x{283}\x{288}\x{28A}\x{28C}\x{292}\x{399}\x{3B9}\x{1FBE}\x{2C65}\x{2C66})"
    R"(\x{2C7E}\x{2C7F}\x{A7DC})";
const std::string cyrillic_case_partners = R"(\x{1C80}-\x{1C87})";
const std::string letters_as_javascript_i = "a-zA-Z" + cyrillic_letters_and_marks + cyrillic_case_partners +
                                            latin_accent_chars + latin_accent_case_partners;
// JavaScript's \s, which is wider than RE2's.
const std::string javascript_space =
    R"(\t\n\x{B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF})";
const std::string at_signs = R"([@\x{FF20}])";
const std::string hash_signs = R"([#\x{FF03}])";

std::string alternation(const std::vector<std::string> &names) {
  std::string out = "(?:";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += '|';
    out += RE2::QuoteMeta(names[i]);
  }
  return out + ")";
}

RE2::Options options() {
  RE2::Options result;
  result.set_log_errors(false);
  result.set_max_mem(std::int64_t{256} << 20); // the URL pattern holds ~1,600 TLDs
  return result;
}

// The pieces of extractUrl.
struct UrlPieces {
  std::string preceding = "(?-i:[^A-Za-z0-9@\\x{FF20}$#\\x{FF03}" + invalid_chars_group + "]|[" +
                          directional_markers_group + "]|^)";
  std::string domain_char =
      "[^" + punct + spaces_group + invalid_chars_group + directional_markers_group + "]";
  std::string subdomain = "(?:(?:" + domain_char + "(?:[_-]|" + domain_char + ")*)?" + domain_char + "\\.)";
  std::string domain_name = "(?:(?:" + domain_char + "(?:-|" + domain_char + ")*)?" + domain_char + "\\.)";
  std::string punycode = "(?-i:[xX][nN]--[\\-0-9a-zA-Z]+)";
  std::string path_char = "[" + letters_as_javascript_i + "0-9!\\*';:=\\+,\\.\\$/%#\\[\\]\\-\\x{2013}_~@\\|&]";
  std::string balanced_parens = "\\((?:" + path_char + "+|(?:" + path_char + "*\\(" + path_char + "+\\)" +
                                path_char + "*))\\)";
  std::string path_ending = "(?:[\\+\\-" + letters_as_javascript_i + "0-9=_#/]|(?:" + balanced_parens + "))";
  std::string path_unit = "(?:(?:" + path_char + "*(?:" + balanced_parens + path_char + "*)*" + path_ending +
                          ")|(?:@" + path_char + "+/))";
  std::string path = "(?-i:/" + path_unit + "*)";
  std::string query_chars = R"([a-zA-Z0-9!?\*'@\(\);:&=\+\$/%#\[\]\-_\.,~|])";
  std::string query_ending = R"([a-zA-Z0-9\-_&=#/])";
  std::string query = "(?-i:\\?" + query_chars + "*" + query_ending + ")";
  std::string port = "[0-9]+";
  // twitter-text's lookahead after a listed TLD: (?=[^0-9a-zA-Z@+-]|$)
  std::string stop = "(?-i:$|[^0-9a-zA-Z@+\\-])";
};

std::string extract_url_pattern(const UrlPieces &p, const std::string &listed_tlds) {
  // Groups: 1 before, 2 protocol, 3 domain head, 4 listed TLD, 5-7 port/path/query, 8-9 path/query,
  // 10 query, 11 stop, 12 punycode TLD, 13-15 port/path/query. The listed-TLD branch spells out
  // "port, path or query follows" (each starts with : / ?, which the lookahead allows) before
  // the stop character, so the order of choices is twitter-text's.
  return "(?i)(" + p.preceding + ")((?-i:[hH][tT][tT][pP][sS]?://))?(" + p.subdomain + "*" + p.domain_name + ")(?:(" + listed_tlds +
         ")(?::(" + p.port + ")(" + p.path + ")?(" + p.query + ")?|(" + p.path + ")(" + p.query + ")?|(" + p.query +
         ")|(" + p.stop + "))|(" + p.punycode + ")(?::(" + p.port + "))?(" + p.path + ")?(" + p.query + ")?)";
}

// The pieces of isValidUrl (RFC 3986 with twitter-text's simplifications). twitter-text's
// patterns carry the `i` flag; as for extraction (see latin_accent_case_partners), the classes
// spell out the cases JavaScript matches and run without RE2's (?i), which would take the Kelvin
// sign for k and ſ for s (and leave both out of [^\x{0}-\x{7F}]).
struct ValidationPieces {
  std::string unreserved = "[a-zA-Z" + cyrillic_letters_and_marks + cyrillic_case_partners + R"(0-9\-._~])";
  std::string pct_encoded = "(?:%[0-9a-fA-F]{2})";
  std::string sub_delims = R"([!$&'()*+,;=])";
  std::string pchar = "(?:" + unreserved + "|" + pct_encoded + "|" + sub_delims + "|[:|@])";
  std::string userinfo = "(?:" + unreserved + "|" + pct_encoded + "|" + sub_delims + "|:)*";
  std::string dec_octet = "(?:[0-9]|(?:[1-9][0-9])|(?:1[0-9]{2})|(?:2[0-4][0-9])|(?:25[0-5]))";
  std::string ip = "(?:(?:" + dec_octet + "(?:\\." + dec_octet + "){3})|(?:\\[[a-fA-F0-9:\\.]+\\]))";
  std::string non_ascii = R"([^\x{0}-\x{7F}])";
  std::string unicode_subdomain = "(?:(?:[a-zA-Z0-9]|" + non_ascii + ")(?:(?:[a-zA-Z0-9_\\-]|" + non_ascii +
                                  ")*(?:[a-zA-Z0-9]|" + non_ascii + "))?)";
  std::string unicode_domain_segment = "(?:(?:[a-zA-Z0-9]|" + non_ascii + ")(?:(?:[a-zA-Z0-9\\-]|" + non_ascii +
                                       ")*(?:[a-zA-Z0-9]|" + non_ascii + "))?)";
  std::string unicode_tld = "(?:(?:[a-zA-Z]|" + non_ascii + ")(?:(?:[a-zA-Z0-9\\-]|" + non_ascii + ")*(?:[a-zA-Z0-9]|" +
                            non_ascii + "))?)";
  std::string unicode_domain =
      "(?:(?:" + unicode_subdomain + "\\.)*(?:" + unicode_domain_segment + "\\.)" + unicode_tld + ")";
  std::string ascii_domain = R"((?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9_\-]*[a-zA-Z0-9])?\.)*(?:[a-zA-Z0-9](?:[a-zA-Z0-9\-]*[a-zA-Z0-9])?\.))"
                             R"((?:[a-zA-Z](?:[a-zA-Z0-9\-]*[a-zA-Z0-9])?)))";
  std::string port = "[0-9]{1,5}";

  [[nodiscard]] std::string authority(const std::string &domain) const {
    return "(?:(" + userinfo + ")@)?((?:" + ip + "|" + domain + "))(?::(" + port + "))?";
  }
};
} // namespace

Patterns::Patterns(const TldTable &tlds)
    : extract_url([&] {
        const UrlPieces pieces;
        return extract_url_pattern(pieces, alternation(tlds.generic) + "|" + alternation(tlds.country));
      }(), options()),
      valid_ascii_domain([&] {
        const UrlPieces pieces;
        return "(?i)(?:(?-i:[\\-a-zA-Z0-9" + latin_accent_chars + latin_accent_case_partners + "])+\\.)+(?:(?:" + alternation(tlds.generic) + "|" +
               alternation(tlds.country) + ")(" + pieces.stop + ")|" + pieces.punycode + ")";
      }(), options()),
      valid_tco_url([] {
        const UrlPieces pieces;
        return "[hH][tT][tT][pP][sS]?://[tT]\\.[cC][oO]/([a-zA-Z0-9]+)(?:\\?" + pieces.query_chars + "*" + pieces.query_ending +
               ")?";
      }(), options()),
      mention_or_list("((?:^|[^a-zA-Z0-9_!#$%&*@\\x{FF20}]|(?:^|[^a-zA-Z0-9_+~.\\-])(?:rt|RT|rT|Rt):?))(" + at_signs +
                          ")([a-zA-Z0-9_]{1,20})(/[a-zA-Z][a-zA-Z0-9_\\-]{0,24})?",
                      options()),
      whole_list("^((?:^|[^a-zA-Z0-9_!#$%&*@\\x{FF20}]|(?:^|[^a-zA-Z0-9_+~.\\-])(?:rt|RT|rT|Rt):?))(" + at_signs +
                     ")([a-zA-Z0-9_]{1,20})(/[a-zA-Z][a-zA-Z0-9_\\-]{0,24})?$",
                 options()),
      end_mention("(?:" + at_signs + "|[" + latin_accent_chars + "]|://)", options()),
      hashtag("(^|\\x{FE0E}|\\x{FE0F}|$|[^" + std::string(hashtag_alpha_numeric_class) + "&])(" + hash_signs + ")([" +
                  std::string(hashtag_alpha_numeric_class) + "]*[" + std::string(hashtag_alpha_class) + "][" +
                  std::string(hashtag_alpha_numeric_class) + "]*)",
              options()),
      end_hashtag("(?:" + hash_signs + "|://)", options()),
      cashtag("(^|[" + spaces_group + "])(\\$)([a-zA-Z]{1,6}(?:[._][a-zA-Z]{1,2})?)($|[" + javascript_space + "]|[" +
                  punct + "])",
              options()),
      reply("[" + spaces_group + "]*" + at_signs + "([a-zA-Z0-9_]{1,20})", options()),
      invalid_url_without_protocol_before("[-_./]$", options()),
      url_unencoded(R"((?i)^(?:([^:/?#]+)://)?([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#([^\n\r\x{2028}\x{2029}]*))?$)",
                    options()),
      url_scheme("(?:[a-zA-Z][a-zA-Z0-9+\\-.]*)", options()),
      url_path([] {
        const ValidationPieces pieces;
        return "(?:/" + pieces.pchar + "*)*";
      }(), options()),
      url_query([] {
        const ValidationPieces pieces;
        return "(?:" + pieces.pchar + "|/|\\?)*";
      }(), options()),
      url_unicode_authority([] {
        const ValidationPieces pieces;
        return pieces.authority(pieces.unicode_domain);
      }(), options()),
      url_ascii_authority([] {
        const ValidationPieces pieces;
        return pieces.authority(pieces.ascii_domain);
      }(), options()),
      tld_lookup(tlds),
      url_path_tail([] {
        const UrlPieces pieces;
        return pieces.path;
      }(), options()),
      url_query_tail([] {
        const UrlPieces pieces;
        return pieces.query;
      }(), options()),
      hashtag_alpha(hashtag_alpha_class),
      hashtag_alpha_numeric(hashtag_alpha_numeric_class) {}

std::string Patterns::error() const {
  const std::pair<const char *, const RE2 *> all[] = {
      {"extractUrl", &extract_url},
      {"validAsciiDomain", &valid_ascii_domain},
      {"validTcoUrl", &valid_tco_url},
      {"validMentionOrList", &mention_or_list},
      {"isValidList", &whole_list},
      {"endMentionMatch", &end_mention},
      {"validHashtag", &hashtag},
      {"endHashtagMatch", &end_hashtag},
      {"validCashtag", &cashtag},
      {"validReply", &reply},
      {"invalidUrlWithoutProtocolPrecedingChars", &invalid_url_without_protocol_before},
      {"validateUrlUnencoded", &url_unencoded},
      {"validateUrlScheme", &url_scheme},
      {"validateUrlPath", &url_path},
      {"validateUrlQuery", &url_query},
      {"validateUrlUnicodeAuthority", &url_unicode_authority},
      {"validateUrlAuthority", &url_ascii_authority},
      {"validUrlPath", &url_path_tail},
      {"validUrlQuery", &url_query_tail},
  };
  for (const auto &[name, pattern] : all) {
    if (!pattern->ok()) return std::string(name) + ": " + pattern->error();
  }
  return {};
}

std::expected<std::shared_ptr<const Patterns>, std::string> compile_patterns(const TldTable &tlds) {
  auto patterns = std::make_shared<const Patterns>(tlds);
  if (auto problem = patterns->error(); !problem.empty()) {
    return std::unexpected("twitter-text pattern does not compile: " + problem);
  }
  return patterns;
}

} // namespace handleguard::text::detail
