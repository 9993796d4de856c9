#include "rules/verdict_log.hpp"

#include <array>

#include <sodium.h>

namespace handleguard::rules {

LoggedVerdict &VerdictLog::add(LoggedVerdict entry) {
  if (entries_.size() >= capacity) entries_.pop_front();
  entries_.push_back(std::move(entry));
  return entries_.back();
}

LoggedVerdict *VerdictLog::find(std::string_view check_id) {
  for (auto &entry : entries_) {
    if (entry.check_id == check_id) return &entry;
  }
  return nullptr;
}

std::vector<const LoggedVerdict *> VerdictLog::latest(std::size_t limit) const {
  std::vector<const LoggedVerdict *> out;
  for (auto it = entries_.rbegin(); it != entries_.rend() && out.size() < limit; ++it) out.push_back(&*it);
  return out;
}

std::string new_check_id() {
  if (sodium_init() < 0) return {};
  std::array<unsigned char, 16> random{};
  randombytes_buf(random.data(), random.size());
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  return {hex.data(), 32};
}

} // namespace handleguard::rules
