#include "lockdown/local_lockdowns.hpp"

#include "policy/model.hpp"
#include "util/atomic_file.hpp"
#include "util/json_fields.hpp"

namespace handleguard::lockdown {

using nlohmann::json;

std::expected<std::map<std::string, Lock>, std::string> load_locks(const std::filesystem::path &file) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) return std::map<std::string, Lock>{};
  auto text = util::read_file(file, 1U << 20U);
  if (!text) return std::unexpected(text.error());
  const json document = json::parse(*text, nullptr, false);
  const auto accounts = document.is_object() ? document.find("accounts") : document.end();
  if (!document.is_object() || accounts == document.end() || !accounts->is_object()) {
    return std::unexpected(file.string() + ": malformed lockdown file");
  }
  std::map<std::string, Lock> locks;
  for (const auto &[handle, entry] : accounts->items()) {
    if (!entry.is_object()) return std::unexpected(file.string() + ": malformed lock for @" + handle);
    // A lock whose details are odd still locks.
    locks[handle] = {util::string_or(entry, "reason"), util::string_or(entry, "since"), util::string_or(entry, "by")};
  }
  return locks;
}

std::expected<void, std::string> save_locks(const std::filesystem::path &file, const std::map<std::string, Lock> &locks) {
  json accounts = json::object();
  for (const auto &[handle, lock] : locks) {
    accounts[handle] = {{"reason", lock.reason}, {"since", lock.since}, {"by", lock.by}};
  }
  return util::write_file_atomically(file, json({{"accounts", accounts}}).dump(2) + "\n", 0600);
}

json apply_local_lockdown(const std::filesystem::path &file, std::string_view handle, json reply) {
  return apply_local_lockdown(load_locks(file), handle, std::move(reply));
}

json apply_local_lockdown(const std::expected<Locks, std::string> &locks, std::string_view handle, json reply) {
  std::string message;
  if (!locks) {
    message = "The guard cannot read this workstation's lockdown list, so every post is held: " + locks.error();
  } else if (const auto normalized = policy::normalize_handle(handle); normalized && locks->contains(*normalized)) {
    const Lock &lock = locks->at(*normalized);
    message = "@" + *normalized + " is locked down on this workstation since " + lock.since + " (by " + lock.by +
              "): " + lock.reason + ". Nothing may be posted until an admin lifts the lock.";
  } else {
    return reply;
  }
  reply["verdict"] = "block";
  json violations = reply.contains("violations") && reply.at("violations").is_array() ? reply.at("violations") : json::array();
  violations.insert(violations.begin(), json{{"rule", "local_lockdown"}, {"kind", "lockdown"}, {"severity", "block"},
                                             {"message", message}, {"span", nullptr}});
  reply["violations"] = violations;
  return reply;
}

} // namespace handleguard::lockdown
