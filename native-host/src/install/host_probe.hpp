#pragma once
// Starts the host as a browser would (its caller arguments, pipes on stdin and stdout), sends one
// framed `hello` and reads the framed reply: proves the binary runs, passes its caller check
// and speaks the protocol, and tells what the host itself sees of the policy.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace handleguard::install {

struct HostAnswer {
  bool answered = false;   // a framed reply to hello came back
  nlohmann::json hello;    // that reply (an object) when answered
  std::string problem;     // why not, for the user: start failure, exit status, time-out, bad reply
  std::string stderr_tail; // the host's last stderr line, if any
};

// Runs `host` with `arguments` (e.g. the extension origin), waiting at most `limit` in all.
[[nodiscard]] HostAnswer ask_host_hello(const std::filesystem::path &host, const std::vector<std::string> &arguments,
                                        std::chrono::milliseconds limit = std::chrono::seconds(10));

} // namespace handleguard::install
