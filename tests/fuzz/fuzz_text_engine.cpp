// libFuzzer target: the text engine on post text it has never seen. The first line lists terms
// ("|"-separated; a leading "*" makes a substring term), the rest is the post. Checks the
// matcher's promises (spans inside the text, sorted) and runs X's counting and extraction.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "text/term_matcher.hpp"
#include "text/tweet_text.hpp"
#include "util/utf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char *>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view term_line = newline == std::string_view::npos ? std::string_view() : input.substr(0, newline);
  const std::string_view post = newline == std::string_view::npos ? input : input.substr(newline + 1);

  std::vector<handleguard::text::TermPattern> patterns;
  std::size_t start = 0;
  while (start <= term_line.size() && patterns.size() < 64) {
    const std::size_t bar = std::min(term_line.find('|', start), term_line.size());
    std::string_view term = term_line.substr(start, bar - start);
    const bool substring = term.starts_with('*');
    if (substring) term.remove_prefix(1);
    if (!term.empty()) patterns.push_back({std::string(term), substring});
    start = bar + 1;
  }
  const handleguard::text::TermMatcher matcher(patterns, {"scunthorpe"});
  const auto matches = matcher.find(post);
  // Spans are UTF-16 offsets, defined for valid text (the host refuses anything else); on
  // invalid bytes the matcher must still be memory-safe, which the sanitizers check.
  const bool valid = handleguard::util::is_valid_utf8(post);
  const std::size_t utf16_length = valid ? handleguard::util::to_utf16(post).size() : SIZE_MAX;
  for (const auto &match : matches) {
    if (match.begin >= match.end || match.end > utf16_length || match.pattern_index >= patterns.size()) std::abort();
  }
  if (!std::is_sorted(matches.begin(), matches.end(), [](const auto &a, const auto &b) { return a.begin < b.begin; })) {
    std::abort();
  }

  if (valid) {
    if (const auto engine = handleguard::text::shared_tweet_text()) {
      const auto &config = (*engine)->config(handleguard::text::ConfigVersion::v3);
      const auto count = (*engine)->parse_tweet(post, config);
      const auto entities = (*engine)->extract_entities(post);
      // parse() shares one link scan between the two: it must agree with them.
      const auto both = (*engine)->parse(post, config);
      if (both.count.weighted_length != count.weighted_length || both.count.valid_range_end != count.valid_range_end ||
          both.entities.urls.size() != entities.urls.size() || both.entities.mentions.size() != entities.mentions.size() ||
          both.entities.hashtags.size() != entities.hashtags.size() ||
          both.entities.cashtags.size() != entities.cashtags.size()) {
        std::abort();
      }
      (void)(*engine)->extract_reply(post);
    }
  }
  return 0;
}
