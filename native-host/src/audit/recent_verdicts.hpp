#pragma once
// The last verdicts for the extension's popup, read back from the audit log: they cover every
// host process of the OS user (one per browser window) and survive a restart of the browser.
#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace handleguard::audit {

// How far back (in entries) the popup looks: heartbeats and identify events share the log.
inline constexpr std::uint64_t recent_verdicts_window = 20'000;

// The newest `limit` `verdict` events of the log at `db_path`, newest first, each as
// {check_id, time, account, action, verdict, rules, staff, pid, override, outcome}: `override` is
// the granted confirmation or override ({type, reason, time}) or null, `outcome` the last one
// reported ({outcome, time}) or null. An empty list when there is no log yet.
[[nodiscard]] std::expected<nlohmann::json, std::string> recent_verdicts(const std::filesystem::path &db_path, std::size_t limit);

} // namespace handleguard::audit
