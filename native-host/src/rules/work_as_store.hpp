#pragma once
// The account a staff member declared they are working as ("work as @acme"): one declaration
// per OS user, kept in the state folder so every host process (one per browser window) and the
// CLI see the same one. Written atomically; a file that cannot be read fails closed.
#include <chrono>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "util/file_stamp.hpp"

namespace handleguard::rules {

struct WorkAsDeclaration {
  std::string handle; // normalised
  std::chrono::system_clock::time_point since;
  std::chrono::system_clock::time_point until;
  std::string os_user;
};

inline constexpr std::chrono::hours default_work_as_duration{8};
inline constexpr std::chrono::hours max_work_as_duration{24};

class WorkAsStore {
public:
  using Stored = std::expected<std::optional<WorkAsDeclaration>, std::string>;
  explicit WorkAsStore(std::filesystem::path file) : file_(std::move(file)), stored_(file_) {}

  // The declaration in force at `now` (nullopt when none or expired); an error when the file is
  // there but unreadable, so the caller can hold posts rather than guess. The file is read
  // again whenever its stamp changed (util/file_stamp.hpp): a declaration made by another
  // process counts from the very next call. Not thread-safe (the host calls it from its loop).
  [[nodiscard]] std::expected<std::optional<WorkAsDeclaration>, std::string> current(std::chrono::system_clock::time_point now) const;
  [[nodiscard]] std::expected<WorkAsDeclaration, std::string> declare(const std::string &handle, std::chrono::minutes duration,
                                                                      std::chrono::system_clock::time_point now,
                                                                      const std::string &os_user);
  [[nodiscard]] std::expected<void, std::string> clear();
  [[nodiscard]] const std::filesystem::path &file() const { return file_; }

private:
  std::filesystem::path file_;
  mutable util::StampedFile<Stored> stored_; // the file's declaration, expired or not
};

[[nodiscard]] nlohmann::json to_json(const WorkAsDeclaration &declaration);

} // namespace handleguard::rules
