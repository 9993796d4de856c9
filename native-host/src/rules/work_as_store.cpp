#include "rules/work_as_store.hpp"

#include <cerrno>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "util/absent_file.hpp"
#include "util/atomic_file.hpp"
#include "util/local_time.hpp"

namespace handleguard::rules {

using nlohmann::json;

json to_json(const WorkAsDeclaration &declaration) {
  return {{"handle", declaration.handle},
          {"since", util::format_iso8601_utc(declaration.since)},
          {"until", util::format_iso8601_utc(declaration.until)},
          {"os_user", declaration.os_user}};
}

namespace {
// The declaration in `file`, whether or not it has expired.
WorkAsStore::Stored read_declaration(const std::filesystem::path &file) {
  if (util::is_absent(file)) return std::optional<WorkAsDeclaration>{};
  auto content = util::read_file(file, 64U * 1024U);
  if (!content) return std::unexpected(content.error());
  const json document = json::parse(*content, nullptr, false);
  const auto field = [&](const char *name) -> std::optional<std::string> {
    if (!document.is_object()) return std::nullopt;
    const auto found = document.find(name);
    if (found == document.end() || !found->is_string()) return std::nullopt;
    return found->get<std::string>();
  };
  const auto handle = field("handle");
  const auto since = field("since").and_then([](const std::string &t) { return util::parse_iso8601(t); });
  const auto until = field("until").and_then([](const std::string &t) { return util::parse_iso8601(t); });
  if (!handle || !since || !until) {
    return std::unexpected(file.string() + " is damaged; declare the account again with `handleguard work-as @HANDLE`");
  }
  return std::optional<WorkAsDeclaration>{WorkAsDeclaration{*handle, *since, *until, field("os_user").value_or("")}};
}
} // namespace

std::expected<std::optional<WorkAsDeclaration>, std::string> WorkAsStore::current(std::chrono::system_clock::time_point now) const {
  const Stored &stored = stored_.get(read_declaration, [](const Stored &result) { return result.has_value(); });
  if (!stored) return std::unexpected(stored.error());
  if (!*stored || now >= (*stored)->until) return std::optional<WorkAsDeclaration>{};
  return stored;
}

std::expected<WorkAsDeclaration, std::string> WorkAsStore::declare(const std::string &handle, std::chrono::minutes duration,
                                                                   std::chrono::system_clock::time_point now,
                                                                   const std::string &os_user) {
  if (duration <= std::chrono::minutes(0) || duration > max_work_as_duration) {
    return std::unexpected("a declaration lasts between 1 minute and 24 hours");
  }
  const WorkAsDeclaration declaration{handle, now, now + duration, os_user};
  if (auto dirs = util::make_private_dirs(file_.parent_path()); !dirs) return std::unexpected(dirs.error());
  const auto written = util::write_file_atomically(file_, to_json(declaration).dump(2) + "\n", 0600);
  stored_.forget(); // this process's own change: its file event comes only with the next read of requests
  if (!written) return std::unexpected(written.error());
  return declaration;
}

std::expected<void, std::string> WorkAsStore::clear() {
  const bool removed = std::remove(file_.c_str()) == 0 || errno == ENOENT;
  stored_.forget();
  if (!removed) return std::unexpected("cannot remove " + file_.string());
  return {};
}

} // namespace handleguard::rules
