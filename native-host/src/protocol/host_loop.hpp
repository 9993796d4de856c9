#pragma once
// The host's main loop: read a frame, answer it, repeat until the browser closes the port or a
// termination signal arrives (see protocol/termination.hpp).
#include <string>

#include "audit/event_sink.hpp"
#include "install/caller_check.hpp"
#include "policy/policy_source.hpp"

namespace handleguard::protocol {

// Returns the process exit status: 0 after a clean end of stream or a termination signal (queued
// events flushed first), 1 when the framing could not be trusted or the output failed. The
// reason, and a failed flush, is written to `diagnostics`, never to `out_fd`.
// Every event goes to `events` (the audit store); a failure of the framing is recorded there too.
// `caller` is the extension that started the host (handlers that answer for its browser read it).
[[nodiscard]] int run_host_loop(int in_fd, int out_fd, policy::PolicySource &policy_source, audit::EventSink &events,
                                std::string &diagnostics, const install::Caller *caller = nullptr);

} // namespace handleguard::protocol
