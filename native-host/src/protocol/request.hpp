#pragma once
// One native message as the handlers read it: the members the quick reader found
// (util/flat_json.hpp), or nlohmann's tree for any other shape. `check`, the message sent for
// every post, reads its few fields straight from the members; a handler that needs the whole
// message asks for the tree, built from the members on first use.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "protocol/request_fields.hpp"
#include "util/flat_json.hpp"

namespace handleguard::protocol {

class Request {
public:
  // The members of a flat message; their views point into the message, which must outlive this.
  explicit Request(util::FlatObject members) : members_(std::move(members)) {}
  // A message of any other shape, already checked to be an object.
  explicit Request(nlohmann::json tree) : tree_(std::move(tree)) {}

  // The whole message.
  [[nodiscard]] const nlohmann::json &tree() const;
  // The field's value (null when absent). For an object or array, a copy of it.
  [[nodiscard]] nlohmann::json value(std::string_view name) const;
  // True when the field is absent or null.
  [[nodiscard]] bool is_null(std::string_view name) const;
  // The field as string_field() (request_fields.hpp) reads it, with the same errors.
  [[nodiscard]] std::string string_field(std::string_view name, bool required, std::size_t max_bytes = max_field_bytes) const;
  // The field when it is a string, else null (what audit events record).
  [[nodiscard]] nlohmann::json string_or_null(std::string_view name) const;

private:
  std::optional<util::FlatObject> members_;
  mutable std::optional<nlohmann::json> tree_;
};

} // namespace handleguard::protocol
