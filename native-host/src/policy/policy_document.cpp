#include "policy/policy_document.hpp"

#include <limits>

#include "policy/parse.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::policy {

std::expected<PolicyDocument, std::string> PolicyDocument::load(const std::filesystem::path &path) {
  auto policy = load_policy_file(path); // refuse to edit a file that is already broken
  if (!policy) return std::unexpected(policy.error());
  auto content = util::read_file(path);
  if (!content) return std::unexpected(content.error());
  // Another program may have rewritten the file since it was checked (save() checks again).
  auto document = nlohmann::json::parse(*content, nullptr, false);
  if (!document.is_object()) return std::unexpected(path.string() + ": changed while being read; run the command again");
  return PolicyDocument(path, std::move(document));
}

PolicyDocument PolicyDocument::starter(const std::filesystem::path &path, std::string organization) {
  return PolicyDocument(path, {{"schema", 1},
                               {"serial", 0},
                               {"organization", std::move(organization)},
                               {"unknown_account", "block"},
                               {"accounts", nlohmann::json::array()}});
}

std::expected<void, SaveError> PolicyDocument::save() {
  const auto serial = document_.value("serial", std::int64_t{0});
  if (serial == std::numeric_limits<std::int64_t>::max()) { // one more would overflow, not rise
    return std::unexpected(SaveError{SaveError::Kind::invalid, path_.string() + ": /serial: " + std::to_string(serial) +
                                                                   " is the largest serial there is; no later policy can have a higher one"});
  }
  document_["serial"] = serial + 1;
  const std::string text = document_.dump(2) + "\n";
  // Lexicon paths are relative to the policy's folder, not to where the command runs.
  if (auto valid = parse_policy(text, path_.parent_path()); !valid) {
    // Lines and columns are those of the text just made, which is not written: in the file
    // they would point somewhere else. The JSON pointer names the place in both.
    auto errors = std::move(valid.error());
    for (auto &error : errors) error.line = error.column = 0;
    return std::unexpected(SaveError{SaveError::Kind::invalid, describe(errors, path_.string())});
  }
  if (auto written = util::write_file_atomically(path_, text, 0600); !written) {
    return std::unexpected(SaveError{SaveError::Kind::unwritable, written.error()});
  }
  return {};
}

} // namespace handleguard::policy
