#pragma once
// Keeps every reply under the browser's limit for one message from a host (1 MiB; a larger
// one makes Chromium drop the port). A reply that would be too long is shortened as a whole
// JSON message: its longest top-level array loses entries from the end and the reply says
// so in "truncated"; only when that cannot help does an error reply (with the request's id)
// take its place. Never a message cut in the middle.
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/reply.hpp"

namespace handleguard::protocol {

// Returns `reply` serialized in at most `limit` bytes (invalid UTF-8 in strings replaced).
[[nodiscard]] std::string serialize_reply(Reply reply, std::size_t limit);

} // namespace handleguard::protocol
