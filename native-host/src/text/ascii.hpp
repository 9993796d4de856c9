#pragma once
// ASCII letters, for readings that only look at what is typed on any keyboard.
namespace handleguard::text::ascii {

[[nodiscard]] constexpr bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
[[nodiscard]] constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

} // namespace handleguard::text::ascii
