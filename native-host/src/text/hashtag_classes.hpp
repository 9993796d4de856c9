#pragma once
// twitter-text's hashtag letter classes as RE2 character-class bodies (generated, see the .cpp).
#include <string_view>

namespace handleguard::text::detail {

extern const std::string_view hashtag_alpha_class;         // hashtagAlpha
extern const std::string_view hashtag_alpha_numeric_class; // hashtagAlphaNumeric

} // namespace handleguard::text::detail
