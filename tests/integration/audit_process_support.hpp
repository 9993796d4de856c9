#pragma once
// Helpers for the audit integration tests: a real host over real pipes, the real CLI, and the
// audit log read back from its SQLite file.
#include <boost/process.hpp>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "process_run.hpp"

namespace handleguard::testing {

namespace bp = boost::process;

inline void keep_from_children(int fd) { ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC); }

class AuditedHost {
public:
  explicit AuditedHost(const std::filesystem::path &home) {
    auto env = boost::this_process::environment();
    env["HANDLEGUARD_HOME"] = home.string();
    child_ = bp::child(HANDLEGUARD_HOST_BINARY, "chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/",
                       bp::std_in < to_host_, bp::std_out > from_host_, bp::std_err > bp::null, env);
    keep_from_children(to_host_.pipe().native_sink());
    keep_from_children(from_host_.pipe().native_source());
    spawn_lock_.unlock();
  }
  void send(const nlohmann::json &message) {
    const std::string body = message.dump();
    const auto length = static_cast<std::uint32_t>(body.size());
    std::string framed(4, '\0');
    std::memcpy(framed.data(), &length, 4);
    framed += body;
    send_raw(framed);
  }
  // Writes `bytes` as they are (broken frames).
  void send_raw(const std::string &bytes) {
    to_host_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    to_host_.flush();
  }
  nlohmann::json receive() {
    std::uint32_t length = 0;
    from_host_.read(reinterpret_cast<char *>(&length), 4);
    if (!from_host_) return nullptr;
    std::string body(length, '\0');
    from_host_.read(body.data(), length);
    if (!from_host_) return nullptr;
    return nlohmann::json::parse(body, nullptr, false);
  }
  nlohmann::json ask(const nlohmann::json &message) {
    send(message);
    return receive();
  }
  AuditedHost(const AuditedHost &) = delete;
  AuditedHost &operator=(const AuditedHost &) = delete;
  // Ends the host as a browser does, by closing its input, so its last events are stored; one
  // that does not end within a few seconds is killed.
  ~AuditedHost() {
    if (!child_.running()) return;
    to_host_.pipe().close();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (child_.running() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    if (child_.running()) child_.terminate();
  }
  void kill() { child_.terminate(); } // SIGKILL
  int close_and_wait() {
    to_host_.pipe().close();
    child_.wait();
    return child_.exit_code();
  }

private:
  std::unique_lock<std::mutex> spawn_lock_{spawn_mutex()}; // first: held while the pipes are made
  bp::opstream to_host_;
  bp::ipstream from_host_;
  bp::child child_;
};

using CliRun = ProcessRun;

inline CliRun run_cli(const std::vector<std::string> &args, const std::filesystem::path &home) {
  return run_to_completion(HANDLEGUARD_CLI_BINARY, args, environment_with_home(home));
}

// Every stored event, parsed, via `handleguard log export`.
inline std::vector<nlohmann::json> exported_events(const std::filesystem::path &home) {
  std::vector<nlohmann::json> events;
  const CliRun run = run_cli({"log", "export"}, home);
  std::size_t start = 0;
  while (start < run.out.size()) {
    const auto end = run.out.find('\n', start);
    events.push_back(nlohmann::json::parse(run.out.substr(start, end - start), nullptr, false));
    start = end == std::string::npos ? run.out.size() : end + 1;
  }
  return events;
}

inline void write_text(const std::filesystem::path &path, const std::string &text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

inline const std::string audited_policy = R"({"schema":1,"serial":3,"accounts":[
  {"handle":"acmecars","user_id":"1500000000000000001","client":"Acme Cars","kind":"brand",
   "rules":[{"id":"no-drive","kind":"banned_terms","severity":"block","terms":["drive"]}]}]})";

} // namespace handleguard::testing
