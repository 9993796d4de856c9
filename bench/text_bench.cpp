// Our engine on the benchmark corpus, in-process: parse (parse_tweet and extract_entities) for every
// post, the same work as bench/twitter_text_bench.mjs does with X's JavaScript. Prints one JSON
// line: median microseconds of CPU time per post for the 280- and 25,000-character sets, and a checksum of
// the results (it must equal twitter-text's, or the two did not do the same work).
#include <algorithm>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/tweet_text.hpp"
#include "util/atomic_file.hpp"

namespace {
using handleguard::text::TweetText;

// CPU time of this process, as Node's process.cpuUsage() gives the other side: on a shared
// machine wall time measures the neighbours.
double cpu_microseconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

long long work(const TweetText &engine, const std::string &text) {
  // parse() is parse_tweet and extract_entities in one call (the links found once), what the
  // CLI uses; twitter-text's side calls parseTweet and extractEntitiesWithIndices.
  const auto [count, entities] = engine.parse(text, engine.config(handleguard::text::ConfigVersion::v3));
  long long sum = count.weighted_length + static_cast<long long>(count.valid_range_end) + (count.valid ? 1 : 0);
  for (const auto *list : {&entities.urls, &entities.mentions, &entities.hashtags, &entities.cashtags}) {
    for (const auto &entity : *list) sum += 1 + static_cast<long long>(entity.begin + entity.end);
  }
  return sum;
}

nlohmann::json measure(const TweetText &engine, const std::vector<std::string> &posts, int rounds) {
  long long checksum = 0;
  for (const auto &text : posts) checksum += work(engine, text); // warm-up, and the checksum
  std::vector<double> per_post;
  for (int round = 0; round < rounds; ++round) {
    const double start = cpu_microseconds();
    long long sink = 0;
    for (const auto &text : posts) sink += work(engine, text);
    const double elapsed = cpu_microseconds() - start;
    if (sink != checksum) std::cerr << "text_bench: results changed between rounds\n";
    per_post.push_back(elapsed / static_cast<double>(posts.size()));
  }
  std::sort(per_post.begin(), per_post.end());
  return {{"median_us", per_post[per_post.size() / 2]}, {"checksum", checksum}};
}
} // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: handleguard_text_bench CORPUS.json (see bench/text_vs_twitter_text.sh)\n";
    return 64;
  }
  const auto content = handleguard::util::read_file(argv[1]);
  const auto corpus = nlohmann::json::parse(content.value_or(""), nullptr, false);
  if (corpus.is_discarded() || !corpus.contains("short") || !corpus.contains("long")) {
    std::cerr << "handleguard_text_bench: " << argv[1] << ": not a corpus from bench/text_corpus.mjs\n";
    return 65;
  }
  const auto engine = TweetText::load(HANDLEGUARD_SOURCE_DATA_DIR);
  if (!engine) {
    std::cerr << "handleguard_text_bench: " << engine.error() << "\n";
    return 78;
  }
  const auto short_posts = corpus.at("short").get<std::vector<std::string>>();
  const auto long_posts = corpus.at("long").get<std::vector<std::string>>();
  std::cout << nlohmann::json{{"engine", "handleguard text engine (C++, RE2, ICU)"},
                              {"short", measure(*engine, short_posts, 21)},
                              {"long", measure(*engine, long_posts, 7)}}
                   .dump()
            << "\n";
  return 0;
}
