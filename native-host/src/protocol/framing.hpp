#pragma once
// Native messaging framing: a 32-bit length in native byte order, then that many bytes of
// UTF-8 JSON. Browser to host may claim up to 4 GiB, so the reader enforces its own cap.
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <expected>
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
  // How many reads brought bytes so far: the host takes file events after each (file_watch.hpp).
  [[nodiscard]] std::uint64_t reads() const { return reads_; }

private:
  enum class Fill { ok, end_of_stream, failed, interrupted };
  // Makes at least `count` bytes available in the buffer unless EOF, an error or a signal
  // comes first.
  [[nodiscard]] Fill fill(std::size_t count);
  [[nodiscard]] std::size_t available() const { return end_ - begin_; }

  int fd_;
  std::size_t max_bytes_;
  const sigset_t *wait_mask_;
  std::uint64_t announced_ = 0;
  std::uint64_t reads_ = 0;
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
