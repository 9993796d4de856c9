#include "managed_cache_step.hpp"

#include <filesystem>
#include <iostream>
#include <system_error>

#include <boost/process.hpp>

namespace handleguard::cli {

void cache_managed_policy(const config::Paths &paths, const std::string &host) {
  std::error_code error;
  if (!std::filesystem::exists(paths.managed_config_dir / "policy.json", error)) return;
  std::cout.flush(); // the host's own line comes after the registrations printed
  namespace bp = boost::process;
  const int status = bp::system(host, "--cache-managed-policy", bp::std_in < bp::null, bp::std_out > bp::null, error);
  if (error || status != 0) {
    std::cerr << "warning: the managed policy's cache was not written"
              << (error ? " (cannot run " + host + ": " + error.message() + ")" : std::string()) << "; every user's host "
              << "reads " << (paths.managed_config_dir / "policy.json").string()
              << " at each start until `sudo " << host << " --cache-managed-policy` succeeds\n";
  }
}

} // namespace handleguard::cli
