#include "protocol/host_loop.hpp"

#include <fcntl.h>

#include "protocol/dispatcher.hpp"
#include "protocol/framing.hpp"
#include "protocol/reply_size.hpp"
#include "protocol/termination.hpp"
#include "protocol/verdict_batch.hpp"
#include "util/file_watch.hpp"
#include "util/os_user.hpp"

namespace handleguard::protocol {

namespace {
// Bounds how long the first reply of a batch waits for the others (each takes tens of
// microseconds: 512 of them about 15 ms). Larger batches share one audit commit (one fsync).
constexpr std::size_t max_batch = 512;
// Lets the browser queue this much while the host waits for an audit commit (a pipe holds
// 64 KiB by default, about 160 checks): the next batch then takes them all, with one commit.
constexpr int input_pipe_bytes = 1 << 20;

std::string describe_frame_error(FrameError error, const FrameReader &reader) {
  std::string text(describe(error));
  if (error == FrameError::too_large) {
    text += " (" + std::to_string(reader.last_announced_length()) + " bytes announced, limit " +
            std::to_string(max_request_bytes) + ")";
  }
  return text;
}
} // namespace

int run_host_loop(int in_fd, int out_fd, policy::PolicySource &policy_source, audit::EventSink &events,
                  std::string &diagnostics, const install::Caller *caller) {
  // Best effort: fails harmlessly when the input is no pipe or the user's pipe quota is spent.
  (void)::fcntl(in_fd, F_SETPIPE_SZ, input_pipe_bytes);
  FrameReader reader(in_fd, max_request_bytes, termination_wait_mask());
  // The files read for every request are looked at again only when their folders report a
  // change (util/file_watch.hpp); the wait for requests takes the events as they come, before
  // it reads the requests sent after them.
  util::FileWatch &file_watch = util::FileWatch::instance();
  if (file_watch.start()) { // without inotify, every request stats them, as the CLI does
    reader.also_wait_for(file_watch.descriptor(), [&file_watch] { file_watch.take_events(); });
  }
  const struct StopWatching {
    ~StopWatching() { util::FileWatch::instance().stop(); }
  } stop_watching;
  rules::Guard guard(config::resolve_paths(), util::current_os_user());
  rules::VerdictLog verdicts;
  BatchingSink batch_events(events);
  HostContext context{policy_source, batch_events, guard, verdicts, caller};
  Dispatcher dispatcher(context);
  std::vector<Reply> replies;
  std::string output;
  for (;;) {
    auto message = reader.next();
    if (!message) {
      if (message.error() == FrameError::interrupted && termination_signal() == 0) continue;
      // A clean end either way; a flush that failed is said on stderr (the audit store's
      // unavailability was reported when it happened, and every post since was held).
      if (message.error() == FrameError::end_of_stream) {
        if (!batch_events.flush()) diagnostics = "pending audit events could NOT be flushed";
        return 0;
      }
      if (message.error() == FrameError::interrupted) {
        const bool flushed = batch_events.flush();
        diagnostics = std::string("stopped by signal ") + std::to_string(termination_signal()) +
                      (flushed ? "; pending events were flushed" : "; pending events could NOT be flushed");
        return 0;
      }
      diagnostics = describe_frame_error(message.error(), reader);
      (void)batch_events.record({"host_error", {{"error", diagnostics}}});
      return 1;
    }
    // The messages already waiting are answered as one batch (protocol/verdict_batch.hpp): one
    // audit commit for all their verdicts, then their replies, in order, in one write.
    replies.clear();
    replies.push_back(dispatcher.handle(*message));
    while (replies.size() < max_batch && reader.has_buffered_message()) {
      auto next = reader.next(); // buffered: no read, so no new file events to take
      if (!next) break; // not with a whole message buffered; the next read would report it
      replies.push_back(dispatcher.handle(*next));
    }
    if (!batch_events.settle()) {
      for (auto &reply : replies) hold_unrecorded_replies(reply, verdicts);
    }
    output.clear();
    for (auto &reply : replies) append_frame(output, serialize_reply(std::move(reply), max_reply_bytes));
    if (!write_all(out_fd, output)) {
      diagnostics = "writing to standard output failed: the browser closed the connection";
      (void)batch_events.record({"host_error", {{"error", diagnostics}}});
      return 1;
    }
  }
}

} // namespace handleguard::protocol
