#pragma once
// Edits a policy file as JSON, so fields this version does not model are kept as written,
// and saves it only when the result is a valid policy (atomically: temp file, fsync, rename).
#include <expected>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace handleguard::policy {

// Why a save wrote nothing: the edited policy is invalid, or the file could not be written.
struct SaveError {
  enum class Kind { invalid, unwritable } kind;
  std::string message;
};

class PolicyDocument {
public:
  [[nodiscard]] static std::expected<PolicyDocument, std::string> load(const std::filesystem::path &path);
  [[nodiscard]] static PolicyDocument starter(const std::filesystem::path &path, std::string organization);

  [[nodiscard]] nlohmann::json &json() { return document_; }
  [[nodiscard]] const nlohmann::json &json() const { return document_; }
  [[nodiscard]] const std::filesystem::path &path() const { return path_; }

  // Raises `serial`, validates, and writes the file; nothing is written when invalid.
  [[nodiscard]] std::expected<void, SaveError> save();

private:
  PolicyDocument(std::filesystem::path path, nlohmann::json document)
      : path_(std::move(path)), document_(std::move(document)) {}
  std::filesystem::path path_;
  nlohmann::json document_;
};

} // namespace handleguard::policy
