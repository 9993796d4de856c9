#include "protocol/dispatcher.hpp"

#include <exception>
#include <optional>
#include <string>

#include "policy/json_positions.hpp"
#include "protocol/audit_events.hpp"
#include "protocol/handlers.hpp"
#include "protocol/lone_surrogates.hpp"
#include "protocol/request.hpp"
#include "util/flat_json.hpp"
#include "util/json_depth.hpp"
#include "util/message_excerpt.hpp"
#include "util/utf.hpp"

namespace handleguard::protocol {

using nlohmann::json;

namespace {
// No message of the protocol nests deeper than a few levels; refusing deep ones before
// parsing keeps recursive JSON operations (copy, compare, dump) on a bounded stack.
constexpr std::size_t max_message_depth = 64;
// The id is echoed in every reply; a long one could push the reply over the browser's limit.
constexpr std::size_t max_id_bytes = 256;

// Names a repeated key in an error reply; a hostile key can be as long as the message itself.
std::string repeated_key_message(std::string_view pointer) {
  constexpr std::size_t max_shown_bytes = 64;
  std::string shown(pointer.substr(0, max_shown_bytes));
  if (pointer.size() > max_shown_bytes) {
    // Cut before a character that would be split (its continuation bytes are 10xxxxxx).
    while (!shown.empty() && (static_cast<unsigned char>(pointer[shown.size()]) & 0xC0U) == 0x80U) shown.pop_back();
    shown += "...";
  }
  return "the key " + shown + " appears more than once; which one counts would be a guess, so the message is refused";
}
} // namespace

json error_reply(const json &id, std::string_view code, const std::string &message) {
  return {{"id", id}, {"ok", false}, {"error", {{"code", code}, {"message", message}}}};
}

namespace {
// Why a request's `id` cannot be echoed in its reply, or nothing when it can (none, an integer,
// a short string).
std::optional<std::string> id_problem(const json &id) {
  if (!id.is_null() && !id.is_string() && !id.is_number_integer()) return "\"id\" must be a string or an integer";
  if (id.is_string() && id.get_ref<const std::string &>().size() > max_id_bytes) {
    return "\"id\" is longer than " + std::to_string(max_id_bytes) + " bytes";
  }
  return std::nullopt;
}

// The id of a request as the dispatcher accepts it, or null.
json usable_id(const json &request) {
  const json id = request.value("id", json());
  return id_problem(id) ? json() : id;
}

// The reply to a message the JSON parser refused: with its id when only halves of surrogate
// pairs made it refuse (protocol/lone_surrogates.hpp), so that the request is answered now.
json refuse_unparsed(std::string_view message) {
  if (const auto repaired = with_lone_surrogates_replaced(message)) {
    const json tree = json::parse(*repaired, nullptr, false);
    if (tree.is_object()) {
      return error_reply(usable_id(tree), error_code::bad_request,
                         "a string holds half of a UTF-16 surrogate pair (an escape from \\ud800 to \\udfff without its "
                         "other half, as half an emoji is written): it is not text, so nothing was judged");
    }
  }
  return error_reply(nullptr, error_code::invalid_json, "the message is not valid JSON");
}
} // namespace

Reply Dispatcher::handle(std::string_view message) {
  if (!util::is_valid_utf8(message)) return error_reply(nullptr, error_code::invalid_utf8, "the message is not valid UTF-8");
  // The JSON parser stops at a raw NUL as if the text ended there; JSON never contains one.
  if (message.find('\0') != std::string_view::npos) {
    return error_reply(nullptr, error_code::invalid_json, "the message contains a raw NUL byte");
  }
  // Most messages are one flat object (depth 1), read quickly without a tree; nlohmann parses
  // everything else, after the depth check.
  std::optional<Request> request;
  std::string repeated; // JSON pointer of a key given twice: parsers keep one of them silently
  if (auto members = util::parse_flat_json_object(message)) {
    if (const auto key = members->repeated_key()) repeated = "/" + policy::pointer_token(*key);
    request.emplace(std::move(*members));
  } else {
    if (util::json_nesting_exceeds(message, max_message_depth)) {
      return error_reply(nullptr, error_code::bad_request,
                         "the message nests deeper than " + std::to_string(max_message_depth) + " levels");
    }
    json tree = json::parse(message, nullptr, false);
    if (tree.is_discarded()) return refuse_unparsed(message);
    if (!tree.is_object()) return error_reply(nullptr, error_code::bad_request, "the message must be a JSON object");
    if (const policy::JsonPositions keys(message, false); !keys.duplicate_keys().empty()) {
      repeated = keys.duplicate_keys().front().pointer;
    }
    request.emplace(std::move(tree));
  }
  if (repeated == "/id") return error_reply(nullptr, error_code::bad_request, repeated_key_message(repeated));
  const json id = request->value("id");
  if (const auto problem = id_problem(id)) return error_reply(nullptr, error_code::bad_request, *problem);
  if (!repeated.empty()) return error_reply(id, error_code::bad_request, repeated_key_message(repeated));
  try {
    const json type = request->value("type");
    if (!type.is_string()) throw RequestError{error_code::bad_request, "missing or non-string \"type\""};
    const auto &name = type.get_ref<const std::string &>();
    const auto handler = handlers().find(name);
    if (handler == handlers().end()) {
      throw RequestError{error_code::unknown_type, "unknown message type \"" + util::message_excerpt(name) + "\""};
    }
    context_.policy_source.refresh();
    note_policy_state(context_, policy_seen_);
    Reply reply = handler->second(context_, *request);
    if (auto *tree = std::get_if<json>(&reply)) {
      (*tree)["id"] = id;
      (*tree)["ok"] = true;
      (*tree)["type"] = name;
    } // a CheckReply carries the id already and writes its own `ok` and `type`
    return reply;
  } catch (const RequestError &error) {
    return error_reply(id, error.code, error.message);
  } catch (const std::exception &error) {
    return error_reply(id, error_code::internal, std::string("internal error: ") + error.what());
  }
}

} // namespace handleguard::protocol
