#include "util/flat_json.hpp"

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
  explicit Reader(std::string_view text) : text_(text) {}

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

  // A string after its opening quote, up to and including the closing one.
  [[nodiscard]] std::optional<std::string> string_body() {
    std::string out;
    bool high_bytes = false;
    std::size_t plain_from = pos_;
    while (pos_ < text_.size()) {
      pos_ = plain_json_run_end(text_, pos_);
      if (pos_ == text_.size()) break;
      const auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte == '"') {
        out.append(text_.data() + plain_from, pos_ - plain_from);
        ++pos_;
        if (high_bytes && !is_valid_utf8(out)) return std::nullopt;
        return out;
      }
      if (byte < 0x20U) return std::nullopt; // nlohmann refuses raw control characters
      if (byte >= 0x80U) high_bytes = true;
      if (byte == '\\') {
        out.append(text_.data() + plain_from, pos_ - plain_from);
        if (++pos_ == text_.size()) return std::nullopt;
        switch (text_[pos_]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        default: return std::nullopt; // \u (surrogates and all) is nlohmann's to read
        }
        plain_from = ++pos_;
        continue;
      }
      ++pos_;
    }
    return std::nullopt; // unterminated
  }

  [[nodiscard]] std::optional<json> number() {
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
    if (negative) return json(static_cast<json::number_integer_t>(-static_cast<std::int64_t>(value)));
    return json(static_cast<json::number_unsigned_t>(value));
  }

  [[nodiscard]] bool word(std::string_view expected) {
    if (text_.substr(pos_, expected.size()) != expected) return false;
    pos_ += expected.size();
    return true;
  }

  [[nodiscard]] std::optional<json> value() {
    if (pos_ >= text_.size()) return std::nullopt;
    switch (text_[pos_]) {
    case '"': {
      ++pos_;
      auto text = string_body();
      if (!text) return std::nullopt;
      return json(std::move(*text));
    }
    case 't': return word("true") ? std::optional<json>(true) : std::nullopt;
    case 'f': return word("false") ? std::optional<json>(false) : std::nullopt;
    case 'n': return word("null") ? std::optional<json>(nullptr) : std::nullopt;
    default: return number(); // anything else (objects, arrays, junk) ends in nullopt there or in the caller
    }
  }

private:
  std::string_view text_;
  std::size_t pos_ = 0;
};
} // namespace

std::optional<json> parse_flat_json_object(std::string_view text) {
  Reader reader(text);
  reader.skip_space();
  if (!reader.take('{')) return std::nullopt;
  json object = json::object();
  auto &members = object.get_ref<json::object_t &>();
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
      members.insert_or_assign(std::move(*key), std::move(*value)); // a repeated key: the last wins, as in nlohmann
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
