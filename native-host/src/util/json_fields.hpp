#pragma once
// Reading one field of JSON that was stored or sent by someone else: nlohmann's value(key, default)
// throws when the key is there with another type (a null account, a numeric reason), which would
// end the program on one odd entry instead of passing over it.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace handleguard::util {

// The string at `key` of `object`; `fallback` when `object` is not an object, the key is absent,
// or its value is not a string.
[[nodiscard]] inline std::string string_or(const nlohmann::json &object, std::string_view key,
                                           std::string_view fallback = {}) {
  if (!object.is_object()) return std::string(fallback);
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return std::string(fallback);
  return found->get<std::string>();
}

} // namespace handleguard::util
