#include "install/registration_apply.hpp"

#include <sys/stat.h>

#include <boost/process.hpp>

#include "util/atomic_file.hpp"

namespace handleguard::install {

namespace {
std::expected<void, std::string> run_reg_exe(const std::vector<std::string> &arguments) {
  const auto program = boost::process::search_path("reg.exe");
  if (program.empty()) return std::unexpected(std::string("reg.exe is not on PATH"));
  std::error_code error;
  const int status = boost::process::system(program, boost::process::args(arguments),
                                            boost::process::std_out > boost::process::null, error);
  if (error) return std::unexpected("cannot run reg.exe: " + error.message());
  if (status != 0) return std::unexpected("reg.exe " + arguments.front() + " failed with status " + std::to_string(status));
  return {};
}

bool names_our_host(const std::filesystem::path &manifest) {
  auto text = util::read_file(manifest, 1U << 20U);
  if (!text) return false;
  const auto document = nlohmann::json::parse(*text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return false;
  const auto name = document.find("name");
  return name != document.end() && name->is_string() && name->get_ref<const std::string &>() == host_name;
}
} // namespace

std::expected<std::string, std::string> query_registry_default(const RegistryEntry &entry) {
  namespace bp = boost::process;
  const auto program = bp::search_path("reg.exe");
  if (program.empty()) return std::unexpected(std::string("reg.exe is not on PATH"));
  bp::ipstream out;
  std::error_code error;
  bp::child child(program, bp::args({"query", entry.key, "/ve"}), bp::std_out > out, bp::std_err > bp::null,
                  bp::std_in < bp::null, error);
  if (error) return std::unexpected("cannot run reg.exe: " + error.message());
  std::string text, line;
  while (std::getline(out, line) && text.size() < (1U << 16U)) text += line + "\n";
  child.wait();
  // reg.exe exits 1 when the key or value does not exist: nothing registered there.
  return child.exit_code() == 0 ? registry_default_value(text) : std::string();
}

std::string registry_default_value(std::string_view output) {
  std::size_t start = 0;
  while (start < output.size()) {
    auto end = output.find('\n', start);
    if (end == std::string_view::npos) end = output.size();
    std::string_view line = output.substr(start, end - start);
    start = end + 1;
    const auto type = line.find("REG_SZ");
    if (type == std::string_view::npos) continue;
    line.remove_prefix(type + 6);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return std::string(line);
  }
  return {};
}

std::filesystem::path under_root(const std::filesystem::path &root, const std::string &path) {
  if (root.empty() || root == "/") return path;
  return root / std::filesystem::path(path).relative_path();
}

std::string unsafe_path_reason(const std::filesystem::path &path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return path.string() + " does not exist";
  if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0U) return path.string() + " is writable by other users";
  auto folder = path.parent_path();
  bool immediate = true;
  while (!folder.empty()) {
    if (::stat(folder.c_str(), &info) == 0 && (info.st_mode & S_IWOTH) != 0U) {
      // A sticky world-writable folder (/tmp) still stops others renaming our entries in it,
      // but only our own folder deeper down can be trusted to hold the binary itself.
      if (immediate || (info.st_mode & S_ISVTX) == 0U) return folder.string() + " is writable by other users";
    }
    immediate = false;
    if (folder == folder.root_path()) break;
    folder = folder.parent_path();
  }
  return {};
}

std::expected<bool, std::string> apply_registration(const Registration &registration, const std::filesystem::path &root) {
  if (registration.os != running_os()) {
    return std::unexpected("a plan for " + std::string(to_string(registration.os)) +
                           " can only be printed here (--dry-run)");
  }
  const auto manifest = under_root(root, registration.manifest_path);
  const std::string text = manifest_text(registration);
  struct stat info {};
  if (auto existing = util::read_file(manifest, 1U << 20U);
      existing && *existing == text && ::stat(manifest.c_str(), &info) == 0 && (info.st_mode & 07777U) == 0644U &&
      !registration.registry) {
    return false;
  }
  if (auto made = util::make_private_dirs(manifest.parent_path(), 0755); !made) return std::unexpected(made.error());
  if (auto written = util::write_file_atomically(manifest, text, 0644); !written) return std::unexpected(written.error());
  if (registration.registry) {
    if (auto added = run_reg_exe(registry_add_arguments(*registration.registry)); !added) return std::unexpected(added.error());
  }
  return true;
}

std::expected<bool, std::string> remove_registration(const Registration &registration, const std::filesystem::path &root) {
  if (registration.os != running_os()) {
    return std::unexpected("a plan for " + std::string(to_string(registration.os)) +
                           " can only be printed here (--dry-run)");
  }
  bool removed = false;
  if (registration.registry) {
    if (auto deleted = run_reg_exe(registry_delete_arguments(*registration.registry)); deleted) removed = true;
  }
  const auto manifest = under_root(root, registration.manifest_path);
  std::error_code error;
  if (!std::filesystem::exists(std::filesystem::symlink_status(manifest, error))) return removed;
  if (!names_our_host(manifest)) {
    return std::unexpected(manifest.string() + " is not a handleguard host manifest; left in place");
  }
  if (!std::filesystem::remove(manifest, error)) return std::unexpected("cannot remove " + manifest.string() + ": " + error.message());
  const auto anchor = under_root(root, registration.anchor_dir);
  for (auto folder = manifest.parent_path(); folder != anchor && folder.string().starts_with(anchor.string());
       folder = folder.parent_path()) {
    if (!std::filesystem::is_empty(folder, error) || error) break;
    if (!std::filesystem::remove(folder, error)) break;
  }
  return true;
}

} // namespace handleguard::install
