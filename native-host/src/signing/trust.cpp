#include "signing/trust.hpp"

#include <nlohmann/json.hpp>

#include "policy/json_positions.hpp"
#include "util/absent_file.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::signing {

using nlohmann::json;

std::expected<TrustSettings, std::string> parse_trust(std::string_view json_text, const std::filesystem::path &source) {
  const std::string where = source.string() + ": ";
  const json document = json::parse(json_text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return std::unexpected(where + "not a JSON object");
  if (auto problem = policy::repeated_key_problem(json_text)) return std::unexpected(where + *problem);
  TrustSettings settings;
  settings.source = source;
  for (const auto &[key, value] : document.items()) {
    if (key == "require_signed_policy") {
      if (!value.is_boolean()) return std::unexpected(where + "/require_signed_policy must be true or false");
      settings.require_signed_policy = value.get<bool>();
    } else if (key == "trusted_keys") {
      if (!value.is_array()) return std::unexpected(where + "/trusted_keys must be an array of public keys");
      for (std::size_t i = 0; i < value.size(); ++i) {
        const json &entry = value.at(i);
        auto parsed = entry.is_string() ? parse_public_key(entry.get_ref<const std::string &>())
                                        : std::expected<PublicKey, std::string>(std::unexpected("not a string"));
        if (!parsed) {
          return std::unexpected(where + "/trusted_keys/" + std::to_string(i) + ": " + parsed.error() +
                                 " (expected the base64 line of a minisign .pub file)");
        }
        settings.trusted_keys.push_back(*parsed);
      }
    } else {
      return std::unexpected(where + "unknown field \"" + key + "\"");
    }
  }
  if (settings.require_signed_policy && settings.trusted_keys.empty()) {
    return std::unexpected(where + "require_signed_policy is set but no trusted_keys are listed");
  }
  return settings;
}

std::expected<TrustSettings, std::string> load_trust(const config::Paths &paths) {
  // paths.trust_file() is the managed (root-owned) copy when the managed folder is in force.
  const std::filesystem::path source = paths.trust_file();
  if (util::is_absent(source)) return TrustSettings{};
  auto text = util::read_file(source, 1U << 20U);
  if (!text) return std::unexpected(text.error());
  return parse_trust(*text, source);
}

} // namespace handleguard::signing
