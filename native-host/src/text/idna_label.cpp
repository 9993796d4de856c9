// twitter-text's idna.toAscii label check: each label, Punycode-encoded when it holds more than
// printable ASCII (as punycode.js 1.4.1's toASCII does), must be 1 to 63 characters long.
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/entity_scanners.hpp"
#include "text/utf8_step.hpp"

namespace handleguard::text::detail {

namespace {
constexpr std::uint64_t base = 36;
constexpr std::uint64_t t_min = 1;
constexpr std::uint64_t t_max = 26;
constexpr std::uint64_t skew = 38;
constexpr std::uint64_t damp = 700;
constexpr std::uint64_t initial_bias = 72;
constexpr char32_t initial_n = 0x80;
constexpr std::size_t max_label_length = 63;

std::uint64_t adapt(std::uint64_t delta, std::uint64_t points, bool first_time) {
  delta = first_time ? delta / damp : delta / 2;
  delta += delta / points;
  std::uint64_t k = 0;
  while (delta > ((base - t_min) * t_max) / 2) {
    delta /= base - t_min;
    k += base;
  }
  return k + (base - t_min + 1) * delta / (delta + skew);
}

// Length of RFC 3492 Punycode for `points` (without the "xn--" prefix).
std::size_t punycode_length(const std::vector<char32_t> &points) {
  std::size_t length = 0;
  std::uint64_t handled = 0;
  for (const char32_t point : points) {
    if (point < 0x80) ++handled;
  }
  const std::uint64_t basic = handled;
  length += basic;
  if (basic > 0) ++length; // the delimiter
  char32_t n = initial_n;
  std::uint64_t delta = 0;
  std::uint64_t bias = initial_bias;
  while (handled < points.size()) {
    char32_t next = 0x10FFFF + 1;
    for (const char32_t point : points) {
      if (point >= n && point < next) next = point;
    }
    delta += static_cast<std::uint64_t>(next - n) * (handled + 1);
    n = next;
    for (const char32_t point : points) {
      if (point < n) ++delta;
      if (point != n) continue;
      std::uint64_t q = delta;
      for (std::uint64_t k = base;; k += base) {
        const std::uint64_t t = k <= bias ? t_min : (k >= bias + t_max ? t_max : k - bias);
        if (q < t) break;
        ++length;
        q = (q - t) / (base - t);
      }
      ++length;
      bias = adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return length;
}

// punycode.js splits on the IDNA dot-likes too (U+3002, U+FF0E, U+FF61) and joins with ".".
bool is_dot_like(char32_t point) { return point == 0x3002 || point == 0xFF0E || point == 0xFF61; }

std::size_t encoded_part_length(const std::vector<char32_t> &points) {
  bool ascii = true;
  for (const char32_t point : points) {
    if (point < 0x20 || point > 0x7E) ascii = false; // punycode.js 1.4.1 encodes controls too
  }
  if (ascii) return points.size();
  return 4 + punycode_length(points);
}

std::size_t encoded_label_length(std::string_view label) {
  bool printable_ascii = true;
  for (const char c : label) printable_ascii = printable_ascii && c >= 0x20 && c <= 0x7E;
  if (printable_ascii) return label.size(); // left as it is, the common case
  std::size_t length = 0;
  std::vector<char32_t> part;
  bool first = true;
  for (std::size_t pos = 0; pos < label.size();) {
    const auto point = decode_at(label, pos);
    pos += point.length;
    if (is_dot_like(point.value)) {
      length += encoded_part_length(part) + (first ? 0 : 1);
      first = false;
      part.clear();
      continue;
    }
    part.push_back(point.value);
  }
  return length + encoded_part_length(part) + (first ? 0 : 1);
}
} // namespace

bool idna_labels_fit(std::string_view domain) {
  // One pass: each label's length is its byte count unless a byte is not printable ASCII.
  std::size_t start = 0;
  bool printable_ascii = true;
  for (std::size_t pos = 0;; ++pos) {
    if (pos < domain.size() && domain[pos] != '.') {
      const char c = domain[pos];
      printable_ascii = printable_ascii && c >= 0x20 && c <= 0x7E;
      continue;
    }
    const std::string_view label = domain.substr(start, pos - start);
    const std::size_t length = printable_ascii ? label.size() : encoded_label_length(label);
    if (length < 1 || length > max_label_length) return false;
    if (pos >= domain.size()) return true;
    start = pos + 1;
    printable_ascii = true;
  }
}

} // namespace handleguard::text::detail
