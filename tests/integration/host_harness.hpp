#pragma once
// Runs the real handleguard-host over real pipes, byte-exact, for the hostile-input and fault
// suites: raw writes (cut frames, bad lengths), frame-exact reads, and a check that nothing
// but whole frames ever came out on stdout.
#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit_process_support.hpp"

namespace handleguard::testing {

inline const std::string pinned_origin = "chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/";

inline std::string framed(const std::string &body) {
  const auto length = static_cast<std::uint32_t>(body.size());
  std::string out(4, '\0');
  std::memcpy(out.data(), &length, 4);
  return out + body;
}

inline std::string length_prefix(std::uint32_t length) {
  std::string out(4, '\0');
  std::memcpy(out.data(), &length, 4);
  return out;
}

inline void write_policy_file(const std::filesystem::path &home, const std::string &text) {
  std::filesystem::create_directories(home / "config");
  std::ofstream(home / "config" / "policy.json", std::ios::binary | std::ios::trunc) << text;
}

// One account, one banned term ("drive"): enough to tell a live policy from none.
inline const std::string sample_policy = R"({"schema":1,"serial":7,"accounts":[
  {"handle":"acmecars","user_id":"1500000000000000001","client":"Acme Cars","kind":"brand",
   "rules":[{"id":"no-drive","kind":"banned_terms","severity":"block","terms":["drive"]}]}]})";

class HostUnderTest {
public:
  // `file_size_limit`: the host runs with RLIMIT_FSIZE at that many bytes and SIGXFSZ ignored,
  // so writes past it fail with EFBIG as on a full disk (no root, no loop device needed).
  explicit HostUnderTest(const std::filesystem::path &home, std::vector<std::string> arguments = {pinned_origin},
                         std::optional<rlim_t> file_size_limit = std::nullopt) {
    static const bool sigpipe_ignored = [] {
      std::signal(SIGPIPE, SIG_IGN); // the host may exit while a test still writes to it
      return true;
    }();
    (void)sigpipe_ignored;
    auto env = boost::this_process::environment();
    env["HANDLEGUARD_HOME"] = home.string();
    child_ = boost::process::child(HANDLEGUARD_HOST_BINARY, boost::process::args(arguments),
                                   boost::process::std_in < to_host_, boost::process::std_out > from_host_,
                                   boost::process::std_err > stderr_, env,
                                   boost::process::extend::on_exec_setup = [file_size_limit](auto & /*executor*/) {
                                     if (!file_size_limit) return;
                                     const rlimit limit{*file_size_limit, *file_size_limit};
                                     ::setrlimit(RLIMIT_FSIZE, &limit);
                                     ::signal(SIGXFSZ, SIG_IGN); // kept across exec: writes fail instead
                                   });
    keep_from_children(to_host_.pipe().native_sink());
    keep_from_children(from_host_.pipe().native_source());
    keep_from_children(stderr_.pipe().native_source());
    spawn_lock_.unlock();
  }
  HostUnderTest(const HostUnderTest &) = delete;
  HostUnderTest &operator=(const HostUnderTest &) = delete;
  ~HostUnderTest() {
    if (child_.running()) child_.terminate();
  }

  void send_raw(const std::string &bytes) {
    to_host_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    to_host_.flush();
  }
  void send(const nlohmann::json &message) { send_raw(framed(message.dump())); }
  void send_body(const std::string &body) { send_raw(framed(body)); }
  void close_input() { to_host_.pipe().close(); }

  // Reads one whole frame and parses it; nullopt at EOF. A frame that is cut short or not
  // JSON fails the test through `stray_output`.
  std::optional<nlohmann::json> receive() {
    std::uint32_t length = 0;
    from_host_.read(reinterpret_cast<char *>(&length), 4);
    if (from_host_.gcount() == 0) return std::nullopt;
    if (from_host_.gcount() != 4) {
      stray_output_ = true;
      return std::nullopt;
    }
    last_frame_bytes_ = length;
    std::string body(length, '\0');
    from_host_.read(body.data(), length);
    if (static_cast<std::uint32_t>(from_host_.gcount()) != length) {
      stray_output_ = true;
      return std::nullopt;
    }
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
      stray_output_ = true;
      return std::nullopt;
    }
    return parsed;
  }
  nlohmann::json ask(const nlohmann::json &message) {
    send(message);
    return receive().value_or(nullptr);
  }
  nlohmann::json ask_body(const std::string &body) {
    send_body(body);
    return receive().value_or(nullptr);
  }

  // Reads stdout to its end; returns how many whole frames came. stray_output() tells
  // whether anything else did.
  std::size_t drain() {
    std::size_t frames = 0;
    while (receive()) ++frames;
    return frames;
  }
  [[nodiscard]] bool stray_output() const { return stray_output_; }
  [[nodiscard]] std::uint32_t last_frame_bytes() const { return last_frame_bytes_; }

  // Waits for the host to exit; nullopt when it hung past `timeout` (it is then killed).
  std::optional<int> wait(std::chrono::seconds timeout = std::chrono::seconds(20)) {
    // Polls rather than child::wait_for, which in Boost 1.74 can miss a SIGCHLD that came
    // before it started waiting and then sleeps the whole timeout.
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (child_.running()) {
      if (std::chrono::steady_clock::now() > deadline) {
        child_.terminate();
        return std::nullopt;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return child_.exit_code();
  }
  // Whether the host ended by exit() rather than by a signal (a crash, an abort).
  [[nodiscard]] bool exited_normally() { return WIFEXITED(child_.native_exit_code()); }
  // Closes the host's input, reads what is left of its output, and waits for it.
  std::optional<int> finish() {
    close_input();
    drain();
    return wait();
  }
  [[nodiscard]] bool running() { return child_.running(); }
  void signal(int signal_number) { ::kill(child_.id(), signal_number); }
  void close_output_reader() { from_host_.pipe().close(); }

  std::string stderr_text() {
    std::string all, line;
    while (std::getline(stderr_, line)) all += line + "\n";
    return all;
  }

private:
  // First: held while the pipes are made (Boost.Process pipes lack close-on-exec, see
  // audit_process_support.hpp).
  std::unique_lock<std::mutex> spawn_lock_{spawn_mutex()};
  boost::process::opstream to_host_;
  boost::process::ipstream from_host_;
  boost::process::ipstream stderr_;
  boost::process::child child_;
  bool stray_output_ = false;
  std::uint32_t last_frame_bytes_ = 0;
};

} // namespace handleguard::testing
