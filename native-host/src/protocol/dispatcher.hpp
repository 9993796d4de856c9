#pragma once
// Answers one native message. Every input, however malformed, gets exactly one JSON reply;
// nothing here throws past handle() or writes to stdout.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "policy/policy_source.hpp"

namespace handleguard::protocol {

inline constexpr int protocol_version = 1;
inline constexpr std::size_t max_text_bytes = 256U * 1024U; // far above X's 25,000-character posts

// Error codes of {"ok": false, "error": {"code", "message"}}; documented in docs/protocol.md.
namespace error_code {
inline constexpr std::string_view invalid_utf8 = "invalid_utf8";
inline constexpr std::string_view invalid_json = "invalid_json";
inline constexpr std::string_view bad_request = "bad_request";
inline constexpr std::string_view unknown_type = "unknown_type";
inline constexpr std::string_view too_large = "too_large";
inline constexpr std::string_view internal = "internal";
} // namespace error_code

class Dispatcher {
public:
  explicit Dispatcher(policy::PolicySource &policy_source) : policy_source_(policy_source) {}

  // Returns the reply to one message body (already unframed).
  [[nodiscard]] nlohmann::json handle(std::string_view message);

private:
  nlohmann::json handle_request(const nlohmann::json &request);
  nlohmann::json hello(const nlohmann::json &request);
  nlohmann::json identify(const nlohmann::json &request);
  nlohmann::json check(const nlohmann::json &request);

  policy::PolicySource &policy_source_;
};

// Thrown inside the dispatcher for a request the host cannot answer; becomes an error reply.
struct RequestError {
  std::string_view code;
  std::string message;
};

[[nodiscard]] nlohmann::json error_reply(const nlohmann::json &id, std::string_view code, const std::string &message);

} // namespace handleguard::protocol
