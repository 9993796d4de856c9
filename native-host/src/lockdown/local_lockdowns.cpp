#include "lockdown/local_lockdowns.hpp"

#include "policy/model.hpp"
#include "rules/verdict.hpp"
#include "util/absent_file.hpp"
#include "util/atomic_file.hpp"
#include "util/json_fields.hpp"

namespace handleguard::lockdown {

using nlohmann::json;

std::expected<std::map<std::string, Lock>, std::string> load_locks(const std::filesystem::path &file) {
  if (util::is_absent(file)) return std::map<std::string, Lock>{};
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

std::optional<std::string> hold_message(const std::expected<Locks, std::string> &locks, std::string_view handle) {
  if (!locks) return "The guard cannot read this workstation's lockdown list, so every post is held: " + locks.error();
  const auto normalized = policy::normalize_handle(handle);
  if (!normalized) return std::nullopt;
  const auto lock = locks->find(*normalized);
  if (lock == locks->end()) return std::nullopt;
  return "@" + *normalized + " is locked down on this workstation since " + lock->second.since + " (by " + lock->second.by +
         "): " + lock->second.reason + ". Nothing may be posted until an admin lifts the lock.";
}

rules::Violation lockdown_violation(std::string message) {
  rules::Violation violation;
  violation.rule_id = "local_lockdown";
  violation.kind = "lockdown";
  violation.severity = policy::Severity::block;
  violation.message = std::move(message);
  return violation; // no span; no override: only an admin lifts a lock
}

json apply_local_lockdown(const std::expected<Locks, std::string> &locks, std::string_view handle, json reply) {
  auto message = hold_message(locks, handle);
  if (!message) return reply;
  reply["verdict"] = "block";
  reply["override"] = {{"mode", "none"}, {"reason_required", false}};
  json violations = reply.contains("violations") && reply.at("violations").is_array() ? reply.at("violations") : json::array();
  violations.insert(violations.begin(), rules::to_json(lockdown_violation(std::move(*message))));
  reply["violations"] = violations;
  return reply;
}

void apply_local_lockdown(const std::expected<Locks, std::string> &locks, std::string_view handle, rules::Verdict &verdict) {
  auto message = hold_message(locks, handle);
  if (!message) return;
  verdict.violations.insert(verdict.violations.begin(), lockdown_violation(std::move(*message)));
  rules::settle(verdict); // a block no one may override: the offer goes with it
}

} // namespace handleguard::lockdown
