#include "util/file_stamp.hpp"

#include <cerrno>
#include <sys/stat.h>

namespace handleguard::util {

FileStamp stamp_of(const std::filesystem::path &file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    FileStamp stamp;
    stamp.state = errno == ENOENT ? FileStamp::State::missing : FileStamp::State::unknown;
    return stamp;
  }
  const auto ns = [](const timespec &t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; };
  return {FileStamp::State::present, static_cast<std::uintmax_t>(info.st_ino), static_cast<std::uintmax_t>(info.st_size),
          ns(info.st_mtim), ns(info.st_ctim)};
}

} // namespace handleguard::util
