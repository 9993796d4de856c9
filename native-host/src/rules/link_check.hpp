#pragma once
// Judges one link's host against a links rule: allowed and denied domains (subdomains
// included), link shorteners, and hosts that only look like an allowed domain.
#include <optional>
#include <string>
#include <string_view>

#include "policy/rule_bodies.hpp"

namespace handleguard::rules {

// The host of a URL as twitter-text extracts it ("https://Example.com:443/x", "example.com/x"),
// lower-cased, IDNs in their xn-- form; nullopt when there is none.
[[nodiscard]] std::optional<std::string> url_host(std::string_view url);

// Returns why `host` breaks `rule`, or nullopt when it does not.
[[nodiscard]] std::optional<std::string> judge_link_host(const policy::LinksRule &rule, const std::string &host);

[[nodiscard]] bool domain_covers(std::string_view domain, std::string_view host);

} // namespace handleguard::rules
