#pragma once
// Reads the fields of one JSON object of the policy, remembering which keys were used so the
// rest can be reported as unknown: a misspelt rule field must not silently switch a rule off.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "policy/json_positions.hpp"
#include "policy/parse.hpp"

namespace handleguard::policy::detail {

class ObjectReader {
public:
  using json = nlohmann::json;

  ObjectReader(const json &object, std::string pointer, std::vector<PolicyError> &errors)
      : object_(object), pointer_(std::move(pointer)), errors_(errors) {}

  [[nodiscard]] const std::string &pointer() const { return pointer_; }
  [[nodiscard]] std::string at(std::string_view key) const { return pointer_ + "/" + pointer_token(key); }
  void fail(std::string_view key, std::string message) const { errors_.push_back({at(key), std::move(message)}); }
  [[nodiscard]] std::vector<PolicyError> &errors() const { return errors_; }

  const json *find(std::string_view key, bool required) {
    known_.insert(std::string(key));
    const auto found = object_.find(std::string(key));
    if (found == object_.end()) {
      if (required) errors_.push_back({pointer_, "missing required field \"" + std::string(key) + "\""});
      return nullptr;
    }
    return &*found;
  }

  std::optional<std::string> string(std::string_view key, bool required) {
    const json *value = find(key, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
      fail(key, "must be a string");
      return std::nullopt;
    }
    return value->get<std::string>();
  }

  std::optional<std::string> non_empty_string(std::string_view key, bool required) {
    auto text = string(key, required);
    if (text && text->empty()) {
      fail(key, "must not be empty");
      return std::nullopt;
    }
    return text;
  }

  std::optional<bool> boolean(std::string_view key, bool required) {
    const json *value = find(key, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) {
      fail(key, "must be true or false");
      return std::nullopt;
    }
    return value->get<bool>();
  }

  std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min, std::int64_t max) {
    const json *value = find(key, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer()) {
      fail(key, "must be an integer");
      return std::nullopt;
    }
    // nlohmann keeps every non-negative integer as unsigned: compared as such against `max`
    // first, since get<std::int64_t>() would wrap one past INT64_MAX into a negative number.
    const bool past_int64 = value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(max);
    const auto number = value->get<std::int64_t>();
    if (past_int64 || number < min || number > max) {
      fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + " (got " + value->dump() + ")");
      return std::nullopt;
    }
    return number;
  }

  // A list of strings; each bad element is reported with its own pointer.
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required) {
    const json *value = find(key, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_array()) {
      fail(key, "must be an array of strings");
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json &item = value->at(i);
      if (!item.is_string() || item.get_ref<const std::string &>().empty()) {
        errors_.push_back({at(key) + "/" + std::to_string(i), "must be a non-empty string"});
        continue;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  template <typename Enum>
  std::optional<Enum> choice(std::string_view key, bool required,
                             std::initializer_list<std::pair<std::string_view, Enum>> options) {
    auto text = string(key, required);
    if (!text) return std::nullopt;
    for (const auto &[name, value] : options) {
      if (*text == name) return value;
    }
    std::string names;
    for (const auto &[name, value] : options) names += (names.empty() ? "" : ", ") + std::string(name);
    fail(key, "must be one of: " + names + " (got \"" + *text + "\")");
    return std::nullopt;
  }

  void report_unknown_keys() const {
    for (const auto &[key, value] : object_.items()) {
      if (!known_.contains(key)) errors_.push_back({at(key), "unknown field \"" + key + "\""});
    }
  }

private:
  const json &object_;
  std::string pointer_;
  std::vector<PolicyError> &errors_;
  std::set<std::string> known_;
};

} // namespace handleguard::policy::detail
