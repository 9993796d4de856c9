// Measures the real handleguard-host over real pipes, as the browser uses it (issue 8, item 6):
//   1. start to first verdict with a policy of 500 accounts and 10,000 banned terms (wall and
//      CPU time, audit on and off);
//   2. peak resident memory of the host with that policy;
//   3. verdicts per second with requests pipelined (280-character posts, audit on and off);
//   4. sequential round trip of a 280-character `check`, audit off (--audit=off) and on,
//      against a bare framed echo over the same kind of pipe (this program with --echo).
// Prints figures; asserts nothing. Run through bench/host.sh.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sched.h>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/framing.hpp"

extern char **environ;

namespace {

using handleguard::protocol::FrameReader;
using handleguard::protocol::frame;
using handleguard::protocol::write_all;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int account_count = 500;
constexpr int terms_per_account = 20; // 10,000 terms in all
const std::string origin = "chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/";

std::string term(int account, int index) { return "zq" + std::to_string(account) + "x" + std::to_string(index) + "term"; }
std::string handle(int account) { return "client" + std::to_string(account); }

void write_policy(const std::filesystem::path &home) {
  json accounts = json::array();
  for (int a = 0; a < account_count; ++a) {
    json terms = json::array();
    for (int t = 0; t < terms_per_account; ++t) terms.push_back(term(a, t));
    accounts.push_back({{"handle", handle(a)},
                        {"user_id", std::to_string(1'500'000'000'000'000'000LL + a)},
                        {"client", "Client " + std::to_string(a)},
                        {"kind", "brand"},
                        {"rules", json::array({{{"id", "banned"}, {"kind", "banned_terms"}, {"severity", "block"}, {"terms", terms}}})}});
  }
  std::filesystem::create_directories(home / "config");
  std::ofstream(home / "config" / "policy.json") << json{{"schema", 1}, {"serial", 1}, {"accounts", accounts}}.dump();
}

// A 280-character post, clean unless `banned` (then one term of its account near the end).
std::string post(int account, bool banned) {
  std::string text = "Big news from our team: the spring collection lands Friday with free shipping over $50, new colours "
                     "and a few surprises. Tell us which piece you want first, tag a friend who needs it, and watch this "
                     "space for the launch stream. #spring @friends ";
  text += banned ? term(account, 7) : std::string("see you there");
  text.resize(280, '.');
  return text;
}

std::string check_message(int id, int account, bool banned) {
  return json{{"id", id},
              {"type", "check"},
              {"handle", handle(account)},
              {"user_id", std::to_string(1'500'000'000'000'000'000LL + account)},
              {"text", post(account, banned)},
              {"action", "post"}}
      .dump();
}

struct Child {
  pid_t pid = -1;
  int to_child = -1;
  int from_child = -1;
};

Child spawn(const std::vector<std::string> &arguments) {
  int in_pipe[2], out_pipe[2];
  // Close-on-exec: a child must not hold another child's pipe ends (its input would never end).
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0) std::exit(2);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, in_pipe[1]);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  std::vector<char *> argv;
  for (const auto &argument : arguments) argv.push_back(const_cast<char *>(argument.c_str()));
  argv.push_back(nullptr);
  Child child;
  if (posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    std::fprintf(stderr, "cannot start %s\n", argv[0]);
    std::exit(2);
  }
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  child.to_child = in_pipe[1];
  child.from_child = out_pipe[0];
  return child;
}

// Closes the child's input and returns its resource usage (peak resident set, CPU time).
rusage finish_usage(Child &child) {
  ::close(child.to_child);
  char sink[4096];
  while (::read(child.from_child, sink, sizeof sink) > 0) {
  }
  ::close(child.from_child);
  int status = 0;
  rusage usage{};
  ::wait4(child.pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::fprintf(stderr, "warning: child exited with status %d\n", status);
  return usage;
}

// Returns the child's peak resident set in KiB.
long finish(Child &child) { return finish_usage(child).ru_maxrss; }

double cpu_ms(const rusage &usage) {
  const auto ms = [](const timeval &t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five;
  in >> one >> five;
  return one + " " + five;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

struct RoundTrips {
  std::vector<double> micros; // wall time of each round trip
  double child_user_micros = 0; // the child's CPU time per round trip, warm-up and exit included
  double child_system_micros = 0;
};

// Where the caller and the child run. On a virtual machine a pipe's wake-up costs a few
// microseconds when both processes share one CPU and tens when the woken one's CPU must leave
// its idle state, and the scheduler picks between the two differently from run to run; pinning
// makes each case what it says.
enum class Placement { scheduler, other_cpu, same_cpu };

// The CPUs this process may run on when it started.
const cpu_set_t &original_cpus() {
  static const cpu_set_t cpus = [] {
    cpu_set_t set;
    CPU_ZERO(&set);
    (void)::sched_getaffinity(0, sizeof set, &set);
    return set;
  }();
  return cpus;
}

// Pins this process to `cpu`; children inherit it at spawn.
bool pin_self(std::size_t cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return ::sched_setaffinity(0, sizeof set, &set) == 0;
}

void unpin_self() { (void)::sched_setaffinity(0, sizeof(cpu_set_t), &original_cpus()); }

// Round trips to each of `commands` (children started at once), taken in turn: trip i goes to
// every child, in an order that alternates, so that what the machine does meanwhile (a virtual
// machine's neighbours, its CPUs' idle states) falls on all of them alike and their ratio holds
// from run to run. One set of timings per command.
std::vector<RoundTrips> interleaved_round_trips(const std::vector<std::vector<std::string>> &commands, int count,
                                                Placement placement) {
  (void)original_cpus();
  if (placement != Placement::scheduler && !pin_self(placement == Placement::other_cpu ? 1U : 0U)) {
    std::fprintf(stderr, "cannot pin to a CPU\n");
    std::exit(1);
  }
  std::vector<Child> children;
  std::vector<FrameReader> replies;
  replies.reserve(commands.size());
  for (const auto &command : commands) {
    children.push_back(spawn(command));
    replies.emplace_back(children.back().from_child, 1U << 24U);
  }
  if (placement == Placement::other_cpu) (void)pin_self(0U);
  std::vector<RoundTrips> trips(commands.size());
  for (auto &each : trips) each.micros.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count + 200; ++i) { // the first 200 warm caches and are not counted
    const std::string message = frame(check_message(i, i % account_count, i % 10 == 0));
    for (std::size_t turn = 0; turn < children.size(); ++turn) {
      const std::size_t k = i % 2 == 0 ? turn : children.size() - 1 - turn;
      const auto start = Clock::now();
      if (!write_all(children[k].to_child, message) || !replies[k].next()) {
        std::fprintf(stderr, "round trip failed\n");
        std::exit(1);
      }
      if (i >= 200) trips[k].micros.push_back(micros(Clock::now() - start));
    }
  }
  unpin_self();
  for (std::size_t k = 0; k < children.size(); ++k) {
    const rusage usage = finish_usage(children[k]);
    const auto per_trip = [&](const timeval &t) {
      return (static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_usec)) / (count + 200);
    };
    trips[k].child_user_micros = per_trip(usage.ru_utime);
    trips[k].child_system_micros = per_trip(usage.ru_stime);
  }
  return trips;
}

// Placed by the scheduler, the children are measured one at a time (alive together, the
// scheduler keeps the one that does almost nothing, the echo, on the caller's CPU, and moves the
// other away): `blocks` runs of each, alternating, so that a change in the machine meanwhile
// falls on both.
std::vector<RoundTrips> alternating_blocks(const std::vector<std::vector<std::string>> &commands, int count, int blocks = 4) {
  std::vector<RoundTrips> trips(commands.size());
  for (int block = 0; block < blocks; ++block) {
    for (std::size_t k = 0; k < commands.size(); ++k) {
      const RoundTrips run = interleaved_round_trips({commands[k]}, count / blocks, Placement::scheduler)[0];
      trips[k].micros.insert(trips[k].micros.end(), run.micros.begin(), run.micros.end());
      trips[k].child_user_micros += run.child_user_micros / blocks;
      trips[k].child_system_micros += run.child_system_micros / blocks;
    }
  }
  return trips;
}

int echo_main() {
  FrameReader reader(STDIN_FILENO, 1U << 24U);
  while (auto message = reader.next()) {
    if (!write_all(STDOUT_FILENO, frame(*message))) return 1;
  }
  return 0;
}

// Sections 1 and 2: start-up and peak memory.
void measure_start_and_memory(const std::string &host) {
  // 1: start to first verdict, over fresh hosts: wall time (what a user waits for, including
  // the wait for a CPU on a busy machine) and the host's own CPU time (start, that verdict and
  // exit: what the host costs, whatever the neighbours do).
  for (const bool audit : {true, false}) {
    std::vector<double> starts;
    std::vector<double> cpu;
    for (int run = 0; run < 30; ++run) {
      const auto start = Clock::now();
      Child child = spawn(audit ? std::vector<std::string>{host, origin} : std::vector<std::string>{host, "--audit=off", origin});
      FrameReader replies(child.from_child, 1U << 24U);
      if (!write_all(child.to_child, frame(check_message(1, 321, true)))) std::exit(1);
      const auto reply = replies.next();
      starts.push_back(micros(Clock::now() - start) / 1000.0);
      if (!reply || json::parse(*reply, nullptr, false).value("verdict", "") != "block") {
        std::fprintf(stderr, "first verdict was not the expected block: %s\n", reply ? reply->c_str() : "(none)");
        std::exit(1);
      }
      cpu.push_back(cpu_ms(finish_usage(child)));
    }
    std::printf("start to first verdict, audit %s: wall median %.2f ms, p90 %.2f ms, min %.2f ms; host CPU median %.2f ms, "
                "min %.2f ms (30 starts)\n",
                audit ? "on" : "off", percentile(starts, 50), percentile(starts, 90), *std::min_element(starts.begin(), starts.end()),
                percentile(cpu, 50), *std::min_element(cpu.begin(), cpu.end()));
  }

  // 2: peak RSS of a working host: after verdicts for 101 different accounts.
  long peak_rss = 0;
  for (int run = 0; run < 5; ++run) {
    Child child = spawn({host, origin});
    FrameReader replies(child.from_child, 1U << 24U);
    for (int i = 0; i <= 100; ++i) {
      if (!write_all(child.to_child, frame(check_message(i, i * 5 % account_count, i % 3 == 0))) || !replies.next()) std::exit(1);
    }
    peak_rss = std::max(peak_rss, finish(child));
  }
  std::printf("peak resident memory: %.1f MiB (max over 5 hosts, each after 101 verdicts for 100 accounts)\n",
              static_cast<double>(peak_rss) / 1024.0);
}

// Section 3: pipelined throughput.
void measure_pipelined(const std::string &host) {
  // 3: pipelined throughput (audit on: the goal; audit off: what the audit commits cost).
  for (const bool audit : {true, false}) {
    constexpr int count = 100'000;
    std::string all;
    for (int i = 0; i < count; ++i) all += frame(check_message(i, i % account_count, i % 10 == 0));
    Child child = spawn(audit ? std::vector<std::string>{host, origin} : std::vector<std::string>{host, "--audit=off", origin});
    FrameReader replies(child.from_child, 1U << 24U);
    const auto start = Clock::now();
    std::thread writer([&] { (void)write_all(child.to_child, all); });
    int blocked = 0;
    for (int i = 0; i < count; ++i) {
      const auto reply = replies.next();
      if (!reply) std::exit(1);
      if (reply->find("\"verdict\":\"block\"") != std::string::npos) ++blocked;
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    writer.join();
    const double cpu = cpu_ms(finish_usage(child)) / 1000.0;
    std::printf("pipelined, audit %s: %.0f verdicts/s (%d checks of 280 chars in %.2f s, host CPU %.2f s, %d blocked)\n",
                audit ? "on" : "off", count / seconds, count, seconds, cpu, blocked);
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc == 2 && std::string(argv[1]) == "--echo") return echo_main();
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s HOST_BINARY\n", argv[0]);
    return 64;
  }
  const std::string host = argv[1];
  const std::string self = std::filesystem::canonical("/proc/self/exe").string();
  const auto home = std::filesystem::temp_directory_path() / ("handleguard-bench-" + std::to_string(::getpid()));
  write_policy(home);
  ::setenv("HANDLEGUARD_HOME", home.c_str(), 1);
  std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they come
  std::printf("load average at start: %s\n", load_average().c_str());
  std::printf("policy: %d accounts, %d banned terms, %ju bytes\n", account_count, account_count * terms_per_account,
              static_cast<std::uintmax_t>(std::filesystem::file_size(home / "config" / "policy.json")));

  // HANDLEGUARD_BENCH_ROUND_TRIPS_ONLY=1 measures the round trips alone (section 4).
  if (std::getenv("HANDLEGUARD_BENCH_ROUND_TRIPS_ONLY") == nullptr) {
    measure_start_and_memory(host);
    if (std::getenv("HANDLEGUARD_BENCH_START_ONLY") != nullptr) return 0;
    measure_pipelined(host);
  }

  // 4: sequential round trips: the host against a bare echo, placed by the scheduler, then on
  // a CPU of its own (as a browser's host is, the browser busy on another) and on the caller's.
  // The child's own CPU time tells the host's work apart from the pipe's wake-ups.
  constexpr int rounds = 20'000;
  const auto report = [&](const char *name, const RoundTrips &trips, double echo_p50) {
    const double p50 = percentile(trips.micros, 50);
    std::printf("  %s p50 %.1f µs, p99 %.1f µs (%.2fx echo at p50); child CPU %.1f µs user + %.1f µs system a trip\n", name,
                p50, percentile(trips.micros, 99), p50 / echo_p50, trips.child_user_micros, trips.child_system_micros);
  };
  const bool two_cpus = std::thread::hardware_concurrency() >= 2;
  for (const auto placement : {Placement::scheduler, Placement::other_cpu, Placement::same_cpu}) {
    if (placement != Placement::scheduler && !two_cpus) continue;
    std::printf("round trips, %s:\n", placement == Placement::scheduler  ? "placed by the scheduler"
                                      : placement == Placement::other_cpu ? "host on another CPU than the caller"
                                                                          : "host on the caller's CPU");
    const std::vector<std::vector<std::string>> pair{{self, "--echo"}, {host, "--audit=off", origin}};
    const auto trips = placement == Placement::scheduler ? alternating_blocks(pair, rounds) : interleaved_round_trips(pair, rounds, placement);
    const double echo_p50 = percentile(trips[0].micros, 50);
    report("bare framed echo:", trips[0], echo_p50);
    report("check, audit off:", trips[1], echo_p50);
    // Audit on alone: its commits would slow the trips taken beside it.
    if (placement == Placement::scheduler) report("check, audit on: ", interleaved_round_trips({{host, origin}}, rounds, placement)[0], echo_p50);
  }
  std::printf("load average at end: %s\n", load_average().c_str());
  std::filesystem::remove_all(home);
  return 0;
}
