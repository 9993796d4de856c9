#include "text/tld_table.hpp"
#include "util/atomic_file.hpp"


#include <nlohmann/json.hpp>

namespace handleguard::text::detail {

namespace {
std::expected<std::vector<std::string>, std::string> read_list(const nlohmann::json &document, const char *key) {
  const auto found = document.find(key);
  if (found == document.end() || !found->is_array() || found->empty()) {
    return std::unexpected(std::string("\"") + key + "\" is missing or not a list of names");
  }
  std::vector<std::string> names;
  for (const auto &name : *found) {
    if (!name.is_string() || name.get_ref<const std::string &>().empty()) {
      return std::unexpected(std::string("\"") + key + "\" holds something that is not a name");
    }
    names.push_back(name.get<std::string>());
  }
  return names;
}
} // namespace

std::expected<TldTable, std::string> load_tld_table(const std::filesystem::path &file) {
  const auto content = util::read_file(file);
  if (!content) return std::unexpected(content.error());
  const auto document = nlohmann::json::parse(*content, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return std::unexpected(file.string() + ": not a JSON object");
  auto generic = read_list(document, "generic");
  if (!generic) return std::unexpected(file.string() + ": " + generic.error());
  auto country = read_list(document, "country");
  if (!country) return std::unexpected(file.string() + ": " + country.error());
  return TldTable{std::move(*generic), std::move(*country)};
}

} // namespace handleguard::text::detail
