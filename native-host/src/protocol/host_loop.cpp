#include "protocol/host_loop.hpp"

#include "protocol/dispatcher.hpp"
#include "protocol/framing.hpp"
#include "util/os_user.hpp"

namespace handleguard::protocol {

int run_host_loop(int in_fd, int out_fd, policy::PolicySource &policy_source, audit::EventSink &events,
                  std::string &diagnostics) {
  FrameReader reader(in_fd);
  rules::Guard guard(config::resolve_paths(), util::current_os_user());
  rules::VerdictLog verdicts;
  HostContext context{policy_source, events, guard, verdicts};
  Dispatcher dispatcher(context);
  for (;;) {
    auto message = reader.next();
    if (!message) {
      if (message.error() == FrameError::end_of_stream) return 0;
      diagnostics = std::string(describe(message.error()));
      if (message.error() == FrameError::too_large) {
        diagnostics += " (" + std::to_string(reader.last_announced_length()) + " bytes announced, limit " +
                       std::to_string(max_request_bytes) + ")";
      }
      (void)events.record({"host_error", {{"error", diagnostics}}});
      return 1;
    }
    const std::string reply = dispatcher.handle(*message).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!write_all(out_fd, frame(reply))) {
      diagnostics = "writing to standard output failed: the browser closed the connection";
      (void)events.record({"host_error", {{"error", diagnostics}}});
      return 1;
    }
  }
}

} // namespace handleguard::protocol
