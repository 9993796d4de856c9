#pragma once
// Text from the policy, the audit log or the browser, made safe to print on a terminal: a client
// name or a rule's message must not move the cursor, clear the screen, retitle the window or
// reorder the line around it (an ESC sequence, a C1 control such as CSI, a bidi override).
#include <string>
#include <string_view>

namespace handleguard::util {

// C0 and C1 controls, DEL, and the characters that reorder or isolate text around them
// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
[[nodiscard]] constexpr bool acts_on_a_terminal(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// All of `text` on one line, each such character written as \u{hex}, bytes that are not UTF-8 as
// U+FFFD: for a value printed among others (a column of `account list`).
[[nodiscard]] std::string terminal_text(std::string_view text);

// `text` with its line breaks and tabs kept, everything else escaped as terminal_text does: for
// messages laid out in lines (an error per line) or fields (a trusted comment).
[[nodiscard]] std::string terminal_lines(std::string_view text);

// JSON text as nlohmann::json::dump() writes it, with the characters above that it leaves as they
// are (C1 controls, DEL, bidi controls) written as \uXXXX escapes, which mean the same to a JSON
// reader. They can only stand inside strings, so nothing else changes.
[[nodiscard]] std::string terminal_json(std::string_view json_text);

} // namespace handleguard::util
