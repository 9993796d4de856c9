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
  explicit WorkAsStore(std::filesystem::path file) : file_(std::move(file)) {}

  // The declaration in force at `now` (nullopt when none or expired); an error when the file is
  // there but unreadable, so the caller can hold posts rather than guess.
  [[nodiscard]] std::expected<std::optional<WorkAsDeclaration>, std::string> current(std::chrono::system_clock::time_point now) const;
  [[nodiscard]] std::expected<WorkAsDeclaration, std::string> declare(const std::string &handle, std::chrono::minutes duration,
                                                                      std::chrono::system_clock::time_point now,
                                                                      const std::string &os_user);
  [[nodiscard]] std::expected<void, std::string> clear();
  [[nodiscard]] const std::filesystem::path &file() const { return file_; }

private:
  std::filesystem::path file_;
};

[[nodiscard]] nlohmann::json to_json(const WorkAsDeclaration &declaration);

} // namespace handleguard::rules
