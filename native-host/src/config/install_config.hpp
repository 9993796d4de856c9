#pragma once
// The install configuration: which extensions may start the host. `handleguard install` writes
// it with the same ids it puts in the browsers' host manifests; the host reads it for its
// caller check, so a manifest edited by hand cannot widen who may talk to the host.
//
//   {"version": 1,
//    "chromium_extension_ids": ["cnfeiacfghelhamjicbmagoojgalpelg"],
//    "firefox_extension_ids": ["guard@handleguard.org"]}
//
// A missing file means the built-in ids (the pinned unpacked id and the Firefox add-on id).
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace handleguard::config {

// Pinned by the `key` in extension/manifest.json: SHA-256 of the public key, a-p encoded.
inline constexpr std::string_view pinned_extension_id = "cnfeiacfghelhamjicbmagoojgalpelg";
// The `browser_specific_settings.gecko.id` of the Firefox build.
inline constexpr std::string_view firefox_addon_id = "guard@handleguard.org";

struct InstallConfig {
  std::vector<std::string> chromium_extension_ids; // 32 letters a-p each
  std::vector<std::string> firefox_extension_ids;  // add-on ids (email-like or {uuid})

  // Whether the browser's caller argument names an allowed extension: Chromium passes the
  // origin "chrome-extension://<id>/", Firefox the add-on id.
  [[nodiscard]] bool allows_caller(std::string_view caller) const;
  [[nodiscard]] bool allows_chromium_id(std::string_view id) const;
  [[nodiscard]] bool allows_firefox_id(std::string_view id) const;

  // Adds ids (deduplicated, order kept); an error naming a malformed id adds nothing.
  [[nodiscard]] std::expected<void, std::string> add_chromium_ids(const std::vector<std::string> &ids);

  [[nodiscard]] nlohmann::json to_json() const;
  bool operator==(const InstallConfig &) const = default;
};

[[nodiscard]] InstallConfig default_install_config();

[[nodiscard]] bool is_chromium_extension_id(std::string_view id);
[[nodiscard]] bool is_firefox_extension_id(std::string_view id);

// Parses the file's text; every problem is reported, nothing is guessed.
[[nodiscard]] std::expected<InstallConfig, std::string> parse_install_config(std::string_view json_text);

// Reads `path`: the defaults when it does not exist, an error (naming the file) when it is
// unreadable or invalid, so the host fails closed instead of widening access.
[[nodiscard]] std::expected<InstallConfig, std::string> read_install_config(const std::filesystem::path &path);

// Writes atomically with `mode` (0644: the host of every user on a managed machine reads it).
[[nodiscard]] std::expected<void, std::string>
write_install_config(const std::filesystem::path &path, const InstallConfig &config, unsigned mode = 0644);

} // namespace handleguard::config
