// `work_as_get` and `work_as_set`: the account the user declared they are working as, shared
// with every other host process of the OS user and with `handleguard work-as`.
#include "protocol/audit_events.hpp"
#include "protocol/handlers.hpp"
#include "protocol/request_fields.hpp"
#include "rules/verdict.hpp"
#include "util/message_excerpt.hpp"

namespace handleguard::protocol {

using nlohmann::json;

namespace {
json work_as_state(HostContext &context) {
  const auto engine = context.policy_source.engine();
  json accounts = json::array();
  bool required = false;
  const policy::Staff *staff = nullptr;
  if (engine) {
    required = engine->policy().require_work_as;
    staff = engine->policy().find_staff_by_os_user(context.guard.os_user());
    for (const auto &account : engine->policy().accounts) {
      // The picker offers only the accounts this person may post to.
      const bool allowed = account.staff.empty() || (staff != nullptr && std::ranges::find(account.staff, staff->id) != account.staff.end());
      if (allowed) accounts.push_back(rules::account_summary(account));
    }
  }
  auto current = context.guard.work_as().current(std::chrono::system_clock::now());
  json out = {{"required", required}, {"accounts", std::move(accounts)}, {"os_user", context.guard.os_user()}};
  if (!current) {
    out["work_as"] = nullptr;
    out["error"] = current.error();
  } else {
    out["work_as"] = *current ? rules::to_json(**current) : json(nullptr);
    out["error"] = nullptr;
  }
  return out;
}
} // namespace

Reply handle_work_as_get(HostContext &context, const Request & /*request*/) { return work_as_state(context); }

Reply handle_work_as_set(HostContext &context, const Request &message) {
  const json &request = message.tree();
  const json &handle_field = field(request, "handle");
  const auto now = std::chrono::system_clock::now();
  if (handle_field.is_null()) {
    if (auto cleared = context.guard.work_as().clear(); !cleared) throw RequestError{error_code::internal, cleared.error()};
    (void)context.events.record({"work_as", {{"account", nullptr}, {"os_user", context.guard.os_user()}, {"staff", staff_id(context)}}});
    return work_as_state(context);
  }
  const std::string raw = string_field(request, "handle", true, 64);
  const auto handle = policy::normalize_handle(raw);
  if (!handle) throw RequestError{error_code::bad_request, "\"" + util::message_excerpt(raw) + "\" is not an X handle"};
  const auto engine = context.policy_source.engine();
  if (!engine || engine->policy().find_by_handle(*handle) == nullptr) {
    throw RequestError{error_code::bad_request, "@" + *handle + " is not an account of the policy"};
  }
  std::int64_t minutes = std::chrono::duration_cast<std::chrono::minutes>(rules::default_work_as_duration).count();
  if (const json &given = field(request, "minutes"); !given.is_null()) {
    if (!given.is_number_integer()) throw RequestError{error_code::bad_request, "\"minutes\" must be an integer"};
    minutes = given.get<std::int64_t>();
    if (minutes < 1 || minutes > 24 * 60) throw RequestError{error_code::bad_request, "\"minutes\" must be between 1 and 1440"};
  }
  auto declared = context.guard.work_as().declare(*handle, std::chrono::minutes(minutes), now, context.guard.os_user());
  if (!declared) throw RequestError{error_code::internal, declared.error()};
  if (!context.events.record({"work_as", {{"account", *handle}, {"minutes", minutes}, {"os_user", context.guard.os_user()}, {"staff", staff_id(context)}}})) {
    (void)context.guard.work_as().clear();
    throw RequestError{error_code::internal, "the audit log cannot record the declaration, so it was not made"};
  }
  return work_as_state(context);
}

} // namespace handleguard::protocol
