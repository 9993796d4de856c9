#include "protocol/framing.hpp"

#include <chrono>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

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

// Reads what `pipe` holds, as the host's file watch takes its events.
std::string drain(const Pipe &pipe) {
  char buffer[64];
  const ssize_t got = ::read(pipe.read_end(), buffer, sizeof buffer);
  return got > 0 ? std::string(buffer, static_cast<std::size_t>(got)) : std::string();
}

TEST(Framing, TakesWhatTheOtherDescriptorQueuedBeforeReturningTheMessageSentAfterIt) {
  Pipe input;
  Pipe events;
  FrameReader reader(input.read_end());
  std::vector<std::string> seen;
  reader.also_wait_for(events.read_end(), [&] { seen.push_back("event " + drain(events)); });
  events.write("policy changed");
  input.write(frame("check"));
  const auto message = reader.next();
  ASSERT_TRUE(message.has_value());
  seen.push_back("message " + *message);
  EXPECT_EQ(seen, (std::vector<std::string>{"event policy changed", "message check"}));
}

TEST(Framing, TakesEventsThatComeWhileNoMessageDoes) {
  Pipe input;
  Pipe events;
  FrameReader reader(input.read_end());
  int taken = 0;
  reader.also_wait_for(events.read_end(), [&] {
    (void)drain(events);
    if (++taken == 2) input.write(frame("later")); // the wait goes on until a message comes
  });
  events.write("one");
  std::thread second([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    events.write("two");
  });
  EXPECT_EQ(reader.next().value(), "later");
  second.join();
  EXPECT_EQ(taken, 2);
}

TEST(Framing, StopsWaitingForADescriptorThatFails) {
  Pipe input;
  auto events = std::make_unique<Pipe>();
  const int events_fd = ::dup(events->read_end());
  events.reset(); // its write end is gone: the wait sees a hang-up, which would wake it forever
  FrameReader reader(input.read_end());
  int calls = 0;
  reader.also_wait_for(events_fd, [&] { ++calls; });
  input.write(frame("still read"));
  input.close_write();
  EXPECT_EQ(reader.next().value(), "still read");
  EXPECT_EQ(reader.next().error(), FrameError::end_of_stream);
  EXPECT_EQ(calls, 1);
  ::close(events_fd);
}

} // namespace
} // namespace handleguard::protocol
