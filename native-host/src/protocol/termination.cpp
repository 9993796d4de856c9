#include "protocol/termination.hpp"

#include <array>

namespace handleguard::protocol {

namespace {
volatile std::sig_atomic_t received_signal = 0;
sigset_t wait_mask;
bool installed = false;
constexpr std::array termination_signals = {SIGTERM, SIGINT, SIGHUP};

extern "C" void remember_signal(int signal_number) { received_signal = signal_number; }
} // namespace

void install_termination_handling() {
  struct sigaction action {};
  action.sa_handler = remember_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0; // no SA_RESTART: the wait for input must return
  sigset_t blocked;
  sigemptyset(&blocked);
  for (const int signal_number : termination_signals) {
    sigaction(signal_number, &action, nullptr);
    sigaddset(&blocked, signal_number);
  }
  sigprocmask(SIG_BLOCK, &blocked, &wait_mask);
  for (const int signal_number : termination_signals) sigdelset(&wait_mask, signal_number);
  installed = true;
}

const sigset_t *termination_wait_mask() { return installed ? &wait_mask : nullptr; }

int termination_signal() { return received_signal; }

} // namespace handleguard::protocol
