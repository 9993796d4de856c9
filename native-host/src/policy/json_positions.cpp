#include "policy/json_positions.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "util/json_depth.hpp"
#include "util/utf.hpp"

namespace handleguard::policy {

namespace {
unsigned hex4(std::string_view text, std::size_t at) {
  unsigned value = 0;
  for (std::size_t i = at; i < at + 4 && i < text.size(); ++i) {
    const char c = text[i];
    value <<= 4U;
    if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
  }
  return value;
}

// Accepts every SAX event; remembers only where parsing failed and why.
struct SyntaxErrorCatcher {
  using json = nlohmann::json;
  std::optional<std::size_t> position;
  std::string message;
  bool null() { return true; }
  bool boolean(bool /*value*/) { return true; }
  bool number_integer(json::number_integer_t /*value*/) { return true; }
  bool number_unsigned(json::number_unsigned_t /*value*/) { return true; }
  bool number_float(json::number_float_t /*value*/, const json::string_t & /*text*/) { return true; }
  bool string(json::string_t & /*value*/) { return true; }
  bool binary(json::binary_t & /*value*/) { return true; }
  bool start_object(std::size_t /*size*/) { return true; }
  bool key(json::string_t & /*key*/) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t /*size*/) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t byte, const std::string & /*token*/, const nlohmann::detail::exception &error) {
    position = byte;
    // nlohmann's text reads "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while
    // parsing value - invalid literal; last read: 'x'": keep what follows the location.
    const std::string what = error.what();
    const auto colon = what.find(": ");
    message = colon == std::string::npos ? what : what.substr(colon + 2);
    return false;
  }
};
} // namespace

std::string pointer_token(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

TextPosition position_at(std::string_view text, std::size_t byte_offset) {
  TextPosition position;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((c & 0xC0U) != 0x80U) {
      ++position.column; // count code points, not continuation bytes
    }
  }
  return position;
}

std::optional<JsonSyntaxError> find_syntax_error(std::string_view text) {
  SyntaxErrorCatcher catcher;
  const bool ok = nlohmann::json::sax_parse(text, &catcher, nlohmann::json::input_format_t::json, true);
  if (ok && !catcher.position) return std::nullopt;
  const std::size_t byte = catcher.position.value_or(text.size());
  // nlohmann counts the byte it failed on, so the offending character is the one before.
  return JsonSyntaxError{position_at(text, byte > 0 ? byte - 1 : 0), catcher.message};
}

JsonPositions::JsonPositions(std::string_view text, bool keep_positions) : text_(text), keep_positions_(keep_positions) {
  skip_space();
  value();
}

TextPosition JsonPositions::position_of(std::size_t offset) const { return position_at(text_, offset); }

TextPosition JsonPositions::locate(std::string_view pointer) const {
  std::string_view probe = pointer;
  for (;;) {
    if (const auto found = offsets_.find(probe); found != offsets_.end()) return position_of(found->second);
    const auto slash = probe.rfind('/');
    if (slash == std::string_view::npos) return {};
    probe = probe.substr(0, slash);
  }
}

void JsonPositions::skip_space() {
  while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) ++at_;
}

std::string JsonPositions::read_string() {
  std::string out;
  ++at_; // opening quote
  while (at_ < text_.size() && text_[at_] != '"') {
    if (text_[at_] != '\\') {
      out.push_back(text_[at_++]);
      continue;
    }
    ++at_;
    if (at_ >= text_.size()) break;
    const char escaped = text_[at_++];
    switch (escaped) {
    case 'n': out.push_back('\n'); break;
    case 't': out.push_back('\t'); break;
    case 'r': out.push_back('\r'); break;
    case 'b': out.push_back('\b'); break;
    case 'f': out.push_back('\f'); break;
    case 'u': {
      unsigned code = hex4(text_, at_);
      at_ += 4;
      if (code >= 0xD800U && code < 0xDC00U && at_ + 6 <= text_.size() && text_[at_] == '\\' && text_[at_ + 1] == 'u') {
        const unsigned low = hex4(text_, at_ + 2);
        code = 0x10000U + ((code - 0xD800U) << 10U) + (low - 0xDC00U);
        at_ += 6;
      }
      util::append_utf8(out, static_cast<char32_t>(code));
      break;
    }
    default: out.push_back(escaped); // '"', '\\', '/'
    }
  }
  ++at_; // closing quote
  return out;
}

void JsonPositions::skip_string() {
  ++at_; // opening quote
  while (at_ < text_.size() && text_[at_] != '"') at_ += text_[at_] == '\\' ? 2U : 1U;
  ++at_; // closing quote
}

void JsonPositions::value() {
  if (keep_positions_) offsets_.emplace(pointer_, at_);
  if (at_ >= text_.size()) return;
  const char c = text_[at_];
  if (c == '{') {
    object();
  } else if (c == '[') {
    ++at_;
    skip_space();
    const std::size_t parent_length = pointer_.size();
    std::size_t index = 0;
    while (at_ < text_.size() && text_[at_] != ']') {
      pointer_ += '/';
      pointer_ += std::to_string(index++);
      value();
      pointer_.resize(parent_length);
      skip_space();
      if (at_ < text_.size() && text_[at_] == ',') ++at_;
      skip_space();
    }
    ++at_;
  } else if (c == '"') {
    skip_string();
  } else {
    while (at_ < text_.size() && text_[at_] != ',' && text_[at_] != '}' && text_[at_] != ']' && text_[at_] != ' ' &&
           text_[at_] != '\n' && text_[at_] != '\r' && text_[at_] != '\t') {
      ++at_;
    }
  }
}

void JsonPositions::object() {
  // Keys seen so far: a short list searched in order, as objects in a policy are small; a set
  // once an object grows large, so a hostile file with a huge object stays cheap to scan.
  constexpr std::size_t list_limit = 32;
  std::vector<std::string> listed;
  std::set<std::string, std::less<>> many;
  const auto seen_before = [&](std::string key) {
    if (many.empty() && listed.size() < list_limit) {
      if (std::ranges::find(listed, key) != listed.end()) return true;
      listed.push_back(std::move(key));
      return false;
    }
    if (many.empty()) many.insert(std::make_move_iterator(listed.begin()), std::make_move_iterator(listed.end()));
    return !many.insert(std::move(key)).second;
  };
  ++at_;
  skip_space();
  const std::size_t parent_length = pointer_.size();
  while (at_ < text_.size() && text_[at_] != '}') {
    const std::size_t key_offset = at_;
    std::string key = read_string();
    pointer_ += '/';
    pointer_ += pointer_token(key);
    if (seen_before(std::move(key))) duplicates_.push_back({pointer_, position_of(key_offset)});
    skip_space();
    ++at_; // ':'
    skip_space();
    value(); // emplace keeps the first occurrence's position
    pointer_.resize(parent_length);
    skip_space();
    if (at_ < text_.size() && text_[at_] == ',') ++at_;
    skip_space();
  }
  ++at_;
}

std::optional<std::string> repeated_key_problem(std::string_view parsed_json) {
  constexpr std::size_t max_depth = 64;
  if (util::json_nesting_exceeds(parsed_json, max_depth)) return "nests deeper than " + std::to_string(max_depth) + " levels";
  const JsonPositions keys(parsed_json, false);
  if (keys.duplicate_keys().empty()) return std::nullopt;
  return "the key " + keys.duplicate_keys().front().pointer + " appears twice";
}

} // namespace handleguard::policy
