// The hand-written scanners the engine runs must find exactly what the line-by-line regex ports
// of twitter-text (detail::reference) find. Texts are built from fragments chosen to hit the
// scanners' decisions (protocols, dots, TLDs listed and not, Punycode, ports, paths, queries,
// label characters, the characters that may or may not precede a URL, sigils, emoji, scripts),
// from a fixed seed, so a failure names a text that reproduces.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "text/entity_scanners.hpp"
#include "text/tld_table.hpp"
#include "text/tweet_patterns.hpp"

namespace handleguard::text::detail {
namespace {

const Patterns &patterns() {
  static const auto compiled = [] {
    auto tlds = load_tld_table(std::filesystem::path(HANDLEGUARD_SOURCE_DATA_DIR) / "twitter-text" / "tld_lib.json");
    if (!tlds) throw std::runtime_error(tlds.error());
    auto result = compile_patterns(*tlds);
    if (!result) throw std::runtime_error(result.error());
    return *result;
  }();
  return *compiled;
}

std::string describe(std::string_view text, const std::vector<ByteEntity> &entities) {
  std::string out;
  for (const auto &entity : entities) {
    out += "[" + std::to_string(entity.begin) + "," + std::to_string(entity.end) + ") " + entity.text_in(text) + "|" +
           std::string(entity.list_slug_in(text)) + "; ";
  }
  return out;
}

const std::vector<std::string> fragments = {
    "http://", "https://", "HTTP://", "www", "example", "t", "co", "com", "COM", "org", "uk", "jp", "xn--p1ai",
    "xn--", "рф", "中国", "みんな", "भारत", "भारतम्", "삼성", ".", ".", ".", "..", "-", "_", "/", "/path", "(a)",
    "?q=1", "?", "#", ":", ":8080", "@", "＠", "$", "#", "＃", " ", " ", " ", "\n", "\u3000", "é", "ñ", "日本", "語",
    "a", "b", "1", "rt", "RT:", "user_name", "list-1", "AAPL", "X", "!", "'", "\"", ",", "(", ")", "&", "~",
    "\u200e", "\u202a", "\u2066", "\ufeff", "😀", "🇺🇸", "\ufe0f", "\u20e3", "️", "bit.ly/", "t.co/abc", "x.com", "co.uk",
    "tag", "#tag", "$tag", "@user", "example.com", "http://t.co/", "a.b.c.d", "foo_bar", "-x", "x-"};

std::string random_text(std::mt19937 &random) {
  std::uniform_int_distribution<std::size_t> count(1, 14);
  std::uniform_int_distribution<std::size_t> which(0, fragments.size() - 1);
  std::string text;
  for (std::size_t i = count(random); i > 0; --i) text += fragments[which(random)];
  return text;
}

TEST(ScannerEquivalence, HandWrittenScannersFindWhatTheRegexPortsFind) {
  std::mt19937 random(20261125);
  constexpr int cases = 30000;
  int checked = 0;
  int with_urls = 0;
  int with_tags = 0;
  for (int i = 0; i < cases; ++i) {
    const std::string text = random_text(random);
    for (const bool without_protocol : {true, false}) {
      const auto fast = scanned(scan_urls, patterns(), text, without_protocol);
      const auto slow = scanned(reference::scan_urls, patterns(), text, without_protocol);
      ASSERT_EQ(describe(text, fast), describe(text, slow)) << "urls (without_protocol=" << without_protocol << ") in: " << text;
      if (without_protocol && !slow.empty()) ++with_urls;
    }
    if (!scanned(reference::scan_hashtags, patterns(), text).empty() || !scanned(reference::scan_mentions_or_lists, patterns(), text).empty()) {
      ++with_tags;
    }
    ASSERT_EQ(describe(text, scanned(scan_mentions_or_lists, patterns(), text)), describe(text, scanned(reference::scan_mentions_or_lists, patterns(), text)))
        << "mentions in: " << text;
    ASSERT_EQ(describe(text, scanned(scan_hashtags, patterns(), text)), describe(text, scanned(reference::scan_hashtags, patterns(), text)))
        << "hashtags in: " << text;
    ASSERT_EQ(describe(text, scanned(scan_cashtags, patterns(), text)), describe(text, scanned(reference::scan_cashtags, patterns(), text)))
        << "cashtags in: " << text;
    ++checked;
  }
  std::cout << "[ equivalence ] " << checked << "/" << cases << " generated texts (" << with_urls << " with URLs, "
            << with_tags << " with mentions or hashtags): every scanner agrees with its regex port\n";
  // The generator must keep producing what it is meant to test.
  EXPECT_GT(with_urls, cases / 10);
  EXPECT_GT(with_tags, cases / 10);
}

} // namespace
} // namespace handleguard::text::detail
