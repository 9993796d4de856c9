#include "protocol/framing.hpp"

#include <cerrno>
#include <algorithm>
#include <array>
#include <cstring>
#include <poll.h>
#include <unistd.h>

namespace handleguard::protocol {

std::string_view describe(FrameError error) {
  switch (error) {
  case FrameError::end_of_stream: return "the browser closed the connection";
  case FrameError::truncated_prefix: return "the stream ended inside a message length prefix";
  case FrameError::truncated_body: return "the stream ended inside a message body";
  case FrameError::too_large: return "a message length exceeds the host's limit";
  case FrameError::read_failed: return "reading standard input failed";
  case FrameError::interrupted: return "a termination signal arrived";
  }
  return "unknown framing error";
}

namespace {
// A read that fills all the room it was given means more input is waiting (pipelined requests):
// the room doubles, up to this, so one read takes what piled up during an audit commit.
constexpr std::size_t max_read_chunk = 1024U * 1024U;
}

FrameReader::Wait FrameReader::wait_for_input() {
  for (;;) {
    std::array<pollfd, 2> watched{pollfd{fd_, POLLIN, 0}, pollfd{other_fd_, POLLIN, 0}};
    const nfds_t count = other_fd_ >= 0 ? 2 : 1;
    if (::ppoll(watched.data(), count, nullptr, wait_mask_) < 0) {
      if (errno != EINTR) return Wait::failed;
      if (wait_mask_ != nullptr) return Wait::interrupted;
      continue; // no termination signal is waited for: any other is nothing to report
    }
    if (count == 2 && watched[1].revents != 0) {
      // An error on it would wake every wait from now on: it is no longer waited for, and the
      // callback learns of it by reading it.
      if ((watched[1].revents & POLLIN) == 0) other_fd_ = -1;
      other_readable_();
    }
    if (watched[0].revents != 0) return Wait::input; // or its end, or an error: the read reports those
  }
}

FrameReader::Fill FrameReader::fill(std::size_t count) {
  while (available() < count) {
    if (begin_ > 0) { // move what is left to the front so the buffer never grows without need
      std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(begin_), buffer_.begin() + static_cast<std::ptrdiff_t>(end_),
                buffer_.begin());
      end_ -= begin_;
      begin_ = 0;
    }
    if (buffer_.size() < std::max(count, read_chunk_)) buffer_.resize(std::max(count, read_chunk_));
    if (wait_mask_ != nullptr || other_fd_ >= 0) {
      switch (wait_for_input()) {
      case Wait::input: break;
      case Wait::interrupted: return Fill::interrupted;
      case Wait::failed: return Fill::failed;
      }
    }
    const std::size_t room = buffer_.size() - end_;
    const ssize_t got = ::read(fd_, buffer_.data() + end_, room);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Fill::failed;
    }
    if (got == 0) return Fill::end_of_stream;
    if (static_cast<std::size_t>(got) == room && read_chunk_ < max_read_chunk) read_chunk_ *= 2;
    end_ += static_cast<std::size_t>(got);
  }
  return Fill::ok;
}

std::expected<std::string, FrameError> FrameReader::next() {
  std::uint32_t length = 0;
  switch (fill(sizeof length)) {
  case Fill::ok: break;
  case Fill::end_of_stream: return std::unexpected(available() == 0 ? FrameError::end_of_stream : FrameError::truncated_prefix);
  case Fill::failed: return std::unexpected(FrameError::read_failed);
  case Fill::interrupted: return std::unexpected(FrameError::interrupted);
  }
  std::memcpy(&length, buffer_.data() + begin_, sizeof length);
  announced_ = length;
  if (length > max_bytes_) return std::unexpected(FrameError::too_large);
  switch (fill(sizeof length + length)) {
  case Fill::ok: break;
  case Fill::end_of_stream: return std::unexpected(FrameError::truncated_body);
  case Fill::failed: return std::unexpected(FrameError::read_failed);
  case Fill::interrupted: return std::unexpected(FrameError::interrupted);
  }
  std::string body(buffer_.data() + begin_ + sizeof length, length);
  begin_ += sizeof length + length;
  return body;
}

bool FrameReader::has_buffered_message() const {
  std::uint32_t length = 0;
  if (available() < sizeof length) return false;
  std::memcpy(&length, buffer_.data() + begin_, sizeof length);
  return length <= max_bytes_ && available() >= sizeof length + length;
}

std::string frame(std::string_view payload) {
  const auto length = static_cast<std::uint32_t>(payload.size());
  std::string out(sizeof length, '\0');
  std::memcpy(out.data(), &length, sizeof length);
  out.append(payload);
  return out;
}

void append_frame(std::string &out, std::string_view payload) {
  const auto length = static_cast<std::uint32_t>(payload.size());
  char prefix[sizeof length];
  std::memcpy(prefix, &length, sizeof length);
  out.append(prefix, sizeof prefix);
  out.append(payload);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

} // namespace handleguard::protocol
