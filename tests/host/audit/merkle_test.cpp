// RFC 6962 tree hashes and proofs, checked against the RFC 6962 reference vectors (published
// with Certificate Transparency) and against a second, level-by-level implementation written
// here; then every proof is mutated (each byte flipped, wrong sizes, truncated, extended) and
// must fail.
#include "audit/merkle.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include "signing/encoding.hpp"
#include "signing/minisign.hpp"

namespace handleguard::audit {
namespace {

std::string hex(const Hash &hash) { return signing::to_hex(hash); }

std::vector<std::string> reference_inputs() {
  std::vector<std::string> out;
  for (const char *text : {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"}) {
    const auto bytes = signing::from_hex(text).value();
    out.emplace_back(bytes.begin(), bytes.end());
  }
  return out;
}

std::vector<Hash> leaves_of(const std::vector<std::string> &inputs) {
  std::vector<Hash> leaves;
  for (const auto &input : inputs) leaves.push_back(leaf_hash(signing::as_bytes(input)));
  return leaves;
}

std::vector<Hash> numbered_leaves(std::size_t count) {
  std::vector<std::string> inputs;
  for (std::size_t i = 0; i < count; ++i) inputs.push_back("entry " + std::to_string(i));
  return leaves_of(inputs);
}

// The second implementation: hash level by level, carrying an unpaired last node up unchanged
// (which is what RFC 6962's split at the largest power of two amounts to), with SHA-256 called
// directly here.
Hash sha256_of(std::initializer_list<std::span<const unsigned char>> parts) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (const auto part : parts) crypto_hash_sha256_update(&state, part.data(), part.size());
  Hash out{};
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

std::vector<Hash> next_level(const std::vector<Hash> &level) {
  std::vector<Hash> up;
  const unsigned char one = 0x01;
  for (std::size_t i = 0; i + 1 < level.size(); i += 2) up.push_back(sha256_of({{&one, 1}, level[i], level[i + 1]}));
  if (level.size() % 2 == 1) up.push_back(level.back());
  return up;
}

Hash levelled_root(std::vector<Hash> level) {
  if (level.empty()) return sha256_of({});
  while (level.size() > 1) level = next_level(level);
  return level[0];
}

std::vector<Hash> levelled_inclusion(std::vector<Hash> level, std::size_t index) {
  std::vector<Hash> proof;
  while (level.size() > 1) {
    const std::size_t sibling = index ^ 1U;
    if (sibling < level.size()) proof.push_back(level[sibling]);
    level = next_level(level);
    index /= 2;
  }
  return proof;
}

TEST(Merkle, RootsMatchTheRfc6962ReferenceVectors) {
  const char *expected[] = {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  const auto leaves = leaves_of(reference_inputs());
  for (std::size_t size = 1; size <= 8; ++size) {
    EXPECT_EQ(hex(tree_root(std::span(leaves).first(size))), expected[size - 1]) << size;
  }
  EXPECT_EQ(hex(empty_tree_hash()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Merkle, ProofsMatchTheReferenceVectors) {
  const auto leaves = leaves_of(reference_inputs());
  const auto path0 = inclusion_proof(leaves, 0);
  ASSERT_EQ(path0.size(), 3U);
  EXPECT_EQ(hex(path0[0]), "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
  EXPECT_EQ(hex(path0[1]), "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e");
  EXPECT_EQ(hex(path0[2]), "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
  const auto path5 = inclusion_proof(leaves, 5);
  ASSERT_EQ(path5.size(), 3U);
  EXPECT_EQ(hex(path5[0]), "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
  EXPECT_EQ(hex(path5[1]), "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0");
  EXPECT_EQ(hex(path5[2]), "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
  const auto consistency = consistency_proof(leaves, 3);
  ASSERT_EQ(consistency.size(), 4U);
  EXPECT_EQ(hex(consistency[0]), "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7");
  EXPECT_EQ(hex(consistency[1]), "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7");
  EXPECT_EQ(hex(consistency[2]), "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
  EXPECT_EQ(hex(consistency[3]), "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
}

TEST(Merkle, RootsAndInclusionProofsAgreeWithTheLevelledImplementation) {
  for (std::size_t size = 0; size <= 70; ++size) {
    const auto leaves = numbered_leaves(size);
    EXPECT_EQ(tree_root(leaves), levelled_root(leaves)) << size;
    CompactRange range;
    for (const auto &leaf : leaves) range.append(leaf);
    EXPECT_EQ(range.root(), levelled_root(leaves)) << size;
    for (std::size_t index = 0; index < size; ++index) {
      EXPECT_EQ(inclusion_proof(leaves, index), levelled_inclusion(leaves, index)) << size << "/" << index;
    }
  }
}

TEST(Merkle, CompactRangeSurvivesSerialisationAndRefusesGarbage) {
  CompactRange range;
  for (const auto &leaf : numbered_leaves(13)) range.append(leaf);
  CompactRange copy;
  ASSERT_TRUE(CompactRange::deserialize(range.serialize(), copy));
  EXPECT_EQ(copy.root(), range.root());
  auto bytes = range.serialize();
  bytes.pop_back();
  EXPECT_FALSE(CompactRange::deserialize(bytes, copy));
  bytes = range.serialize();
  bytes[0] = 16; // size 16 has 1 peak, not 3
  EXPECT_FALSE(CompactRange::deserialize(bytes, copy));
}

TEST(Merkle, EveryInclusionProofVerifiesAndEveryMutationFails) {
  for (std::uint64_t size = 1; size <= 24; ++size) {
    const auto leaves = numbered_leaves(size);
    const Hash root = tree_root(leaves);
    for (std::uint64_t index = 0; index < size; ++index) {
      const auto proof = inclusion_proof(leaves, index);
      ASSERT_TRUE(verify_inclusion(index, size, leaves[index], proof, root)) << size << "/" << index;
      for (std::size_t h = 0; h < proof.size(); ++h) {
        for (std::size_t byte = 0; byte < 32; ++byte) {
          auto mutated = proof;
          mutated[h][byte] ^= 0x01;
          EXPECT_FALSE(verify_inclusion(index, size, leaves[index], mutated, root));
        }
      }
      if (!proof.empty()) {
        EXPECT_FALSE(verify_inclusion(index, size, leaves[index], std::span(proof).first(proof.size() - 1), root));
      }
      auto extended = proof;
      extended.push_back(root);
      EXPECT_FALSE(verify_inclusion(index, size, leaves[index], extended, root));
      // A wrong size, with the root of that size (as a checkpoint pairs them), must fail.
      const auto longer = numbered_leaves(size + 1);
      EXPECT_FALSE(verify_inclusion(index, size + 1, leaves[index], proof, tree_root(longer)));
      if (index + 1 < size) {
        EXPECT_FALSE(verify_inclusion(index, size - 1, leaves[index], proof, tree_root(std::span(leaves).first(size - 1))));
      }
      EXPECT_FALSE(verify_inclusion(size, size, leaves[index], proof, root));
      if (size > 1) EXPECT_FALSE(verify_inclusion((index + 1) % size, size, leaves[index], proof, root));
      Hash other_leaf = leaves[index];
      other_leaf[0] ^= 0x80;
      EXPECT_FALSE(verify_inclusion(index, size, other_leaf, proof, root));
    }
  }
}

TEST(Merkle, EveryConsistencyProofVerifiesAndEveryMutationFails) {
  for (std::uint64_t new_size = 1; new_size <= 20; ++new_size) {
    const auto leaves = numbered_leaves(new_size);
    const Hash new_root = tree_root(leaves);
    for (std::uint64_t old_size = 1; old_size <= new_size; ++old_size) {
      const Hash old_root = tree_root(std::span(leaves).first(old_size));
      const auto proof = consistency_proof(leaves, old_size);
      ASSERT_TRUE(verify_consistency(old_size, new_size, old_root, new_root, proof)) << old_size << "->" << new_size;
      for (std::size_t h = 0; h < proof.size(); ++h) {
        for (std::size_t byte = 0; byte < 32; ++byte) {
          auto mutated = proof;
          mutated[h][byte] ^= 0x01;
          EXPECT_FALSE(verify_consistency(old_size, new_size, old_root, new_root, mutated));
        }
      }
      if (!proof.empty()) {
        EXPECT_FALSE(verify_consistency(old_size, new_size, old_root, new_root, std::span(proof).first(proof.size() - 1)));
        EXPECT_FALSE(verify_consistency(old_size, new_size, old_root, new_root, std::span(proof).subspan(1)));
      }
      auto extended = proof;
      extended.push_back(new_root);
      EXPECT_FALSE(verify_consistency(old_size, new_size, old_root, new_root, extended));
      // Wrong sizes, each with the root of that size (as checkpoints pair them), must fail.
      const auto longer = numbered_leaves(new_size + 1);
      EXPECT_FALSE(verify_consistency(old_size, new_size + 1, old_root, tree_root(longer), proof));
      if (old_size < new_size) {
        EXPECT_FALSE(verify_consistency(old_size + 1, new_size, tree_root(std::span(leaves).first(old_size + 1)), new_root, proof));
        if (old_size > 1) {
          EXPECT_FALSE(verify_consistency(old_size - 1, new_size, tree_root(std::span(leaves).first(old_size - 1)), new_root, proof));
        }
        EXPECT_FALSE(verify_consistency(old_size, new_size - 1, old_root, tree_root(std::span(leaves).first(new_size - 1)), proof));
      }
      Hash wrong_old = old_root;
      wrong_old[31] ^= 0x01;
      EXPECT_FALSE(verify_consistency(old_size, new_size, wrong_old, new_root, proof));
      Hash wrong_new = new_root;
      wrong_new[0] ^= 0x01;
      EXPECT_FALSE(verify_consistency(old_size, new_size, old_root, wrong_new, proof));
    }
  }
}

} // namespace
} // namespace handleguard::audit
