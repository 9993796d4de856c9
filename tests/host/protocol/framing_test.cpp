#include "protocol/framing.hpp"

#include <cstring>

#include <gtest/gtest.h>
#include <unistd.h>

namespace handleguard::protocol {
namespace {

class Pipe {
public:
  Pipe() { EXPECT_EQ(::pipe(fds_), 0); }
  ~Pipe() {
    close_write();
    ::close(fds_[0]);
  }
  void write(std::string_view bytes) { ASSERT_TRUE(write_all(fds_[1], bytes)); }
  void close_write() {
    if (fds_[1] >= 0) ::close(fds_[1]);
    fds_[1] = -1;
  }
  [[nodiscard]] int read_end() const { return fds_[0]; }

private:
  int fds_[2]{-1, -1};
};

TEST(Framing, ReadsConsecutiveMessagesThenCleanEnd) {
  Pipe pipe;
  pipe.write(frame(R"({"a":1})") + frame("[]"));
  pipe.close_write();
  FrameReader reader(pipe.read_end());
  EXPECT_EQ(reader.next().value(), R"({"a":1})");
  EXPECT_EQ(reader.next().value(), "[]");
  EXPECT_EQ(reader.next().error(), FrameError::end_of_stream);
}

TEST(Framing, ShortPrefixIsTruncatedNotCleanEnd) {
  Pipe pipe;
  pipe.write(std::string("\x05\x00", 2));
  pipe.close_write();
  FrameReader reader(pipe.read_end());
  EXPECT_EQ(reader.next().error(), FrameError::truncated_prefix);
}

TEST(Framing, ShortBodyIsTruncated) {
  Pipe pipe;
  pipe.write(frame("{\"long\":true}").substr(0, 8));
  pipe.close_write();
  FrameReader reader(pipe.read_end());
  EXPECT_EQ(reader.next().error(), FrameError::truncated_body);
}

TEST(Framing, LengthOverCapIsRefusedWithoutReadingIt) {
  Pipe pipe;
  const std::uint32_t huge = max_request_bytes + 1;
  std::string prefix(4, '\0');
  std::memcpy(prefix.data(), &huge, 4);
  pipe.write(prefix);
  FrameReader reader(pipe.read_end());
  EXPECT_EQ(reader.next().error(), FrameError::too_large);
  EXPECT_EQ(reader.last_announced_length(), huge);
}

TEST(Framing, PrefixIsNativeEndianLength) {
  const std::string framed = frame("abc");
  std::uint32_t length = 0;
  std::memcpy(&length, framed.data(), 4);
  EXPECT_EQ(length, 3U);
  EXPECT_EQ(framed.substr(4), "abc");
}

} // namespace
} // namespace handleguard::protocol
