#include "config/install_config.hpp"

#include <algorithm>
#include <system_error>

#include "policy/json_positions.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::config {

namespace {
constexpr std::string_view chromium_origin_prefix = "chrome-extension://";
constexpr std::size_t max_firefox_id_length = 80;

bool contains(const std::vector<std::string> &list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::expected<std::vector<std::string>, std::string>
read_id_list(const nlohmann::json &document, const char *key, bool (*valid)(std::string_view)) {
  const auto found = document.find(key);
  if (found == document.end()) return std::unexpected(std::string("\"") + key + "\" is missing");
  if (!found->is_array()) return std::unexpected(std::string("\"") + key + "\" must be an array of strings");
  std::vector<std::string> ids;
  for (const auto &item : *found) {
    if (!item.is_string() || !valid(item.get_ref<const std::string &>())) {
      return std::unexpected(std::string("\"") + key + "\" holds an invalid extension id: " + item.dump());
    }
    if (!contains(ids, item.get_ref<const std::string &>())) ids.push_back(item.get<std::string>());
  }
  return ids;
}
} // namespace

bool is_chromium_extension_id(std::string_view id) {
  return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) { return c >= 'a' && c <= 'p'; });
}

bool is_firefox_extension_id(std::string_view id) {
  if (id.empty() || id.size() > max_firefox_id_length) return false;
  const bool uuid_form = id.front() == '{' && id.back() == '}';
  const bool email_form = id.find('@') != std::string_view::npos;
  const bool safe_chars = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_' || c == '@' || c == '{' || c == '}';
  });
  return safe_chars && (uuid_form || email_form);
}

bool InstallConfig::allows_chromium_id(std::string_view id) const {
  return is_chromium_extension_id(id) && contains(chromium_extension_ids, id);
}

bool InstallConfig::allows_firefox_id(std::string_view id) const {
  return is_firefox_extension_id(id) && contains(firefox_extension_ids, id);
}

bool InstallConfig::allows_caller(std::string_view caller) const {
  if (caller.starts_with(chromium_origin_prefix)) {
    auto id = caller.substr(chromium_origin_prefix.size());
    if (!id.ends_with('/')) return false;
    id.remove_suffix(1);
    return allows_chromium_id(id);
  }
  return allows_firefox_id(caller);
}

std::expected<void, std::string> InstallConfig::add_chromium_ids(const std::vector<std::string> &ids) {
  for (const auto &id : ids) {
    if (!is_chromium_extension_id(id)) {
      return std::unexpected("not a Chromium extension id (32 letters a-p): \"" + id + "\"");
    }
  }
  for (const auto &id : ids) {
    if (!contains(chromium_extension_ids, id)) chromium_extension_ids.push_back(id);
  }
  return {};
}

nlohmann::json InstallConfig::to_json() const {
  return {{"version", 1},
          {"chromium_extension_ids", chromium_extension_ids},
          {"firefox_extension_ids", firefox_extension_ids}};
}

InstallConfig default_install_config() {
  return {{std::string(pinned_extension_id)}, {std::string(firefox_addon_id)}};
}

std::expected<InstallConfig, std::string> parse_install_config(std::string_view json_text) {
  const auto document = nlohmann::json::parse(json_text, nullptr, false);
  if (document.is_discarded()) return std::unexpected(std::string("not valid JSON"));
  if (!document.is_object()) return std::unexpected(std::string("must be a JSON object"));
  if (auto problem = policy::repeated_key_problem(json_text)) return std::unexpected(std::move(*problem));
  for (const auto &[key, value] : document.items()) {
    if (key != "version" && key != "chromium_extension_ids" && key != "firefox_extension_ids") {
      return std::unexpected("unknown field \"" + key + "\"");
    }
  }
  const auto version = document.find("version");
  if (version == document.end() || !version->is_number_integer() || version->get<std::int64_t>() != 1) {
    return std::unexpected(std::string("\"version\" must be 1"));
  }
  auto chromium = read_id_list(document, "chromium_extension_ids", is_chromium_extension_id);
  if (!chromium) return std::unexpected(chromium.error());
  auto firefox = read_id_list(document, "firefox_extension_ids", is_firefox_extension_id);
  if (!firefox) return std::unexpected(firefox.error());
  return InstallConfig{std::move(*chromium), std::move(*firefox)};
}

std::expected<InstallConfig, std::string> read_install_config(const std::filesystem::path &path) {
  std::error_code error;
  if (!std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
    if (!error || error == std::errc::no_such_file_or_directory) return default_install_config();
    return std::unexpected(path.string() + ": " + error.message());
  }
  auto text = util::read_file(path, 1U << 20U);
  if (!text) return std::unexpected(text.error());
  auto config = parse_install_config(*text);
  if (!config) return std::unexpected(path.string() + ": " + config.error());
  return config;
}

std::expected<void, std::string>
write_install_config(const std::filesystem::path &path, const InstallConfig &config, unsigned mode) {
  return util::write_file_atomically(path, config.to_json().dump(2) + "\n", mode);
}

} // namespace handleguard::config
