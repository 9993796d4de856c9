#include "protocol/reply_size.hpp"

#include "protocol/dispatcher.hpp"
#include "protocol/request_fields.hpp"
#include "util/json_writer.hpp"

namespace handleguard::protocol {

using nlohmann::json;

namespace {
// nlohmann's dump(-1, ' ', false, replace), byte for byte, several times faster (util/json_writer.hpp).
std::string dump(const json &value) { return util::json_text(value); }

// Names the top-level array holding the most entries, or "" when there is none to shorten.
// Never `posts` (check_thread): a post cut from it would lose its verdict and check id, so an
// oversized thread reply becomes a too_large error instead and the thread stays held.
std::string longest_array(const json &reply) {
  std::string name;
  std::size_t most = 0;
  for (const auto &[key, value] : reply.items()) {
    if (key != "posts" && value.is_array() && value.size() > most) {
      most = value.size();
      name = key;
    }
  }
  return name;
}
} // namespace

json to_json(Reply reply) {
  if (auto *tree = std::get_if<json>(&reply)) return std::move(*tree);
  return to_json(std::get<CheckReply>(reply));
}

namespace {
std::string serialize_tree(json reply, std::size_t limit) {
  std::string text = dump(reply);
  if (text.size() <= limit) return text;
  const std::size_t full_size = text.size();
  const json id = reply.is_object() && reply.contains("id") ? reply.at("id") : json(nullptr);
  const std::string array_name = reply.is_object() ? longest_array(reply) : std::string();
  if (!array_name.empty()) {
    json &entries = reply.at(array_name);
    const std::size_t total = entries.size();
    // Starts from the share that should fit, then halves until it does: a few dumps at most.
    std::size_t keep = total * (limit / 2) / full_size;
    for (;;) {
      entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(keep), entries.end());
      reply["truncated"] = {{"field", array_name}, {"kept", keep}, {"total", total}};
      text = dump(reply);
      if (text.size() <= limit) return text;
      if (keep == 0) break;
      keep /= 2;
    }
  }
  return dump(error_reply(id, error_code::too_large,
                          "the reply would have been " + std::to_string(full_size) + " bytes, over the browser's limit of " +
                              std::to_string(limit) + " bytes for one message"));
}
} // namespace

std::string serialize_reply(Reply reply, std::size_t limit) {
  if (const auto *check = std::get_if<CheckReply>(&reply)) {
    std::string text;
    text.reserve(1024);
    append_json(text, *check);
    if (text.size() <= limit) return text;
  }
  return serialize_tree(to_json(std::move(reply)), limit);
}

} // namespace handleguard::protocol
