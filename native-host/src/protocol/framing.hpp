#pragma once
// Native messaging framing: a 32-bit length in native byte order, then that many bytes of
// UTF-8 JSON. Browser to host may claim up to 4 GiB, so the reader enforces its own cap.
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::protocol {

inline constexpr std::size_t max_request_bytes = 1U << 20U;  // our cap for one incoming message
inline constexpr std::size_t max_reply_bytes = 1U << 20U;    // the browsers' cap for host replies

enum class FrameError {
  end_of_stream,    // clean EOF between messages: the browser closed the port
  truncated_prefix, // EOF inside the 4-byte length
  truncated_body,   // EOF inside the message body
  too_large,        // the length exceeds max_request_bytes
  read_failed,      // the OS reported an error
  interrupted       // a termination signal arrived while waiting for input
};

[[nodiscard]] std::string_view describe(FrameError error);

// Reads framed messages from a file descriptor (blocking), buffering so that many small
// pipelined messages cost one read(). With `wait_mask` (see protocol/termination.hpp) it
// waits for input with that signal mask and reports `interrupted` when a signal came.
class FrameReader {
public:
  explicit FrameReader(int fd, std::size_t max_bytes = max_request_bytes, const sigset_t *wait_mask = nullptr)
      : fd_(fd), max_bytes_(max_bytes), wait_mask_(wait_mask) {}
  [[nodiscard]] std::expected<std::string, FrameError> next();
  // The length announced by the last too_large frame, for the error message.
  [[nodiscard]] std::uint64_t last_announced_length() const { return announced_; }
  // True when a whole message (within the cap) is already buffered: next() then returns it
  // without waiting. The host answers such pipelined messages as one batch.
  [[nodiscard]] bool has_buffered_message() const;
  // Waits for `fd` too, and calls `readable()` each time it can be read, before reading the
  // input that came with it: what was queued on `fd` before a message was sent is then taken
  // before the message is returned (the host's file watch, util/file_watch.hpp), without
  // reading `fd` after every message. `readable()` must take what is queued, or the wait
  // would not block again.
  void also_wait_for(int fd, std::function<void()> readable) {
    other_fd_ = fd;
    other_readable_ = std::move(readable);
  }

private:
  enum class Fill { ok, end_of_stream, failed, interrupted };
  enum class Wait { input, failed, interrupted };
  // Waits until the input can be read (or ends), serving `other_fd_` meanwhile.
  [[nodiscard]] Wait wait_for_input();
  // Makes at least `count` bytes available in the buffer unless EOF, an error or a signal
  // comes first.
  [[nodiscard]] Fill fill(std::size_t count);
  [[nodiscard]] std::size_t available() const { return end_ - begin_; }

  int fd_;
  std::size_t max_bytes_;
  const sigset_t *wait_mask_;
  int other_fd_ = -1;
  std::function<void()> other_readable_;
  std::uint64_t announced_ = 0;
  std::size_t read_chunk_ = 64U * 1024U; // grows while reads come back full (framing.cpp)
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0; // unread bytes are buffer_[begin_, end_)
};

// Frames `payload` (length prefix + bytes) into one buffer.
[[nodiscard]] std::string frame(std::string_view payload);
// Appends the frame of `payload` to `out` (the host gathers a batch's replies for one write).
void append_frame(std::string &out, std::string_view payload);

// Writes all of `bytes` to `fd`, retrying on EINTR and short writes.
[[nodiscard]] bool write_all(int fd, std::string_view bytes);

} // namespace handleguard::protocol
