#include "install/host_probe.hpp"

#include <cerrno>
#include <cstring>
#include <optional>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "protocol/framing.hpp"

extern char **environ; // NOLINT(readability-redundant-declaration): POSIX declares it nowhere else

namespace handleguard::install {

namespace {
using Clock = std::chrono::steady_clock;

// Closes both ends of a pipe when it goes out of scope (every return path below).
struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    if (::pipe2(fds, O_CLOEXEC) != 0) fds[0] = fds[1] = -1;
  }
  ~Pipe() {
    close_end(0);
    close_end(1);
  }
  Pipe(const Pipe &) = delete;
  Pipe &operator=(const Pipe &) = delete;
  void close_end(int end) {
    if (fds[end] >= 0) ::close(fds[end]);
    fds[end] = -1;
  }
  [[nodiscard]] bool ok() const { return fds[0] >= 0; }
};

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

// Reads stdout and stderr until both end or the deadline passes; false on time-out.
bool drain(int out_fd, int err_fd, std::string &out, std::string &err, Clock::time_point deadline) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string *sinks[2] = {&out, &err};
  int still_open = 2;
  char buffer[4096];
  while (still_open > 0) {
    const int ready = ::poll(fds, 2, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const auto got = ::read(fds[i].fd, buffer, sizeof buffer);
      if (got > 0 && sinks[i]->size() < (1U << 20U)) {
        sinks[i]->append(buffer, static_cast<std::size_t>(got));
      } else if (got == 0 || (got < 0 && errno != EINTR)) {
        fds[i].fd = -1;
        --still_open;
      }
    }
  }
  return true;
}

// Waits for `pid` until the deadline, then kills its process group (a host started through a
// wrapper script must not outlive doctor); returns the wait status, or -1 on time-out.
int reap(pid_t pid, Clock::time_point deadline) {
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return -1;
    if (Clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    ::usleep(10'000);
  }
}

std::string last_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const auto newline = text.rfind('\n');
  return newline == std::string::npos ? text : text.substr(newline + 1);
}

// "10 s", "2.5 s", "0.5 s".
std::string describe_limit(std::chrono::milliseconds limit) {
  const auto ms = limit.count();
  std::string text = std::to_string(ms / 1000);
  if (ms % 1000 != 0) {
    std::string fraction = std::to_string(1000 + ms % 1000).substr(1);
    while (fraction.back() == '0') fraction.pop_back();
    text += "." + fraction;
  }
  return text + " s";
}

// The first framed message in `bytes`, if whole.
std::optional<std::string> first_frame(const std::string &bytes) {
  if (bytes.size() < 4) return std::nullopt;
  std::uint32_t length = 0;
  std::memcpy(&length, bytes.data(), 4); // native byte order, as the protocol says
  if (bytes.size() - 4 < length) return std::nullopt;
  return bytes.substr(4, length);
}
} // namespace

HostAnswer ask_host_hello(const std::filesystem::path &host, const std::vector<std::string> &arguments,
                          std::chrono::milliseconds limit) {
  HostAnswer answer;
  const auto deadline = Clock::now() + limit;
  Pipe in, out, err;
  if (!in.ok() || !out.ok() || !err.ok()) {
    answer.problem = std::string("cannot make pipes: ") + std::strerror(errno);
    return answer;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fds[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fds[1], STDERR_FILENO);
  std::vector<std::string> argv_text{host.string()};
  argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
  std::vector<char *> argv;
  for (auto &item : argv_text) argv.push_back(item.data());
  argv.push_back(nullptr);
  // Its own process group, so a time-out ends it with everything it started.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, host.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    answer.problem = "cannot start it: " + std::string(std::strerror(spawned));
    return answer;
  }
  in.close_end(0);
  out.close_end(1);
  err.close_end(1);
  // One request, then end of input: the host answers and ends, as when the browser closes the port.
  // A host that ended at once must not end doctor with SIGPIPE.
  struct sigaction ignore {}, previous {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  const bool sent = protocol::write_all(in.fds[1], protocol::frame(R"({"id":"doctor","type":"hello"})"));
  in.close_end(1);
  ::sigaction(SIGPIPE, &previous, nullptr);
  std::string stdout_bytes, stderr_bytes;
  const bool ended = drain(out.fds[0], err.fds[0], stdout_bytes, stderr_bytes, deadline);
  const int status = reap(pid, ended ? deadline : Clock::now());
  answer.stderr_tail = last_line(stderr_bytes);
  if (!ended || status < 0) {
    answer.problem = "it did not answer within " + describe_limit(limit) + " (doctor --host-timeout sets the limit)";
    return answer;
  }
  const auto reply = first_frame(stdout_bytes);
  auto document = reply ? nlohmann::json::parse(*reply, nullptr, false) : nlohmann::json();
  if (!sent || !reply || !document.is_object()) {
    if (WIFSIGNALED(status)) {
      answer.problem = "it was killed by signal " + std::to_string(WTERMSIG(status));
    } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
      answer.problem = "it exited with status " + std::to_string(WEXITSTATUS(status)) + " without answering hello";
    } else {
      answer.problem = "it did not answer hello with a framed JSON reply";
    }
    return answer;
  }
  const auto ok = document.find("ok");
  if (ok == document.end() || *ok != true) {
    answer.problem = "it refused hello: " + document.dump();
    return answer;
  }
  answer.answered = true;
  answer.hello = std::move(document);
  return answer;
}

} // namespace handleguard::install
