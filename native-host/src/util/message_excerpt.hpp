#pragma once
// Untrusted text quoted in an error message (a CSV cell, a message field): short, whole
// characters only, and nothing a terminal would act on.
#include <cstddef>
#include <string>
#include <string_view>

namespace handleguard::util {

// At most `max_characters` characters of `text`, then "…" when there were more. Control and
// bidirectional formatting characters are written as \u{hex} (a cell must not move the cursor,
// clear the screen or reorder the message around it), and bytes that are not UTF-8 as U+FFFD.
[[nodiscard]] std::string message_excerpt(std::string_view text, std::size_t max_characters = 40);

} // namespace handleguard::util
