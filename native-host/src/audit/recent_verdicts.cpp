#include "audit/recent_verdicts.hpp"

#include <map>

#include "audit/audit_store.hpp"
#include "util/json_fields.hpp"

namespace handleguard::audit {

using nlohmann::json;

std::expected<json, std::string> recent_verdicts(const std::filesystem::path &db_path, std::size_t limit) {
  std::error_code missing;
  if (!std::filesystem::exists(db_path, missing)) return json::array();
  auto store = AuditStore::open_read_only(db_path);
  if (!store) return std::unexpected(store.error());
  auto entries = (*store)->recent_entries(recent_verdicts_window, {"verdict", "confirmation", "override", "outcome"});
  if (!entries) return std::unexpected(entries.error());
  // Newest first: the first follow-up seen for a check id is its latest.
  std::map<std::string, json> overrides, outcomes;
  json verdicts = json::array();
  for (const auto &entry : *entries) {
    const json event = json::parse(entry.body, nullptr, false);
    if (!event.is_object()) continue;
    const json check_id = event.value("check_id", json(nullptr));
    if (!check_id.is_string()) continue;
    const std::string id = check_id.get<std::string>();
    const std::string type = util::string_or(event, "type");
    if (type == "outcome") {
      json outcome = {{"outcome", event.value("outcome", json(nullptr))}, {"time", event.value("time", json(nullptr))}};
      if (event.contains("detail")) outcome["detail"] = event.value("detail", json(nullptr));
      outcomes.try_emplace(id, std::move(outcome));
    } else if (type == "confirmation" || type == "override") {
      overrides.try_emplace(id, json{{"type", type}, {"reason", event.value("reason", json(nullptr))}, {"time", event.value("time", json(nullptr))}});
    } else {
      json item = {{"check_id", id}};
      for (const char *key : {"time", "account", "action", "verdict", "rules", "staff", "pid"}) item[key] = event.value(key, json(nullptr));
      const auto override_ = overrides.find(id);
      item["override"] = override_ != overrides.end() ? override_->second : json(nullptr);
      const auto outcome = outcomes.find(id);
      item["outcome"] = outcome != outcomes.end() ? outcome->second : json(nullptr);
      verdicts.push_back(std::move(item));
      if (verdicts.size() >= limit) break;
    }
  }
  return verdicts;
}

} // namespace handleguard::audit
