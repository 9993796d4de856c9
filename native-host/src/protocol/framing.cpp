#include "protocol/framing.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace handleguard::protocol {

std::string_view describe(FrameError error) {
  switch (error) {
  case FrameError::end_of_stream: return "the browser closed the connection";
  case FrameError::truncated_prefix: return "the stream ended inside a message length prefix";
  case FrameError::truncated_body: return "the stream ended inside a message body";
  case FrameError::too_large: return "a message length exceeds the host's limit";
  case FrameError::read_failed: return "reading standard input failed";
  }
  return "unknown framing error";
}

long long FrameReader::read_exact(char *buffer, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t got = ::read(fd_, buffer + done, size - done);
    if (got < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  return static_cast<long long>(done);
}

std::expected<std::string, FrameError> FrameReader::next() {
  std::uint32_t length = 0;
  char prefix[sizeof length];
  const long long got_prefix = read_exact(prefix, sizeof prefix);
  if (got_prefix < 0) return std::unexpected(FrameError::read_failed);
  if (got_prefix == 0) return std::unexpected(FrameError::end_of_stream);
  if (got_prefix < static_cast<long long>(sizeof prefix)) return std::unexpected(FrameError::truncated_prefix);
  std::memcpy(&length, prefix, sizeof length);
  announced_ = length;
  if (length > max_bytes_) return std::unexpected(FrameError::too_large);
  std::string body(length, '\0');
  const long long got_body = read_exact(body.data(), length);
  if (got_body < 0) return std::unexpected(FrameError::read_failed);
  if (got_body < static_cast<long long>(length)) return std::unexpected(FrameError::truncated_body);
  return body;
}

std::string frame(std::string_view payload) {
  const auto length = static_cast<std::uint32_t>(payload.size());
  std::string out(sizeof length, '\0');
  std::memcpy(out.data(), &length, sizeof length);
  out.append(payload);
  return out;
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
