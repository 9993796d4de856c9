#include "util/flat_json.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "util/ascii_runs.hpp"
#include "util/utf.hpp"

namespace handleguard::util {

using nlohmann::json;

namespace {
// 18 digits always fit an int64 (and a uint64); longer numbers go to nlohmann.
constexpr std::size_t max_quick_digits = 18;

class Reader {
public:
  // Unescaped strings go to `unescaped`, which holds room for the whole text: it never moves.
  Reader(std::string_view text, std::string &unescaped) : text_(text), unescaped_(unescaped) {}

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) ++pos_;
  }
  [[nodiscard]] bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  [[nodiscard]] bool at_end() const { return pos_ == text_.size(); }

  // A string after its opening quote, up to and including the closing one: a view of the
  // message when it has no escapes, else of its unescaped copy.
  [[nodiscard]] std::optional<std::string_view> string_body() {
    const std::size_t first = pos_;
    bool high_bytes = false;
    std::size_t copied_from = std::string::npos; // where this string starts in unescaped_, once escaped
    std::size_t plain_from = pos_;
    while (pos_ < text_.size()) {
      pos_ = plain_json_run_end(text_, pos_);
      if (pos_ == text_.size()) break;
      const auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte == '"') {
        std::string_view body;
        if (copied_from == std::string::npos) {
          body = text_.substr(first, pos_ - first);
        } else {
          unescaped_.append(text_.data() + plain_from, pos_ - plain_from);
          body = std::string_view(unescaped_).substr(copied_from);
        }
        ++pos_;
        if (high_bytes && !is_valid_utf8(body)) return std::nullopt;
        return body;
      }
      if (byte < 0x20U) return std::nullopt; // nlohmann refuses raw control characters
      if (byte >= 0x80U) high_bytes = true;
      if (byte == '\\') {
        if (copied_from == std::string::npos) {
          copied_from = unescaped_.size();
          plain_from = first;
        }
        unescaped_.append(text_.data() + plain_from, pos_ - plain_from);
        if (++pos_ == text_.size()) return std::nullopt;
        switch (text_[pos_]) {
        case '"': unescaped_ += '"'; break;
        case '\\': unescaped_ += '\\'; break;
        case '/': unescaped_ += '/'; break;
        case 'b': unescaped_ += '\b'; break;
        case 'f': unescaped_ += '\f'; break;
        case 'n': unescaped_ += '\n'; break;
        case 'r': unescaped_ += '\r'; break;
        case 't': unescaped_ += '\t'; break;
        default: return std::nullopt; // \u (surrogates and all) is nlohmann's to read
        }
        plain_from = ++pos_;
        continue;
      }
      ++pos_;
    }
    return std::nullopt; // unterminated
  }

  [[nodiscard]] std::optional<FlatValue> number() {
    const bool negative = take('-');
    const std::size_t first = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    const std::size_t digits = pos_ - first;
    if (digits == 0 || digits > max_quick_digits) return std::nullopt;
    if (text_[first] == '0' && digits > 1) return std::nullopt; // a leading zero is invalid JSON
    if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E')) return std::nullopt;
    std::uint64_t value = 0;
    for (std::size_t i = first; i < pos_; ++i) value = value * 10 + static_cast<std::uint64_t>(text_[i] - '0');
    // As nlohmann types them: a minus sign makes a signed integer, none an unsigned one.
    FlatValue number;
    if (negative) {
      number.kind = FlatValue::Kind::integer;
      number.integer = -static_cast<std::int64_t>(value);
    } else {
      number.kind = FlatValue::Kind::unsigned_integer;
      number.unsigned_integer = value;
    }
    return number;
  }

  [[nodiscard]] bool word(std::string_view expected) {
    if (text_.substr(pos_, expected.size()) != expected) return false;
    pos_ += expected.size();
    return true;
  }

  [[nodiscard]] std::optional<FlatValue> value() {
    if (pos_ >= text_.size()) return std::nullopt;
    FlatValue value;
    switch (text_[pos_]) {
    case '"': {
      ++pos_;
      auto text = string_body();
      if (!text) return std::nullopt;
      value.kind = FlatValue::Kind::string;
      value.text = *text;
      return value;
    }
    case 't':
    case 'f':
      value.kind = FlatValue::Kind::boolean;
      value.boolean = text_[pos_] == 't';
      return word(value.boolean ? "true" : "false") ? std::optional<FlatValue>(value) : std::nullopt;
    case 'n': return word("null") ? std::optional<FlatValue>(value) : std::nullopt;
    default: return number(); // anything else (objects, arrays, junk) ends in nullopt there or in the caller
    }
  }

private:
  std::string_view text_;
  std::string &unescaped_;
  std::size_t pos_ = 0;
};
} // namespace

const FlatValue *FlatObject::find(std::string_view name) const {
  for (auto member = members_.rbegin(); member != members_.rend(); ++member) {
    if (member->key == name) return &member->value;
  }
  return nullptr;
}

std::optional<std::string_view> FlatObject::repeated_key() const {
  // A message has a handful of members: comparing each with those before it is cheapest.
  for (auto member = members_.begin(); member != members_.end(); ++member) {
    for (auto earlier = members_.begin(); earlier != member; ++earlier) {
      if (earlier->key == member->key) return member->key;
    }
  }
  return std::nullopt;
}

json FlatObject::to_json() const {
  json object = json::object();
  auto &members = object.get_ref<json::object_t &>();
  for (const auto &[key, value] : members_) {
    json item;
    switch (value.kind) {
    case FlatValue::Kind::null: break;
    case FlatValue::Kind::boolean: item = value.boolean; break;
    case FlatValue::Kind::integer: item = static_cast<json::number_integer_t>(value.integer); break;
    case FlatValue::Kind::unsigned_integer: item = static_cast<json::number_unsigned_t>(value.unsigned_integer); break;
    case FlatValue::Kind::string: item = std::string(value.text); break;
    }
    members.insert_or_assign(std::string(key), std::move(item)); // a repeated key: the last wins, as in nlohmann
  }
  return object;
}

std::optional<FlatObject> parse_flat_json_object(std::string_view text) {
  FlatObject object;
  // Past the short-string buffer, so that moving the object moves the buffer, not its bytes.
  object.unescaped_.reserve(std::max<std::size_t>(text.size(), 2 * sizeof(std::string)));
  object.members_.reserve(8);
  Reader reader(text, object.unescaped_);
  reader.skip_space();
  if (!reader.take('{')) return std::nullopt;
  reader.skip_space();
  if (!reader.take('}')) {
    for (;;) {
      reader.skip_space();
      if (!reader.take('"')) return std::nullopt;
      auto key = reader.string_body();
      if (!key) return std::nullopt;
      reader.skip_space();
      if (!reader.take(':')) return std::nullopt;
      reader.skip_space();
      auto value = reader.value();
      if (!value) return std::nullopt;
      object.members_.push_back({*key, *value});
      reader.skip_space();
      if (reader.take(',')) continue;
      if (reader.take('}')) break;
      return std::nullopt;
    }
  }
  reader.skip_space();
  if (!reader.at_end()) return std::nullopt;
  return object;
}

} // namespace handleguard::util
