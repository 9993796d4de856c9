#include "util/json_writer.hpp"

#include <charconv>

#include "util/ascii_runs.hpp"

namespace handleguard::util {

using nlohmann::json;

namespace {
std::string nlohmann_dump(const json &value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

template <typename Integer> void append_integer(std::string &out, Integer number) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, number);
  out.append(digits, result.ptr);
}

// The escapes nlohmann writes for ASCII (without ensure_ascii): the short forms, else \u00xx.
void append_escaped_ascii(std::string &out, char c) {
  switch (c) {
  case '"': out += "\\\""; return;
  case '\\': out += "\\\\"; return;
  case '\b': out += "\\b"; return;
  case '\f': out += "\\f"; return;
  case '\n': out += "\\n"; return;
  case '\r': out += "\\r"; return;
  case '\t': out += "\\t"; return;
  default: break;
  }
  constexpr std::string_view hex = "0123456789abcdef";
  out += "\\u00";
  out += hex[(static_cast<unsigned char>(c) >> 4U) & 0xFU];
  out += hex[static_cast<unsigned char>(c) & 0xFU];
}
} // namespace

void append_json_string(std::string &out, std::string_view text) {
  // One pass (a reply has dozens of short strings): plain ASCII is copied in runs; the first
  // non-ASCII byte undoes what was written and hands the whole string to nlohmann.
  const std::size_t start = out.size();
  out += '"';
  std::size_t plain_from = 0;
  for (std::size_t i = plain_json_run_end(text, 0); i < text.size(); i = plain_json_run_end(text, i + 1)) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80U) { // UTF-8 (or not): nlohmann decides, replacing bad bytes
      out.resize(start);
      out += nlohmann_dump(json(text));
      return;
    }
    out.append(text.data() + plain_from, i - plain_from);
    append_escaped_ascii(out, text[i]);
    plain_from = i + 1;
  }
  out.append(text.data() + plain_from, text.size() - plain_from);
  out += '"';
}

void append_json(std::string &out, const json &value) {
  switch (value.type()) {
  case json::value_t::null: out += "null"; return;
  case json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
  case json::value_t::number_integer: append_integer(out, value.get<json::number_integer_t>()); return;
  case json::value_t::number_unsigned: append_integer(out, value.get<json::number_unsigned_t>()); return;
  case json::value_t::string: append_json_string(out, value.get_ref<const std::string &>()); return;
  case json::value_t::object: {
    out += '{';
    bool first = true;
    for (const auto &[key, member] : value.get_ref<const json::object_t &>()) {
      if (!first) out += ',';
      first = false;
      append_json_string(out, key);
      out += ':';
      append_json(out, member);
    }
    out += '}';
    return;
  }
  case json::value_t::array: {
    out += '[';
    bool first = true;
    for (const auto &element : value.get_ref<const json::array_t &>()) {
      if (!first) out += ',';
      first = false;
      append_json(out, element);
    }
    out += ']';
    return;
  }
  default: out += nlohmann_dump(value); return; // floating point, binary, discarded
  }
}

std::string json_text(const json &value) {
  std::string out;
  out.reserve(1024); // a verdict reply is about 500 bytes: no regrowth on the way
  append_json(out, value);
  return out;
}

} // namespace handleguard::util
