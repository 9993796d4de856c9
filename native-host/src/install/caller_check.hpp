#pragma once
// Which extension started the host, and whether it may. Browsers pass the caller on the
// command line: Chromium-family browsers the origin "chrome-extension://<id>/" as argv[1]
// (Windows adds --parent-window=… after it); Firefox the host manifest's path as argv[1] and
// the add-on id as argv[2]. Any other caller gets no answer at all.
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace handleguard::install {

struct AllowedCallers {
  std::vector<std::string> chromium_extension_ids; // 32 letters a-p each
  std::vector<std::string> firefox_extension_ids;  // add-on ids
};

// The built-in ids: the pinned Chromium id and the Firefox add-on id.
[[nodiscard]] AllowedCallers default_allowed_callers();

struct Caller {
  bool firefox = false;
  std::string extension_id;
};

// Reads the caller from the browser's arguments (`arguments` excludes argv[0]); an error
// sentence when they do not have either browser's shape.
[[nodiscard]] std::expected<Caller, std::string> caller_from_arguments(std::span<const std::string_view> arguments);

// Returns "" when `caller` is allowed, else a sentence saying why not.
[[nodiscard]] std::string refuse_caller(const Caller &caller, const AllowedCallers &allowed);

} // namespace handleguard::install
