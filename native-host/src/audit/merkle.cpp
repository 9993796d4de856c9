#include "audit/merkle.hpp"

#include <bit>
#include <cstring>

#include <sodium.h>

namespace handleguard::audit {

namespace {
// Largest power of two strictly smaller than `n` (n >= 2).
std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }

void subproof(std::span<const Hash> leaves, std::uint64_t m, bool complete, std::vector<Hash> &out) {
  const std::uint64_t n = leaves.size();
  if (m == n) {
    if (!complete) out.push_back(tree_root(leaves));
    return;
  }
  const std::uint64_t k = split_point(n);
  if (m <= k) {
    subproof(leaves.first(k), m, complete, out);
    out.push_back(tree_root(leaves.subspan(k)));
  } else {
    subproof(leaves.subspan(k), m - k, false, out);
    out.push_back(tree_root(leaves.first(k)));
  }
}
} // namespace

Hash leaf_hash(std::span<const unsigned char> entry) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  const unsigned char prefix = 0x00;
  crypto_hash_sha256_update(&state, &prefix, 1);
  crypto_hash_sha256_update(&state, entry.data(), entry.size());
  Hash out{};
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

Hash node_hash(const Hash &left, const Hash &right) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  const unsigned char prefix = 0x01;
  crypto_hash_sha256_update(&state, &prefix, 1);
  crypto_hash_sha256_update(&state, left.data(), left.size());
  crypto_hash_sha256_update(&state, right.data(), right.size());
  Hash out{};
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

Hash empty_tree_hash() {
  Hash out{};
  crypto_hash_sha256(out.data(), nullptr, 0);
  return out;
}

Hash tree_root(std::span<const Hash> leaves) {
  if (leaves.empty()) return empty_tree_hash();
  if (leaves.size() == 1) return leaves[0];
  const std::uint64_t k = split_point(leaves.size());
  return node_hash(tree_root(leaves.first(k)), tree_root(leaves.subspan(k)));
}

std::vector<Hash> inclusion_proof(std::span<const Hash> leaves, std::uint64_t index) {
  std::vector<Hash> proof;
  while (leaves.size() > 1) {
    const std::uint64_t k = split_point(leaves.size());
    if (index < k) {
      proof.push_back(tree_root(leaves.subspan(k)));
      leaves = leaves.first(k);
    } else {
      proof.push_back(tree_root(leaves.first(k)));
      leaves = leaves.subspan(k);
      index -= k;
    }
  }
  // Collected from the top down; the proof lists siblings from the leaf up.
  return {proof.rbegin(), proof.rend()};
}

std::vector<Hash> consistency_proof(std::span<const Hash> leaves, std::uint64_t old_size) {
  std::vector<Hash> proof;
  if (old_size == 0 || old_size >= leaves.size()) return proof;
  subproof(leaves, old_size, true, proof);
  return proof;
}

// RFC 9162 §2.1.3.2.
bool verify_inclusion(std::uint64_t index, std::uint64_t size, const Hash &leaf, std::span<const Hash> proof,
                      const Hash &root) {
  if (index >= size) return false;
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf;
  for (const Hash &p : proof) {
    if (sn == 0) return false;
    if ((fn & 1U) == 1U || fn == sn) {
      r = node_hash(p, r);
      if ((fn & 1U) == 0U) {
        while ((fn & 1U) == 0U && fn != 0) {
          fn >>= 1U;
          sn >>= 1U;
        }
      }
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1U;
    sn >>= 1U;
  }
  return sn == 0 && r == root;
}

// RFC 9162 §2.1.4.2.
bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Hash &old_root, const Hash &new_root,
                        std::span<const Hash> proof) {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty(); // the empty tree is a prefix of every tree
  std::vector<Hash> path(proof.begin(), proof.end());
  if (std::has_single_bit(old_size)) path.insert(path.begin(), old_root);
  if (path.empty()) return false;
  std::uint64_t fn = old_size - 1, sn = new_size - 1;
  while ((fn & 1U) == 1U) {
    fn >>= 1U;
    sn >>= 1U;
  }
  Hash fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash &c = path[i];
    if (sn == 0) return false;
    if ((fn & 1U) == 1U || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      if ((fn & 1U) == 0U) {
        while ((fn & 1U) == 0U && fn != 0) {
          fn >>= 1U;
          sn >>= 1U;
        }
      }
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1U;
    sn >>= 1U;
  }
  return sn == 0 && fr == old_root && sr == new_root;
}

void CompactRange::append(const Hash &leaf) {
  Hash carry = leaf;
  // Merge equal-sized subtrees: one merge per trailing one bit of the old size.
  for (std::uint64_t size = size_; (size & 1U) == 1U; size >>= 1U) {
    carry = node_hash(peaks_.back(), carry);
    peaks_.pop_back();
  }
  peaks_.push_back(carry);
  ++size_;
}

Hash CompactRange::root() const {
  if (peaks_.empty()) return empty_tree_hash();
  Hash root = peaks_.back();
  for (auto peak = peaks_.rbegin() + 1; peak != peaks_.rend(); ++peak) root = node_hash(*peak, root);
  return root;
}

std::vector<unsigned char> CompactRange::serialize() const {
  std::vector<unsigned char> out(8);
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<unsigned char>(size_ >> (8U * static_cast<unsigned>(i)));
  for (const Hash &peak : peaks_) out.insert(out.end(), peak.begin(), peak.end());
  return out;
}

bool CompactRange::deserialize(std::span<const unsigned char> bytes, CompactRange &out) {
  if (bytes.size() < 8 || (bytes.size() - 8) % 32 != 0) return false;
  CompactRange range;
  for (int i = 7; i >= 0; --i) range.size_ = (range.size_ << 8U) | bytes[static_cast<std::size_t>(i)];
  if (static_cast<std::size_t>(std::popcount(range.size_)) != (bytes.size() - 8) / 32) return false;
  for (std::size_t offset = 8; offset < bytes.size(); offset += 32) {
    Hash peak{};
    std::memcpy(peak.data(), bytes.data() + offset, 32);
    range.peaks_.push_back(peak);
  }
  out = std::move(range);
  return true;
}

} // namespace handleguard::audit
