#pragma once
// What a file looks like from outside (inode, size, modification and change times), so a file
// read on every request is read again only when it changed: one stat() instead of an open, a
// read and a parse. The CLI replaces these files by rename (a new inode); a hand edit changes
// the size or the times; chmod changes the change time. In the host, even the stat is skipped
// while the file's folder reports no event about it (util/file_watch.hpp).
#include <cstdint>
#include <filesystem>
#include <optional>

#include "util/file_watch.hpp"

namespace handleguard::util {

struct FileStamp {
  enum class State { present, missing, unknown }; // unknown: stat failed for another reason
  State state = State::unknown;
  std::uintmax_t inode = 0, size = 0;
  std::int64_t modified_ns = 0, changed_ns = 0;
  friend bool operator==(const FileStamp &, const FileStamp &) = default;
};

[[nodiscard]] FileStamp stamp_of(const std::filesystem::path &file);

// Keeps the result of reading a file until its stamp changes. `Result` is what `read` returns;
// `keep` says whether a result may be kept (errors are read again each time, so a file that
// becomes readable is seen at once). Not thread-safe: one per request loop.
template <typename Result> class StampedFile {
public:
  explicit StampedFile(std::filesystem::path file) : file_(std::move(file)) {}

  template <typename Read, typename Keep> const Result &get(Read read, Keep keep) {
    // In the host, not even a stat while the file's folder reports nothing about it.
    const auto changes = FileWatch::instance().changes(file_, ticket_);
    if (cached_ && changes && changes == seen_changes_) return result_;
    const FileStamp now = stamp_of(file_);
    if (!cached_ || now != stamp_ || now.state == FileStamp::State::unknown) {
      result_ = read(file_);
      // A file changed while being read gets a later stamp than `now` (and an event): read
      // again next time.
      cached_ = keep(result_);
      stamp_ = now;
    }
    seen_changes_ = changes;
    return result_;
  }
  [[nodiscard]] const std::filesystem::path &file() const { return file_; }
  // Reads the file again next time: for a change made by this process, which a request it is
  // still answering must see.
  void forget() { cached_ = false; }

private:
  std::filesystem::path file_;
  FileStamp stamp_;
  FileWatch::Ticket ticket_;
  std::optional<std::uint64_t> seen_changes_;
  bool cached_ = false;
  Result result_{};
};

} // namespace handleguard::util
