#pragma once
// A compact binary form of a loaded policy (policy/model.hpp), for the policy cache
// (policy/policy_cache.hpp): written by this build, read back only by this build. Decoding
// checks every length, enum and variant index against the bytes, and fails rather than guess.
#include <optional>
#include <string>
#include <string_view>

#include "policy/model.hpp"

namespace handleguard::policy {

[[nodiscard]] std::string encode_policy(const Policy &policy);
// Nullopt when `bytes` is not exactly one encoded policy.
[[nodiscard]] std::optional<Policy> decode_policy(std::string_view bytes);

} // namespace handleguard::policy
