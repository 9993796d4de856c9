// Our text engine over many texts at once, for the differential test against twitter-text
// (tests/differential/twitter_text_differential.mjs): one process instead of one CLI run per text.
// Reads a JSON array of strings from the file named on the command line and prints a JSON array
// with, for each text, what `handleguard text --json` prints (v3), the list slug added to mentions.
// With --urls first, each string is a URL and the answer is isValidUrl's for it as
// [unicode domains + protocol required, ASCII domains + protocol required, unicode + no protocol].
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "text/tweet_text.hpp"
#include "text/tweet_text_json.hpp"
#include "util/atomic_file.hpp"
#include "util/utf.hpp"

namespace {
using nlohmann::ordered_json;
namespace text = handleguard::text;

ordered_json result_of(const text::TweetText &engine, const std::string &input) {
  if (!handleguard::util::is_valid_utf8(input)) return {{"error", "not valid UTF-8"}};
  const auto [count, entities] = engine.parse(input, engine.config(text::ConfigVersion::v3));
  return text::tweet_text_json(count, entities, text::ListSlugs::included);
}
} // namespace

int main(int argc, char **argv) {
  const bool urls = argc == 3 && std::string(argv[1]) == "--urls";
  if (argc != 2 && !urls) {
    std::cerr << "usage: handleguard_text_batch [--urls] TEXTS.json   (a JSON array of strings)\n";
    return 64;
  }
  const char *file = argv[argc - 1];
  const auto content = handleguard::util::read_file(file);
  const auto texts = nlohmann::json::parse(content.value_or(""), nullptr, false);
  if (!content || texts.is_discarded() || !texts.is_array()) {
    std::cerr << "handleguard_text_batch: " << file << ": not a JSON array of strings\n";
    return 65;
  }
  const auto engine = text::shared_tweet_text();
  if (!engine) {
    std::cerr << "handleguard_text_batch: " << engine.error() << "\n";
    return 78;
  }
  ordered_json results = ordered_json::array();
  for (const auto &item : texts) {
    if (!item.is_string()) {
      results.push_back({{"error", "not a string"}});
      continue;
    }
    const auto &input = item.get_ref<const std::string &>();
    if (urls) {
      if (!handleguard::util::is_valid_utf8(input)) {
        results.push_back({{"error", "not valid UTF-8"}});
        continue;
      }
      results.push_back({(*engine)->is_valid_url(input, true, true), (*engine)->is_valid_url(input, false, true),
                         (*engine)->is_valid_url(input, true, false)});
      continue;
    }
    results.push_back(result_of(**engine, input));
  }
  std::cout << results.dump() << "\n";
  return 0;
}
