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
  // Random bytes are fetched 256 ids at a time: one getrandom() per id was a system call on
  // every check. Each id still takes 16 fresh bytes that no other id uses.
  constexpr std::size_t id_bytes = 16;
  thread_local std::array<unsigned char, id_bytes * 256> pool{};
  thread_local std::size_t used = pool.size();
  if (used == pool.size()) {
    if (sodium_init() < 0) return {};
    randombytes_buf(pool.data(), pool.size());
    used = 0;
  }
  std::array<char, id_bytes * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), pool.data() + used, id_bytes);
  sodium_memzero(pool.data() + used, id_bytes);
  used += id_bytes;
  return {hex.data(), id_bytes * 2};
}

} // namespace handleguard::rules
