#pragma once
// Writes files so a reader sees either the old content or the new, never a torn mix.
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace handleguard::util {

// Writes `content` to a temporary file beside `path`, fsyncs it, renames it over `path` and
// fsyncs the folder. `mode` is applied before the rename so no window exposes looser rights.
[[nodiscard]] std::expected<void, std::string>
write_file_atomically(const std::filesystem::path &path, std::string_view content, unsigned mode = 0600);

// Creates `dir` and its parents; folders it creates get `mode`.
[[nodiscard]] std::expected<void, std::string> make_private_dirs(const std::filesystem::path &dir,
                                                                 unsigned mode = 0700);

[[nodiscard]] std::expected<std::string, std::string> read_file(const std::filesystem::path &path,
                                                                std::size_t max_bytes = 64U << 20U);

// Why read_file failed, for a caller that answers the two differently (the CLI: a file over its
// limit is bad data, exit 65; one it cannot read is missing input, 66).
struct ReadFailure {
  bool too_large = false; // a regular file holding more than the limit
  std::string message;
};
[[nodiscard]] std::expected<std::string, ReadFailure> read_file_or_why(const std::filesystem::path &path,
                                                                      std::size_t max_bytes = 64U << 20U);

} // namespace handleguard::util
