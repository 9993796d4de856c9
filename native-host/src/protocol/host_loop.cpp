#include "protocol/host_loop.hpp"

#include "protocol/dispatcher.hpp"
#include "protocol/framing.hpp"
#include "protocol/reply_size.hpp"
#include "protocol/termination.hpp"
#include "util/os_user.hpp"

namespace handleguard::protocol {

namespace {
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
                  std::string &diagnostics) {
  FrameReader reader(in_fd, max_request_bytes, termination_wait_mask());
  rules::Guard guard(config::resolve_paths(), util::current_os_user());
  rules::VerdictLog verdicts;
  HostContext context{policy_source, events, guard, verdicts};
  Dispatcher dispatcher(context);
  for (;;) {
    auto message = reader.next();
    if (!message) {
      if (message.error() == FrameError::interrupted && termination_signal() == 0) continue;
      // A clean end either way; a flush that failed is said on stderr (the audit store's
      // unavailability was reported when it happened, and every post since was held).
      if (message.error() == FrameError::end_of_stream) {
        if (!events.flush()) diagnostics = "pending audit events could NOT be flushed";
        return 0;
      }
      if (message.error() == FrameError::interrupted) {
        const bool flushed = events.flush();
        diagnostics = std::string("stopped by signal ") + std::to_string(termination_signal()) +
                      (flushed ? "; pending events were flushed" : "; pending events could NOT be flushed");
        return 0;
      }
      diagnostics = describe_frame_error(message.error(), reader);
      (void)events.record({"host_error", {{"error", diagnostics}}});
      return 1;
    }
    const std::string reply = serialize_reply(dispatcher.handle(*message), max_reply_bytes);
    if (!write_all(out_fd, frame(reply))) {
      diagnostics = "writing to standard output failed: the browser closed the connection";
      (void)events.record({"host_error", {{"error", diagnostics}}});
      return 1;
    }
  }
}

} // namespace handleguard::protocol
