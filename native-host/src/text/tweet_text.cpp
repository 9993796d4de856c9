// The engine's public face: loading its data, and the extractors and validators in UTF-16 terms.
#include "text/tweet_text.hpp"

#include <array>
#include <cstdlib>
#include <iterator>

#include <nlohmann/json.hpp>

#include "text/entity_scanners.hpp"
#include "text/tld_table.hpp"
#include "text/tweet_patterns.hpp"
#include "text/utf8_step.hpp"
#include "text/weighted_length.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::text {

namespace {
constexpr const char *data_subdir = "twitter-text";

std::expected<TextConfig, std::string> load_config(const std::filesystem::path &file) {
  const auto content = util::read_file(file);
  if (!content) return std::unexpected(content.error());
  const auto document = nlohmann::json::parse(*content, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return std::unexpected(file.string() + ": not a JSON object");
  const auto integer = [&](const char *key, int &out, bool required) -> std::expected<void, std::string> {
    const auto found = document.find(key);
    if (found == document.end()) {
      if (required) return std::unexpected(file.string() + ": \"" + key + "\" is missing");
      return {};
    }
    if (!found->is_number_integer()) return std::unexpected(file.string() + ": \"" + key + "\" is not a whole number");
    out = found->get<int>();
    return {};
  };
  TextConfig config;
  config.emoji_parsing_enabled = false;
  for (const auto &[key, field] : {std::pair{"version", &config.version},
                                   std::pair{"maxWeightedTweetLength", &config.max_weighted_tweet_length},
                                   std::pair{"scale", &config.scale}, std::pair{"defaultWeight", &config.default_weight},
                                   std::pair{"transformedURLLength", &config.transformed_url_length}}) {
    if (auto ok = integer(key, *field, true); !ok) return std::unexpected(ok.error());
  }
  if (config.scale <= 0 || config.max_weighted_tweet_length <= 0) {
    return std::unexpected(file.string() + ": \"scale\" and \"maxWeightedTweetLength\" must be positive");
  }
  if (const auto emoji = document.find("emojiParsingEnabled"); emoji != document.end()) {
    if (!emoji->is_boolean()) return std::unexpected(file.string() + ": \"emojiParsingEnabled\" is not true or false");
    config.emoji_parsing_enabled = emoji->get<bool>();
  }
  const auto ranges = document.find("ranges");
  if (ranges == document.end() || !ranges->is_array()) return std::unexpected(file.string() + ": \"ranges\" is not a list");
  for (const auto &range : *ranges) {
    const auto start = range.find("start");
    const auto end = range.find("end");
    const auto weight = range.find("weight");
    if (!range.is_object() || start == range.end() || end == range.end() || weight == range.end() ||
        !start->is_number_unsigned() || !end->is_number_unsigned() || !weight->is_number_integer()) {
      return std::unexpected(file.string() + ": a range needs whole-number \"start\", \"end\" and \"weight\"");
    }
    config.ranges.push_back({start->get<char32_t>(), end->get<char32_t>(), weight->get<int>()});
  }
  return config;
}

// Turns byte offsets (in increasing order, mostly) into UTF-16 offsets in one pass.
class Utf16Cursor {
public:
  explicit Utf16Cursor(std::string_view text) : text_(text) {}
  std::size_t at(std::size_t byte_offset) {
    if (byte_offset < byte_) byte_ = unit_ = 0;
    unit_ += detail::utf16_length(text_.substr(byte_, byte_offset - byte_));
    byte_ = byte_offset;
    return unit_;
  }

private:
  std::string_view text_;
  std::size_t byte_ = 0;
  std::size_t unit_ = 0;
};

Entity to_entity(std::string_view text, const detail::ByteEntity &entity, Utf16Cursor &cursor) {
  const std::size_t begin = cursor.at(entity.begin);
  const std::size_t end = cursor.at(entity.end);
  return {entity.text_in(text), begin, end, std::string(entity.list_slug_in(text))};
}

std::vector<Entity> to_entities(std::string_view text, const std::vector<detail::ByteEntity> &found) {
  std::vector<Entity> entities;
  entities.reserve(found.size());
  Utf16Cursor cursor(text);
  for (const auto &entity : found) entities.push_back(to_entity(text, entity, cursor));
  return entities;
}

// The list parse and extract_entities collect a text's entities in: one per thread, cleared for
// each text, so that after the first few texts finding entities allocates nothing.
std::vector<detail::ByteEntity> &entity_scratch() {
  thread_local std::vector<detail::ByteEntity> found;
  found.clear();
  return found;
}

// twitter-text compares an extracted name with the input minus its first character.
std::string_view without_first_character(std::string_view text) {
  return text.empty() ? text : text.substr(detail::decode_at(text, 0).length);
}
} // namespace

TweetText::TweetText(TextConfig v1, TextConfig v2, TextConfig v3, std::shared_ptr<const detail::Patterns> patterns)
    : v1_(std::move(v1)), v2_(std::move(v2)), v3_(std::move(v3)), patterns_(std::move(patterns)) {}

std::expected<TweetText, std::string> TweetText::load(const std::filesystem::path &data_dir) {
  const auto dir = data_dir / data_subdir;
  auto v1 = load_config(dir / "config-v1.json");
  if (!v1) return std::unexpected(v1.error());
  auto v2 = load_config(dir / "config-v2.json");
  if (!v2) return std::unexpected(v2.error());
  auto v3 = load_config(dir / "config-v3.json");
  if (!v3) return std::unexpected(v3.error());
  auto tlds = detail::load_tld_table(dir / "tld_lib.json");
  if (!tlds) return std::unexpected(tlds.error());
  auto patterns = detail::compile_patterns(*tlds);
  if (!patterns) return std::unexpected(patterns.error());
  return TweetText(std::move(*v1), std::move(*v2), std::move(*v3), std::move(*patterns));
}

const TextConfig &TweetText::config(ConfigVersion version) const {
  switch (version) {
  case ConfigVersion::v1: return v1_;
  case ConfigVersion::v2: return v2_;
  case ConfigVersion::v3: return v3_;
  }
  return v3_;
}

Entities TweetText::extract_entities(std::string_view utf8) const {
  auto &found = entity_scratch();
  detail::scan_urls(*patterns_, utf8, true, found);
  return entities_with_urls(utf8, found);
}

ParsedTweet TweetText::parse(std::string_view utf8, const TextConfig &config) const {
  auto &found = entity_scratch();
  detail::scan_urls(*patterns_, utf8, true, found);
  const std::span<const detail::ByteEntity> urls(found);
  ParsedTweet parsed;
  if (auto count = detail::weighted_length_if_plainly_nfc(utf8, urls, config)) {
    parsed.count = *count;
  } else if (detail::nfc_if_needed(utf8)) {
    parsed.count = parse_tweet(utf8, config); // counting reads the NFC form, with its own links
  } else {
    parsed.count = detail::weighted_length(utf8, utf8, urls, config);
  }
  parsed.entities = entities_with_urls(utf8, found);
  return parsed;
}

Entities TweetText::entities_with_urls(std::string_view utf8, std::vector<detail::ByteEntity> &all) const {
  detail::scan_mentions_or_lists(*patterns_, utf8, all);
  detail::scan_hashtags(*patterns_, utf8, all);
  detail::scan_cashtags(*patterns_, utf8, all);
  detail::remove_overlapping(all);

  Entities entities;
  std::array<std::size_t, 4> counts{};
  for (const auto &entity : all) ++counts[static_cast<std::size_t>(entity.kind)];
  entities.urls.reserve(counts[0]);
  entities.mentions.reserve(counts[1]);
  entities.hashtags.reserve(counts[2]);
  entities.cashtags.reserve(counts[3]);
  Utf16Cursor cursor(utf8);
  for (const auto &entity : all) {
    Entity out = to_entity(utf8, entity, cursor);
    switch (entity.kind) {
    case detail::EntityKind::url: entities.urls.push_back(std::move(out)); break;
    case detail::EntityKind::mention: entities.mentions.push_back(std::move(out)); break;
    case detail::EntityKind::hashtag: entities.hashtags.push_back(std::move(out)); break;
    case detail::EntityKind::cashtag: entities.cashtags.push_back(std::move(out)); break;
    }
  }
  return entities;
}

std::vector<Entity> TweetText::extract_urls(std::string_view utf8, bool without_protocol) const {
  return to_entities(utf8, detail::scanned(detail::scan_urls, *patterns_, utf8, without_protocol));
}

std::vector<Entity> TweetText::extract_mentions_or_lists(std::string_view utf8) const {
  return to_entities(utf8, detail::scanned(detail::scan_mentions_or_lists, *patterns_, utf8));
}

std::vector<Entity> TweetText::extract_mentions(std::string_view utf8) const {
  auto found = detail::scanned(detail::scan_mentions_or_lists, *patterns_, utf8);
  std::erase_if(found, [](const detail::ByteEntity &entity) { return entity.is_list(); });
  return to_entities(utf8, found);
}

std::vector<Entity> TweetText::extract_hashtags(std::string_view utf8, bool check_url_overlap) const {
  auto tags = detail::scanned(detail::scan_hashtags, *patterns_, utf8);
  if (check_url_overlap && !tags.empty()) {
    auto urls = detail::scanned(detail::scan_urls, *patterns_, utf8, true);
    if (!urls.empty()) {
      std::move(urls.begin(), urls.end(), std::back_inserter(tags));
      detail::remove_overlapping(tags);
      std::erase_if(tags, [](const detail::ByteEntity &entity) { return entity.kind != detail::EntityKind::hashtag; });
    }
  }
  return to_entities(utf8, tags);
}

std::vector<Entity> TweetText::extract_cashtags(std::string_view utf8) const {
  return to_entities(utf8, detail::scanned(detail::scan_cashtags, *patterns_, utf8));
}

std::optional<std::string> TweetText::extract_reply(std::string_view utf8) const {
  std::array<re2::StringPiece, 2> groups;
  if (utf8.empty() || !patterns_->reply.Match(utf8, 0, utf8.size(), RE2::ANCHOR_START, groups.data(), 2)) {
    return std::nullopt;
  }
  const std::string_view after = utf8.substr(groups[0].size());
  if (patterns_->end_mention.Match(after, 0, after.size(), RE2::ANCHOR_START, nullptr, 0)) return std::nullopt;
  return std::string(groups[1]);
}

bool TweetText::is_valid_username(std::string_view utf8) const {
  if (utf8.empty()) return false;
  const auto mentions = extract_mentions(utf8);
  return mentions.size() == 1 && mentions.front().text == without_first_character(utf8);
}

bool TweetText::is_valid_list(std::string_view utf8) const {
  std::array<re2::StringPiece, 5> groups;
  if (!patterns_->whole_list.Match(utf8, 0, utf8.size(), RE2::ANCHOR_BOTH, groups.data(), 5)) return false;
  return groups[1].empty() && !groups[4].empty();
}

bool TweetText::is_valid_hashtag(std::string_view utf8) const {
  if (utf8.empty()) return false;
  const auto tags = extract_hashtags(utf8, true);
  return tags.size() == 1 && tags.front().text == without_first_character(utf8);
}

std::filesystem::path default_data_dir() {
  if (const char *override_dir = std::getenv("HANDLEGUARD_DATA_DIR"); override_dir != nullptr && *override_dir != '\0') {
    return override_dir;
  }
  const std::filesystem::path installed = HANDLEGUARD_INSTALLED_DATA_DIR;
  std::error_code error;
  if (std::filesystem::exists(installed / data_subdir / "tld_lib.json", error)) return installed;
  return HANDLEGUARD_SOURCE_DATA_DIR;
}

std::expected<const TweetText *, std::string> shared_tweet_text() {
  static const auto engine = TweetText::load(default_data_dir());
  if (!engine) return std::unexpected(engine.error());
  return &*engine;
}

std::expected<ParseResult, std::string> parse_tweet(std::string_view utf8, ConfigVersion version) {
  const auto engine = shared_tweet_text();
  if (!engine) return std::unexpected(engine.error());
  return (*engine)->parse_tweet(utf8, (*engine)->config(version));
}

std::expected<Entities, std::string> extract_entities(std::string_view utf8) {
  const auto engine = shared_tweet_text();
  if (!engine) return std::unexpected(engine.error());
  return (*engine)->extract_entities(utf8);
}

} // namespace handleguard::text
