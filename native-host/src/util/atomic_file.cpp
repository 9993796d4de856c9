#include "util/atomic_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace handleguard::util {

namespace {
std::string errno_text(const std::string &what, const std::filesystem::path &path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

// "64 MiB", "4 KiB" or "1000 bytes": the limit as a person reads it.
std::string size_text(std::size_t bytes) {
  if (bytes >= (1U << 20U) && bytes % (1U << 20U) == 0) return std::to_string(bytes >> 20U) + " MiB";
  if (bytes >= (1U << 10U) && bytes % (1U << 10U) == 0) return std::to_string(bytes >> 10U) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string too_large(const std::filesystem::path &path, std::size_t max_bytes) {
  return "cannot read " + path.string() + ": larger than " + size_text(max_bytes) + ", the most this file may hold";
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}
} // namespace

std::expected<void, std::string> make_private_dirs(const std::filesystem::path &dir, unsigned mode) {
  std::error_code error;
  if (std::filesystem::is_directory(dir, error)) return {};
  if (dir.has_parent_path() && dir.parent_path() != dir) {
    if (auto parent = make_private_dirs(dir.parent_path(), mode); !parent) return parent;
  }
  if (::mkdir(dir.c_str(), static_cast<mode_t>(mode)) != 0 && errno != EEXIST) {
    return std::unexpected(errno_text("cannot create folder", dir));
  }
  return {};
}

std::expected<void, std::string> write_file_atomically(const std::filesystem::path &path,
                                                       std::string_view content, unsigned mode) {
  const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (auto made = make_private_dirs(folder); !made) return made;
  std::string temp_name = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp_name.data());
  if (fd < 0) return std::unexpected(errno_text("cannot create temporary file in", folder));
  const bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0 && write_all(fd, content) && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(temp_name.c_str());
    errno = saved_errno;
    return std::unexpected(errno_text("cannot write", path));
  }
  if (::rename(temp_name.c_str(), path.c_str()) != 0) {
    ::unlink(temp_name.c_str());
    return std::unexpected(errno_text("cannot replace", path));
  }
  const int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return {};
}

std::expected<std::string, std::string> read_file(const std::filesystem::path &path, std::size_t max_bytes) {
  auto content = read_file_or_why(path, max_bytes);
  if (!content) return std::unexpected(std::move(content.error().message));
  return std::move(*content);
}

std::expected<std::string, ReadFailure> read_file_or_why(const std::filesystem::path &path, std::size_t max_bytes) {
  const auto unreadable = [](std::string why) { return std::unexpected(ReadFailure{false, std::move(why)}); };
  // O_NONBLOCK: opening a FIFO put in the file's place must not hang the host; only regular
  // files are read at all.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return unreadable(errno_text("cannot read", path));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return unreadable("cannot read " + path.string() + ": not a regular file");
  }
  if (static_cast<std::uintmax_t>(info.st_size) > max_bytes) { // a 2 GB file is refused unread
    ::close(fd);
    return std::unexpected(ReadFailure{true, too_large(path, max_bytes)});
  }
  std::string content;
  if (info.st_size > 0) content.reserve(std::min(static_cast<std::size_t>(info.st_size), max_bytes) + 1);
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      const std::string why = errno_text("cannot read", path);
      ::close(fd);
      return unreadable(why);
    }
    if (got == 0) break;
    content.append(buffer, static_cast<std::size_t>(got));
    if (content.size() > max_bytes) {
      ::close(fd);
      return std::unexpected(ReadFailure{true, too_large(path, max_bytes)}); // it grew while being read
    }
  }
  ::close(fd);
  return content;
}

} // namespace handleguard::util
