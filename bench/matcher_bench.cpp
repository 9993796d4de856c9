// Our term matcher on the benchmark corpus, in-process: the same work as
// bench/obscenity_bench.mjs does with the npm package `obscenity`. Prints one JSON object: build
// time of each lexicon, then for each lexicon and post length the median and p99 time per post
// (each call timed on its own, in CPU time of this thread, and in wall time), and recall and false
// positives on the labelled set. CPU time is the figure to compare on a shared machine: a call
// preempted by a neighbour stretches in wall time only.
//   handleguard_matcher_bench CORPUS_JSON EN_LEXICON SYNTHETIC_LEXICON LABELLED_TSV
#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/lexicon.hpp"
#include "text/term_matcher.hpp"

namespace {
using handleguard::text::TermMatcher;
using Clock = std::chrono::steady_clock;

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

double microseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

double thread_cpu_microseconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

// What one timing costs with nothing timed: both clocks read as around a call, median of many.
// Reading this thread's CPU clock is a system call (about 1-2 µs on a virtual machine), as
// large as a short post's whole check, so it is subtracted from every sample; the Node side
// (obscenity_bench.mjs) subtracts its own the same way.
struct ClockOverhead {
  double cpu_us = 0;
  double wall_us = 0;
};
ClockOverhead clock_overhead() {
  std::vector<double> cpu;
  std::vector<double> wall;
  for (int i = 0; i < 20001; ++i) {
    const auto start = Clock::now();
    const double cpu_start = thread_cpu_microseconds();
    cpu.push_back(thread_cpu_microseconds() - cpu_start);
    wall.push_back(microseconds_since(start));
  }
  std::sort(cpu.begin(), cpu.end());
  std::sort(wall.begin(), wall.end());
  return {cpu[cpu.size() / 2], wall[wall.size() / 2]};
}

// Times every call; repeats the set until it has run `min_calls` calls and at least a second.
nlohmann::json measure(const TermMatcher &matcher, const std::vector<std::string> &posts, std::size_t min_calls) {
  static const ClockOverhead overhead = clock_overhead();
  std::size_t matches = 0;
  for (const auto &text : posts) matches += matcher.find(text).size(); // warm-up
  std::vector<double> cpu;
  std::vector<double> wall;
  const auto started = Clock::now();
  while (cpu.size() < min_calls || microseconds_since(started) < 1e6) {
    for (const auto &text : posts) {
      const auto start = Clock::now();
      const double cpu_start = thread_cpu_microseconds();
      const auto found = matcher.find(text);
      cpu.push_back(std::max(0.0, thread_cpu_microseconds() - cpu_start - overhead.cpu_us));
      wall.push_back(std::max(0.0, microseconds_since(start) - overhead.wall_us));
      if (found.size() > text.size()) std::cerr << "impossible\n"; // keeps the call
    }
  }
  std::sort(cpu.begin(), cpu.end());
  std::sort(wall.begin(), wall.end());
  const auto at = [](const std::vector<double> &sorted, double q) {
    return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
  };
  return {{"posts", posts.size()},         {"calls", cpu.size()},          {"median_us", at(cpu, 0.5)},
          {"p99_us", at(cpu, 0.99)},        {"max_us", cpu.back()},          {"wall_median_us", at(wall, 0.5)},
          {"wall_p99_us", at(wall, 0.99)}, {"matches_per_pass", matches}, {"clock_overhead_us", overhead.cpu_us}};
}

// Build time in CPU time of this thread (wall time on a shared machine measures the neighbours).
TermMatcher build(const std::string &lexicon_text, double &build_ms) {
  const double start = thread_cpu_microseconds();
  auto lexicon = handleguard::text::parse_lexicon(lexicon_text);
  if (!lexicon) throw std::runtime_error(handleguard::text::describe(lexicon.error(), "lexicon"));
  TermMatcher matcher(std::move(lexicon->terms), std::move(lexicon->allow));
  build_ms = (thread_cpu_microseconds() - start) / 1000.0;
  return matcher;
}

nlohmann::json labelled(const TermMatcher &matcher, const std::string &tsv) {
  int matches = 0, found = 0, clean = 0, false_positives = 0, hard = 0, hard_found = 0;
  std::istringstream in(tsv);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    const auto first_tab = line.find('\t');
    const auto second_tab = line.find('\t', first_tab + 1);
    const bool expect = line.substr(0, first_tab) == "match";
    const bool is_hard = line.compare(first_tab + 1, 5, "hard-") == 0;
    const bool flagged = !matcher.find(line.substr(second_tab + 1)).empty();
    if (expect && is_hard) ++hard, hard_found += flagged ? 1 : 0;
    if (expect) ++matches, found += flagged ? 1 : 0;
    else ++clean, false_positives += flagged ? 1 : 0;
  }
  return {{"match_lines", matches}, {"found", found}, {"hard_lines", hard}, {"hard_found", hard_found},
          {"clean_lines", clean}, {"false_positives", false_positives}};
}
} // namespace

int main(int argc, char **argv) {
  if (argc != 5) {
    std::cerr << "usage: handleguard_matcher_bench CORPUS_JSON EN_LEXICON SYNTHETIC_LEXICON LABELLED_TSV\n";
    return 64;
  }
  try {
    const auto corpus = nlohmann::json::parse(read_file(argv[1]), nullptr, false);
    if (corpus.is_discarded() || !corpus.contains("short") || !corpus.contains("long")) throw std::runtime_error("bad corpus");
    const auto short_posts = corpus.at("short").get<std::vector<std::string>>();
    const auto long_posts = corpus.at("long").get<std::vector<std::string>>();

    double english_build_ms = 0;
    double synthetic_build_ms = 0;
    const TermMatcher english = build(read_file(argv[2]), english_build_ms);
    const TermMatcher synthetic = build(read_file(argv[3]), synthetic_build_ms);

    nlohmann::json out;
    out["engine"] = "handleguard";
    out["english"] = {{"terms", english.patterns().size()}, {"build_ms", english_build_ms},
                      {"short", measure(english, short_posts, 20000)}, {"long", measure(english, long_posts, 400)}};
    out["synthetic"] = {{"terms", synthetic.patterns().size()}, {"build_ms", synthetic_build_ms},
                        {"short", measure(synthetic, short_posts, 20000)}, {"long", measure(synthetic, long_posts, 400)}};
    out["labelled"] = labelled(english, read_file(argv[4]));
    std::cout << out.dump() << "\n";
  } catch (const std::exception &error) {
    std::cerr << "handleguard_matcher_bench: error: " << error.what() << "\n";
    return 70;
  }
  return 0;
}
