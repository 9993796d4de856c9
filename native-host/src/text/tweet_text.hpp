#pragma once
// X's own text rules (twitter-text): how long a post is as X counts it, whether X would accept
// it, and the links, @mentions, lists, #hashtags and $cashtags in it, with the offsets X's
// JavaScript gives. Proven against X's conformance suite (tests/host/text/), see docs/text-engine.md.
//
// Offsets are UTF-16 code units, [begin, end), over the whole entity including its sigil — what
// the extension highlights and what twitter-text's `extractEntitiesWithIndices` returns.
// Every function takes well-formed UTF-8 (check with util::is_valid_utf8 first).
#include <cstddef>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::text {

namespace detail {
struct Patterns;   // compiled scanners, built once from the TLD list (tweet_patterns.hpp)
struct ByteEntity; // an entity with byte offsets (entity_scanners.hpp)
} // namespace detail

// v3 is X's current counting; v2 counts emoji by code point; v1 is the old 140-character rule
// (kept because X's conformance suite still checks it).
enum class ConfigVersion { v1, v2, v3 };

// One range of code points and the weight each of them adds (scaled by `TextConfig::scale`).
struct WeightRange {
  char32_t start = 0; // inclusive
  char32_t end = 0;   // inclusive
  int weight = 0;
};

// twitter-text's counting configuration (data/twitter-text/config-v1.json … config-v3.json).
struct TextConfig {
  int version = 3;
  int max_weighted_tweet_length = 280;
  int scale = 100;
  int default_weight = 200;
  bool emoji_parsing_enabled = true; // v3: an emoji sequence counts once, with `default_weight`
  int transformed_url_length = 23;   // every URL counts as this many characters
  std::vector<WeightRange> ranges;
};

// The fields of twitter-text's `parseTweet`. Range ends are inclusive, as in twitter-text.
struct ParseResult {
  int weighted_length = 0;
  bool valid = false;
  int permillage = 0;
  std::size_t display_range_start = 0;
  std::size_t display_range_end = 0;
  std::size_t valid_range_start = 0;
  // Negative when nothing is valid and NFC made the text longer: twitter-text shifts the end by
  // the difference in length (U+0958 becomes two characters, so "\uFFFF\u0958" ends at -1).
  std::ptrdiff_t valid_range_end = 0;
};

struct Entity {
  std::string text;      // the URL as written; a screen name, hashtag or cashtag without its sigil
  std::size_t begin = 0; // UTF-16 offset of the first code unit (the sigil for @, #, $)
  std::size_t end = 0;   // UTF-16 offset one past the last code unit
  std::string list_slug; // mentions only: "/slug" when the mention names a list, else empty
};

// What `extractEntitiesWithIndices` finds, overlaps removed, each list in text order.
struct Entities {
  std::vector<Entity> urls;
  std::vector<Entity> mentions; // screen names and lists (a list has `list_slug` set)
  std::vector<Entity> hashtags;
  std::vector<Entity> cashtags;
};

// Both at once: what `parse_tweet` and `extract_entities` return for the same text.
struct ParsedTweet {
  ParseResult count;
  Entities entities;
};

// The engine: configs and the TLD list loaded once; every call after that is const and
// thread-safe.
class TweetText {
public:
  // Reads config-v1/v2/v3.json and tld_lib.json from `data_dir`/twitter-text.
  [[nodiscard]] static std::expected<TweetText, std::string> load(const std::filesystem::path &data_dir);

  [[nodiscard]] const TextConfig &config(ConfigVersion version) const;

  // parseTweet: weighted length (NFC first, URLs as `transformed_url_length`, emoji sequences
  // once), validity, permillage and the display and valid ranges.
  [[nodiscard]] ParseResult parse_tweet(std::string_view utf8, const TextConfig &config) const;

  // extractEntitiesWithIndices, split by kind.
  [[nodiscard]] Entities extract_entities(std::string_view utf8) const;

  // parse_tweet and extract_entities together, finding the links once when the text is already
  // NFC (nearly always): what the CLI and a caller wanting both should use.
  [[nodiscard]] ParsedTweet parse(std::string_view utf8, const TextConfig &config) const;

  // The single extractors, as twitter-text has them.
  [[nodiscard]] std::vector<Entity> extract_urls(std::string_view utf8, bool without_protocol = true) const;
  [[nodiscard]] std::vector<Entity> extract_mentions_or_lists(std::string_view utf8) const;
  [[nodiscard]] std::vector<Entity> extract_mentions(std::string_view utf8) const; // lists left out
  [[nodiscard]] std::vector<Entity> extract_hashtags(std::string_view utf8, bool check_url_overlap = true) const;
  [[nodiscard]] std::vector<Entity> extract_cashtags(std::string_view utf8) const;
  // The screen name a post replies to when it starts with one (after spaces), else nothing.
  [[nodiscard]] std::optional<std::string> extract_reply(std::string_view utf8) const;

  // twitter-text's validators.
  [[nodiscard]] bool is_valid_tweet(std::string_view utf8, const TextConfig &config) const;
  [[nodiscard]] bool is_valid_username(std::string_view utf8) const;
  [[nodiscard]] bool is_valid_list(std::string_view utf8) const;
  [[nodiscard]] bool is_valid_hashtag(std::string_view utf8) const;
  [[nodiscard]] bool is_valid_url(std::string_view utf8, bool unicode_domains = true, bool require_protocol = true) const;

private:
  // extract_entities once the links are known: the other entities join `urls`.
  [[nodiscard]] Entities entities_with_urls(std::string_view utf8, std::vector<detail::ByteEntity> &urls) const;
  TweetText(TextConfig v1, TextConfig v2, TextConfig v3, std::shared_ptr<const detail::Patterns> patterns);
  TextConfig v1_;
  TextConfig v2_;
  TextConfig v3_;
  std::shared_ptr<const detail::Patterns> patterns_;
};

// Where the runtime data lives: $HANDLEGUARD_DATA_DIR when set, else the installed
// share/handleguard when it holds the data, else native-host/data of the source tree.
[[nodiscard]] std::filesystem::path default_data_dir();

// The engine loaded once from default_data_dir(); the error names the file that is missing or bad.
[[nodiscard]] std::expected<const TweetText *, std::string> shared_tweet_text();

// Shortcuts over shared_tweet_text(), for callers that count or extract once per post.
[[nodiscard]] std::expected<ParseResult, std::string> parse_tweet(std::string_view utf8,
                                                                  ConfigVersion version = ConfigVersion::v3);
[[nodiscard]] std::expected<Entities, std::string> extract_entities(std::string_view utf8);

} // namespace handleguard::text
