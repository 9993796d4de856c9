#include "policy/lexicon_file.hpp"

#include <array>

#include <sodium.h>

#include "text/lexicon.hpp"
#include "util/atomic_file.hpp"
#include "util/utf.hpp"

namespace handleguard::policy {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return {hex.data(), crypto_hash_sha256_BYTES * 2};
}

std::expected<text::Lexicon, std::string> read_pinned_lexicon(const std::filesystem::path &path,
                                                                        std::string_view expected_hex) {
  auto content = util::read_file(path, 16U << 20U);
  if (!content) return std::unexpected(content.error());
  const std::string actual = sha256_hex(*content);
  std::string expected(expected_hex);
  for (char &c : expected) c = (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
  if (actual != expected) {
    return std::unexpected(path.string() + " has SHA-256 " + actual + ", but the policy pins " + std::string(expected_hex) +
                           ": the list changed since the policy was written (update the hash if the change is intended)");
  }
  if (!util::is_valid_utf8(*content)) return std::unexpected(path.string() + " is not valid UTF-8");
  auto lexicon = text::parse_lexicon(*content);
  if (!lexicon) return std::unexpected(text::describe(lexicon.error(), path.string()));
  return std::move(*lexicon);
}

} // namespace handleguard::policy
