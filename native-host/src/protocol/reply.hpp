#pragma once
// What the host answers to one message: a JSON tree, or for a `check` its verdict still typed
// (protocol/check_reply.hpp), written as text without a tree.
#include <variant>

#include <nlohmann/json.hpp>

#include "protocol/check_reply.hpp"

namespace handleguard::protocol {

using Reply = std::variant<nlohmann::json, CheckReply>;

// The reply as a JSON tree (tests, and replies too long for one message).
[[nodiscard]] nlohmann::json to_json(Reply reply);

} // namespace handleguard::protocol
