#pragma once
// Runs a real program to completion as a test's user would: arguments, environment, text on its
// stdin; gives back its exit status and everything it printed.
#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>
#include <future>
#include <mutex>
#include <string>
#include <vector>

namespace handleguard::testing {

namespace bp = boost::process;

// Serialises spawning: Boost.Process 1.74 makes pipes without close-on-exec, so a process started
// from another thread would inherit this one's pipe ends and keep it from ever seeing end of
// stream (the test then waits forever for a child that waits for input).
inline std::mutex &spawn_mutex() {
  static std::mutex mutex;
  return mutex;
}

struct ProcessRun {
  int status = -1;
  std::string out, err;
};

// stdout and stderr are read at the same time: a child that fills one pipe while the test waits
// on the other would otherwise hang both.
inline ProcessRun run_to_completion(const std::string &program, const std::vector<std::string> &args,
                                    const bp::environment &env, const std::string &input = {}) {
  boost::asio::io_context io;
  std::future<std::string> out, err;
  std::unique_lock spawn_lock(spawn_mutex());
  bp::child child(program, bp::args(args), bp::std_in < boost::asio::buffer(input), bp::std_out > out,
                  bp::std_err > err, env, io);
  spawn_lock.unlock();
  io.run();
  child.wait();
  return {child.exit_code(), out.get(), err.get()};
}

// The environment of this test process with HANDLEGUARD_HOME set: every handleguard state file
// of the run lands in `home`.
inline bp::environment environment_with_home(const std::filesystem::path &home) {
  bp::environment env = boost::this_process::environment();
  env["HANDLEGUARD_HOME"] = home.string();
  return env;
}

} // namespace handleguard::testing
