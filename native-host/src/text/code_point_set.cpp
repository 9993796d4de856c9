#include "text/code_point_set.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace handleguard::text::detail {

namespace {
// Reads one \x{HEX} at `pos`, moving `pos` past it.
char32_t read_item(std::string_view body, std::size_t &pos) {
  if (body.substr(pos, 3) != "\\x{") throw std::invalid_argument("code point class: expected \\x{ at " + std::to_string(pos));
  const std::size_t close = body.find('}', pos);
  if (close == std::string_view::npos) throw std::invalid_argument("code point class: unclosed \\x{");
  const auto value = static_cast<char32_t>(std::stoul(std::string(body.substr(pos + 3, close - pos - 3)), nullptr, 16));
  pos = close + 1;
  return value;
}
} // namespace

CodePointSet::CodePointSet(std::string_view class_body) {
  for (std::size_t pos = 0; pos < class_body.size();) {
    const char32_t first = read_item(class_body, pos);
    char32_t last = first;
    if (pos < class_body.size() && class_body[pos] == '-') {
      ++pos;
      last = read_item(class_body, pos);
    }
    for (char32_t point = first; point <= last && point < 0x10000; ++point) bmp_.set(point);
    if (last >= 0x10000) astral_.emplace_back(std::max<char32_t>(first, 0x10000), last);
  }
  std::sort(astral_.begin(), astral_.end());
}

} // namespace handleguard::text::detail
