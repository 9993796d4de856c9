#include "protocol/request.hpp"

namespace handleguard::protocol {

using nlohmann::json;

namespace {
json to_json(const util::FlatValue &value) {
  switch (value.kind) {
  case util::FlatValue::Kind::null: return nullptr;
  case util::FlatValue::Kind::boolean: return value.boolean;
  case util::FlatValue::Kind::integer: return static_cast<json::number_integer_t>(value.integer);
  case util::FlatValue::Kind::unsigned_integer: return static_cast<json::number_unsigned_t>(value.unsigned_integer);
  case util::FlatValue::Kind::string: return std::string(value.text);
  }
  return nullptr;
}
} // namespace

const json &Request::tree() const {
  if (!tree_) tree_ = members_->to_json();
  return *tree_;
}

json Request::value(std::string_view name) const {
  if (!members_) return field(*tree_, name);
  const util::FlatValue *found = members_->find(name);
  return found == nullptr ? json(nullptr) : to_json(*found);
}

bool Request::is_null(std::string_view name) const {
  if (!members_) return field(*tree_, name).is_null();
  const util::FlatValue *found = members_->find(name);
  return found == nullptr || found->kind == util::FlatValue::Kind::null;
}

std::string Request::string_field(std::string_view name, bool required, std::size_t max_bytes) const {
  if (!members_) return protocol::string_field(*tree_, name, required, max_bytes);
  const util::FlatValue *found = members_->find(name);
  const bool absent = found == nullptr || found->kind == util::FlatValue::Kind::null;
  const bool is_string = found != nullptr && found->kind == util::FlatValue::Kind::string;
  return checked_string_field(name, absent, is_string ? &found->text : nullptr, required, max_bytes);
}

json Request::string_or_null(std::string_view name) const {
  if (!members_) {
    const json &found = field(*tree_, name);
    return found.is_string() ? found : json(nullptr);
  }
  const util::FlatValue *found = members_->find(name);
  return found != nullptr && found->kind == util::FlatValue::Kind::string ? json(std::string(found->text)) : json(nullptr);
}

} // namespace handleguard::protocol
