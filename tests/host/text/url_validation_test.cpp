// isValidUrl on characters where RE2's case folding and JavaScript's `i` flag part ways: RE2's
// (?i) puts the Kelvin sign (U+212A) with k and the long s (U+017F) with s, JavaScript (no `u`
// flag) never maps a non-ASCII character to an ASCII one. Expected values are twitter-text
// 3.1.0's own answers (isValidUrl(url, unicodeDomains, requireProtocol)).
#include <string>

#include <gtest/gtest.h>

#include "text/tweet_text.hpp"

namespace handleguard::text {
namespace {

const TweetText &engine() {
  static const auto loaded = TweetText::load(HANDLEGUARD_SOURCE_DATA_DIR);
  if (!loaded) throw std::runtime_error(loaded.error());
  return *loaded;
}

struct Case {
  std::string url;
  bool unicode_protocol; // isValidUrl(url, true, true)
  bool ascii_protocol;   // isValidUrl(url, false, true)
  bool unicode_bare;     // isValidUrl(url, true, false)
};

TEST(UrlValidation, KelvinSignLongSAndAngstromSignAreNotAsciiLetters) {
  const Case cases[] = {
      {"http://example.com/k", true, true, true},
      {"http://example.com/\u212A", false, false, false},
      {"http://example.com/\u017F", false, false, false},
      {"http://example.com/\u212B", false, false, false},
      {"http://example.com/?q=\u212A", false, false, false},
      {"http://example.com/?q=\u017F", false, false, false},
      {"http://example.com/#\u212A", false, false, false},
      {"http://example.com/%4\u212A", false, false, false},
      {"http://\u212A@example.com", false, false, false},
      {"http://ex\u212Ample.com", true, false, true},
      {"http://ex\u017Fample.com", true, false, true},
      {"http://ex\u212Bmple.com", true, false, true},
      {"http://example.c\u212Am", true, false, true},
      {"http\u017F://example.com", false, false, true},
  };
  for (const auto &[url, unicode_protocol, ascii_protocol, unicode_bare] : cases) {
    EXPECT_EQ(engine().is_valid_url(url, true, true), unicode_protocol) << url;
    EXPECT_EQ(engine().is_valid_url(url, false, true), ascii_protocol) << url;
    EXPECT_EQ(engine().is_valid_url(url, true, false), unicode_bare) << url;
  }
}

} // namespace
} // namespace handleguard::text
