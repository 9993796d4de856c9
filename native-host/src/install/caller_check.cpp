#include "install/caller_check.hpp"

#include <algorithm>

#include "install/host_registration.hpp"

namespace handleguard::install {

namespace {
constexpr std::string_view chromium_scheme = "chrome-extension://";
// Keeps what a hostile caller passes from flooding the log line.
std::string shown(std::string_view text) { return "\"" + std::string(text.substr(0, 128)) + "\""; }
} // namespace

AllowedCallers default_allowed_callers() {
  return {{std::string(pinned_extension_id)}, {std::string(firefox_addon_id)}};
}

std::expected<Caller, std::string> caller_from_arguments(std::span<const std::string_view> arguments) {
  if (arguments.empty()) {
    return std::unexpected("no caller: the browser starts the host with the calling extension's origin "
                           "(chrome-extension://<id>/) or add-on id");
  }
  const std::string_view first = arguments.front();
  if (first.starts_with(chromium_scheme)) {
    std::string_view id = first.substr(chromium_scheme.size());
    if (!id.ends_with('/')) return std::unexpected("malformed extension origin " + shown(first));
    id.remove_suffix(1);
    return Caller{false, std::string(id)};
  }
  if (arguments.size() >= 2) return Caller{true, std::string(arguments[1])};
  return std::unexpected("unrecognised caller " + shown(first) +
                         ": expected chrome-extension://<id>/ (Chromium) or a manifest path and an add-on id (Firefox)");
}

std::string refuse_caller(const Caller &caller, const AllowedCallers &allowed) {
  const auto &ids = caller.firefox ? allowed.firefox_extension_ids : allowed.chromium_extension_ids;
  if (std::ranges::find(ids, caller.extension_id) != ids.end()) return {};
  return std::string(caller.firefox ? "Firefox add-on " : "Chromium extension ") + shown(caller.extension_id) +
         " is not allowed to use this host (allowed: the pinned ids and those of the install configuration)";
}

} // namespace handleguard::install
