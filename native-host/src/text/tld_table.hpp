#pragma once
// The top-level domains twitter-text recognises (data/twitter-text/tld_lib.json).
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

namespace handleguard::text::detail {

struct TldTable {
  std::vector<std::string> generic; // in the file's order, which the URL pattern keeps
  std::vector<std::string> country;
};

[[nodiscard]] std::expected<TldTable, std::string> load_tld_table(const std::filesystem::path &file);

} // namespace handleguard::text::detail
