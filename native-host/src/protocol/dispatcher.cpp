#include "protocol/dispatcher.hpp"

#include <algorithm>
#include <array>
#include <exception>

#include "rules/verdict.hpp"
#include "util/utf.hpp"

namespace handleguard::protocol {

using nlohmann::json;

namespace {

constexpr std::array known_actions = {"post", "reply", "quote", "dm", "schedule", "repost", "like", "follow"};

const json &field(const json &request, std::string_view name) {
  static const json missing;
  const auto found = request.find(std::string(name));
  return found == request.end() ? missing : *found;
}

std::string string_field(const json &request, std::string_view name, bool required, std::size_t max_bytes = 4096) {
  const json &value = field(request, name);
  if (value.is_null()) {
    if (required) throw RequestError{error_code::bad_request, "missing field \"" + std::string(name) + "\""};
    return {};
  }
  if (!value.is_string()) throw RequestError{error_code::bad_request, "field \"" + std::string(name) + "\" must be a string"};
  const auto &text = value.get_ref<const std::string &>();
  if (text.size() > max_bytes) {
    throw RequestError{error_code::too_large,
                       "field \"" + std::string(name) + "\" is " + std::to_string(text.size()) + " bytes; the limit is " +
                           std::to_string(max_bytes)};
  }
  return text;
}

json policy_status_json(const policy::PolicyStatus &status) {
  return {{"loaded", status.loaded},
          {"path", status.path},
          {"serial", status.serial},
          {"accounts", status.accounts},
          {"error", status.error.empty() ? json(nullptr) : json(status.error)}};
}

json no_policy_verdict(const policy::PolicyStatus &status) {
  const std::string why = status.error.empty() ? "no policy is loaded" : status.error;
  return {{"verdict", "block"},
          {"violations", json::array({{{"rule", "policy_unavailable"},
                                       {"kind", "guard"},
                                       {"severity", "block"},
                                       {"message", "The guard has no valid policy, so every post is held: " + why +
                                                       ". Ask your admin to install a valid policy."},
                                       {"span", nullptr}}})},
          {"identity", {{"status", "missing"}, {"managed", false}, {"account", nullptr}}}};
}

} // namespace

json error_reply(const json &id, std::string_view code, const std::string &message) {
  return {{"id", id}, {"ok", false}, {"error", {{"code", code}, {"message", message}}}};
}

json Dispatcher::handle(std::string_view message) {
  if (!util::is_valid_utf8(message)) return error_reply(nullptr, error_code::invalid_utf8, "the message is not valid UTF-8");
  json request = json::parse(message, nullptr, false);
  if (request.is_discarded()) return error_reply(nullptr, error_code::invalid_json, "the message is not valid JSON");
  if (!request.is_object()) return error_reply(nullptr, error_code::bad_request, "the message must be a JSON object");
  json id = field(request, "id");
  if (!id.is_null() && !id.is_string() && !id.is_number_integer() && !id.is_number_unsigned()) {
    return error_reply(nullptr, error_code::bad_request, "\"id\" must be a string or an integer");
  }
  try {
    json reply = handle_request(request);
    reply["id"] = id;
    reply["ok"] = true;
    return reply;
  } catch (const RequestError &error) {
    return error_reply(id, error.code, error.message);
  } catch (const std::exception &error) {
    return error_reply(id, error_code::internal, std::string("internal error: ") + error.what());
  }
}

json Dispatcher::handle_request(const json &request) {
  const json &type = field(request, "type");
  if (!type.is_string()) throw RequestError{error_code::bad_request, "missing or non-string \"type\""};
  policy_source_.refresh();
  const auto &name = type.get_ref<const std::string &>();
  json reply;
  if (name == "hello") reply = hello(request);
  else if (name == "identify") reply = identify(request);
  else if (name == "check") reply = check(request);
  else throw RequestError{error_code::unknown_type, "unknown message type \"" + name.substr(0, 64) + "\""};
  reply["type"] = name;
  return reply;
}

json Dispatcher::hello(const json & /*request*/) {
  return {{"host", {{"name", "org.handleguard.host"}, {"version", HANDLEGUARD_VERSION}}},
          {"protocol", protocol_version},
          {"policy", policy_status_json(policy_source_.status())}};
}

json Dispatcher::identify(const json &request) {
  const std::string handle = string_field(request, "handle", false);
  const std::string user_id = string_field(request, "user_id", false);
  const auto engine = policy_source_.engine();
  if (!engine) {
    return {{"identity", {{"status", "missing"}, {"managed", false}, {"account", nullptr}, {"reason", "no valid policy"}}},
            {"policy", policy_status_json(policy_source_.status())}};
  }
  return {{"identity", rules::to_json(engine->identify(handle, user_id))}};
}

json Dispatcher::check(const json &request) {
  rules::CheckRequest check;
  check.handle = string_field(request, "handle", false);
  check.user_id = string_field(request, "user_id", false);
  check.text = string_field(request, "text", true, max_text_bytes);
  check.action = string_field(request, "action", false);
  if (check.action.empty()) check.action = "post";
  if (std::ranges::find(known_actions, check.action) == known_actions.end()) {
    throw RequestError{error_code::bad_request, "unknown action \"" + check.action.substr(0, 64) + "\""};
  }
  const auto status = policy_source_.status();
  const auto engine = policy_source_.engine();
  json reply = engine ? rules::to_json(engine->check(check)) : no_policy_verdict(status);
  if (!status.error.empty()) reply["policy_warning"] = status.error;
  return reply;
}

} // namespace handleguard::protocol
