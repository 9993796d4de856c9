#include "util/file_watch.hpp"

#include <cerrno>
#include <climits>
#include <cstring>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace handleguard::util {

namespace {
// What may change a file's bytes, name or metadata; not reads and opens (the host's own).
constexpr std::uint32_t change_events = IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE |
                                        IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF;

// True when no component of `file` is a symbolic link (nor the file itself, if it exists).
bool free_of_links(const std::filesystem::path &file) {
  if (!file.is_absolute()) return false;
  std::filesystem::path walked = file.root_path();
  for (const auto &part : file.relative_path()) {
    walked /= part;
    struct stat info {};
    if (::lstat(walked.c_str(), &info) != 0) return errno == ENOENT && walked == file; // only the file may be missing
    if (S_ISLNK(info.st_mode)) return false;
  }
  return true;
}
} // namespace

FileWatch &FileWatch::instance() {
  static FileWatch watch;
  return watch;
}

FileWatch::~FileWatch() { stop(); }

bool FileWatch::start() {
  if (fd_ >= 0) return true;
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  watched_.clear();
  ++epoch_;
  return fd_ >= 0;
}

void FileWatch::stop() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  watched_.clear();
  ++epoch_;
}

std::size_t FileWatch::index_of(const std::filesystem::path &file) {
  for (std::size_t i = 0; i < watched_.size(); ++i) {
    if (watched_[i].file == file) return i;
  }
  Watched entry;
  entry.file = file;
  entry.name = file.filename().string();
  // The folder is watched before the caller's first stat: a change after this is an event.
  const std::filesystem::path folder = file.parent_path();
  entry.folder = free_of_links(file) ? ::inotify_add_watch(fd_, folder.c_str(), change_events | IN_ONLYDIR) : -1;
  entry.exact = entry.folder >= 0 && !entry.name.empty();
  watched_.push_back(std::move(entry));
  return watched_.size() - 1;
}

void FileWatch::give_up_folder(int folder) {
  for (auto &entry : watched_) {
    if (entry.folder == folder) entry.exact = false;
  }
}

void FileWatch::take_events() {
  if (fd_ < 0) return;
  alignas(inotify_event) char buffer[16 * (sizeof(inotify_event) + NAME_MAX + 1)];
  for (;;) {
    const ssize_t got = ::read(fd_, buffer, sizeof buffer);
    if (got <= 0) {
      if (got < 0 && errno == EINTR) continue;
      if (got < 0 && errno != EAGAIN) {
        for (auto &entry : watched_) entry.exact = false; // the queue can no longer be trusted
      }
      return;
    }
    for (ssize_t at = 0; at < got;) {
      inotify_event event{};
      std::memcpy(&event, buffer + at, sizeof event);
      const char *name = buffer + at + sizeof(inotify_event);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event.len);
      if ((event.mask & IN_Q_OVERFLOW) != 0) {
        for (auto &entry : watched_) ++entry.count; // events were lost: read everything again
        continue;
      }
      if ((event.mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) != 0) {
        give_up_folder(event.wd); // the folder itself went: its path may now be another folder
        continue;
      }
      if (event.len == 0) continue;
      const std::string_view named(name, ::strnlen(name, event.len));
      for (auto &entry : watched_) {
        if (entry.folder == event.wd && entry.name == named) {
          ++entry.count;
          entry.recheck = true;
        }
      }
    }
  }
}

std::optional<std::uint64_t> FileWatch::changes(const std::filesystem::path &file, Ticket &ticket) {
  if (fd_ < 0) return std::nullopt;
  if (ticket.epoch != epoch_) ticket = {index_of(file), epoch_};
  Watched *entry = &watched_[ticket.index];
  if (entry->recheck) {
    // The file was replaced: by a symbolic link, its target could change unseen.
    entry->recheck = false;
    if (!free_of_links(entry->file)) entry->exact = false;
  }
  if (!entry->exact) return std::nullopt;
  return entry->count;
}

} // namespace handleguard::util
