#pragma once
// Lets SIGTERM, SIGINT and SIGHUP end the host between messages, never in the middle of one:
// the signals stay blocked except while the host waits for input (ppoll with wait_mask()), so
// a request being answered is finished and its events flushed before the host exits.
#include <csignal>

namespace handleguard::protocol {

// Installs the handlers and blocks the signals; call once, early in main, before any thread.
void install_termination_handling();

// The signal mask to wait for input with (the termination signals unblocked); null until
// install_termination_handling() ran.
[[nodiscard]] const sigset_t *termination_wait_mask();

// Returns the signal that asked the host to stop, or 0.
[[nodiscard]] int termination_signal();

} // namespace handleguard::protocol
