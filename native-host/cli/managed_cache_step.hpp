#pragma once
// The last step of `handleguard install --system` on this machine: the managed policy's cache.
#include <string>

#include "config/paths.hpp"

namespace handleguard::cli {

// A managed policy's cache belongs to one build of the host (policy/policy_cache.hpp), so the
// host just registered writes it, as the Debian package's post-install does; without it every
// user's host parses the policy at each start. Does nothing without a managed policy. The host
// says on stderr what it did; a failure is a warning, not an undone install: the registration
// stands, and a policy the host refuses blocks every post until it is fixed.
void cache_managed_policy(const config::Paths &paths, const std::string &host);

} // namespace handleguard::cli
