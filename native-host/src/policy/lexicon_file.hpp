#pragma once
// Lexicon files: lists of banned terms kept beside the policy and pinned by their SHA-256 in
// it, so a signed policy covers the lists too and an edited list is refused, not trusted.
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "text/lexicon.hpp"

namespace handleguard::policy {

// Hex SHA-256 (lower case) of `bytes`.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

// Reads `path`, checks its SHA-256 against `expected_hex`, and parses it (format: docs/matching.md).
[[nodiscard]] std::expected<text::Lexicon, std::string> read_pinned_lexicon(const std::filesystem::path &path,
                                                                                      std::string_view expected_hex);

} // namespace handleguard::policy
