#pragma once
// Helpers for the audit integration tests: a real host over real pipes, the real CLI, and the
// audit log read back from its SQLite file.
#include <boost/process.hpp>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace handleguard::testing {

namespace bp = boost::process;

// Serialises spawning: Boost.Process 1.74 makes pipes without close-on-exec, so a host started
// from another thread would inherit this host's stdin write end and keep it from ever seeing
// end of stream (the test then waits forever for a host that waits for input).
inline std::mutex &spawn_mutex() {
  static std::mutex mutex;
  return mutex;
}

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

struct CliRun {
  int status = -1;
  std::string out, err;
};

inline CliRun run_cli(const std::vector<std::string> &args, const std::filesystem::path &home) {
  auto env = boost::this_process::environment();
  env["HANDLEGUARD_HOME"] = home.string();
  bp::ipstream out, err;
  bp::child child(HANDLEGUARD_CLI_BINARY, bp::args(args), bp::std_in < bp::null, bp::std_out > out, bp::std_err > err, env);
  CliRun result;
  std::string line;
  while (std::getline(out, line)) result.out += line + "\n";
  while (std::getline(err, line)) result.err += line + "\n";
  child.wait();
  result.status = child.exit_code();
  return result;
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
