#pragma once
// Tells the host's request loop which of the files it reads on every request (the policy, the
// lockdown list, the work-as declaration) may have changed, without a stat() each: a stat
// costs 1-5 us on the virtual machines agencies use (more than the rest of a check), and a
// check made three. inotify watches each file's folder and counts the events that name the
// file; a file whose count did not move since it was last read is not looked at again.
//
// Order is what makes this as strict as a stat per request: the loop waits for the browser's
// pipe and this watch at once, and takes the queued events before it reads what the pipe
// brought. A change finished before the browser sent a message (`handleguard lockdown` returns
// only once its rename is done) queued its event before the message was written, so the wait
// that returns for the message sees the event too, and it is taken before the message is
// judged.
//
// Whenever a file cannot be watched exactly it is stat()ed on every request, as before: inotify
// unavailable or out of watches, a folder deleted or moved, the event queue overflowing (every
// count moves, and watching goes on), a path with a symbolic link in it (a link's target can
// change without an event in the watched folder). Only the host's loop starts the watch; the
// CLI and the tests that don't start it stat every time. Not thread-safe: the request loop's
// thread alone reads these files.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace handleguard::util {

class FileWatch {
public:
  // The watch of this process: the files are read deep inside the rules and the policy source,
  // and one inotify descriptor serves them all.
  static FileWatch &instance();

  // Starts watching (the host's request loop). False when inotify cannot be used.
  bool start();
  // Stops watching: every file is stat()ed again (tests; the loop's end).
  void stop();

  // Takes the events queued since the last call. Call whenever descriptor() can be read, and
  // before answering requests read after that (protocol/host_loop.cpp waits for both).
  void take_events();
  // The inotify descriptor to wait for, -1 when not watching.
  [[nodiscard]] int descriptor() const { return fd_; }

  // Where a caller's file sits in the watch, so that asking costs no path comparison.
  struct Ticket {
    std::size_t index = 0;
    std::uint64_t epoch = 0; // of the watch it was issued by; 0: none yet
  };
  // A number that moves whenever `file` may have changed, or nullopt when `file` is not
  // watched (stat it). The first call for a file starts watching it. The caller keeps `ticket`
  // with the file and passes it back every time.
  [[nodiscard]] std::optional<std::uint64_t> changes(const std::filesystem::path &file, Ticket &ticket);

  FileWatch(const FileWatch &) = delete;
  FileWatch &operator=(const FileWatch &) = delete;
  ~FileWatch();

private:
  FileWatch() = default;
  struct Watched {
    std::filesystem::path file;
    std::string name;        // the file's name in its folder, as events give it
    int folder = -1;         // inotify watch descriptor of the folder
    std::uint64_t count = 0; // events that named the file
    bool exact = true;       // false: stat on every request from now on
    bool recheck = false;    // an event came: make sure the path holds no symbolic link
  };
  [[nodiscard]] std::size_t index_of(const std::filesystem::path &file);
  void give_up_folder(int folder);

  int fd_ = -1;
  std::uint64_t epoch_ = 0;      // moves at each start() and stop(): older tickets are void
  std::vector<Watched> watched_; // a handful
};

} // namespace handleguard::util
