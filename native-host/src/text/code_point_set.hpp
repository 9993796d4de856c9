#pragma once
// A set of code points read from an RE2 character-class body of \x{...} items and ranges (as
// hashtag_classes.cpp holds them), with a bitmap for the Basic Multilingual Plane.
#include <bitset>
#include <string_view>
#include <utility>
#include <vector>

namespace handleguard::text::detail {

class CodePointSet {
public:
  explicit CodePointSet(std::string_view class_body);
  [[nodiscard]] bool contains(char32_t point) const {
    if (point < 0x10000) return bmp_[point];
    for (const auto &[first, last] : astral_) {
      if (point < first) return false;
      if (point <= last) return true;
    }
    return false;
  }

private:
  std::bitset<0x10000> bmp_;
  std::vector<std::pair<char32_t, char32_t>> astral_; // sorted
};

} // namespace handleguard::text::detail
