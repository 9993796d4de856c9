#include "protocol/request_fields.hpp"

namespace handleguard::protocol {

const nlohmann::json &field(const nlohmann::json &request, std::string_view name) {
  static const nlohmann::json missing;
  const auto found = request.find(std::string(name));
  return found == request.end() ? missing : *found;
}

std::string checked_string_field(std::string_view name, bool absent, const std::string_view *text, bool required,
                                 std::size_t max_bytes) {
  if (absent) {
    if (required) throw RequestError{error_code::bad_request, "missing field \"" + std::string(name) + "\""};
    return {};
  }
  if (text == nullptr) throw RequestError{error_code::bad_request, "field \"" + std::string(name) + "\" must be a string"};
  if (text->size() > max_bytes) {
    throw RequestError{error_code::too_large, "field \"" + std::string(name) + "\" is " + std::to_string(text->size()) +
                                                  " bytes; the limit is " + std::to_string(max_bytes)};
  }
  return std::string(*text);
}

std::string string_field(const nlohmann::json &request, std::string_view name, bool required, std::size_t max_bytes) {
  const nlohmann::json &value = field(request, name);
  std::string_view text;
  if (value.is_string()) text = value.get_ref<const std::string &>();
  return checked_string_field(name, value.is_null(), value.is_string() ? &text : nullptr, required, max_bytes);
}

} // namespace handleguard::protocol
