#pragma once
// RFC 6962 (and RFC 9162 §2.1) Merkle tree hashing: leaf and node hashes, roots, inclusion and
// consistency proofs and their verification. Knows nothing of handleguard's events.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace handleguard::audit {

using Hash = std::array<unsigned char, 32>;

[[nodiscard]] Hash leaf_hash(std::span<const unsigned char> entry);   // SHA-256(0x00 || entry)
[[nodiscard]] Hash node_hash(const Hash &left, const Hash &right);     // SHA-256(0x01 || left || right)
[[nodiscard]] Hash empty_tree_hash();                                  // SHA-256("")

// MTH over `leaves` (already leaf hashes).
[[nodiscard]] Hash tree_root(std::span<const Hash> leaves);
// PATH(index, leaves): the audit path of leaf `index`.
[[nodiscard]] std::vector<Hash> inclusion_proof(std::span<const Hash> leaves, std::uint64_t index);
// PROOF(old_size, leaves): shows the first `old_size` leaves are a prefix of `leaves`.
[[nodiscard]] std::vector<Hash> consistency_proof(std::span<const Hash> leaves, std::uint64_t old_size);

[[nodiscard]] bool verify_inclusion(std::uint64_t index, std::uint64_t size, const Hash &leaf,
                                    std::span<const Hash> proof, const Hash &root);
[[nodiscard]] bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Hash &old_root,
                                      const Hash &new_root, std::span<const Hash> proof);

// Appends leaves one at a time keeping only the roots of the perfect subtrees (at most 64),
// so a log's root is extended in O(log n) per entry. Serialisable, so several processes can
// continue one tree from the store.
class CompactRange {
public:
  void append(const Hash &leaf);
  [[nodiscard]] Hash root() const;
  [[nodiscard]] std::uint64_t size() const { return size_; }
  [[nodiscard]] std::vector<unsigned char> serialize() const;
  [[nodiscard]] static bool deserialize(std::span<const unsigned char> bytes, CompactRange &out);

private:
  std::uint64_t size_ = 0;
  std::vector<Hash> peaks_; // left to right, largest subtree first
};

} // namespace handleguard::audit
