#include "util/absent_file.hpp"

namespace handleguard::util {

bool is_absent(const std::filesystem::path &path) {
  std::error_code error; // ENOENT and ENOTDIR give not_found; other failures give none
  return std::filesystem::status(path, error).type() == std::filesystem::file_type::not_found;
}

} // namespace handleguard::util
