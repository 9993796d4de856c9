#include "signing/encoding.hpp"

#include <sodium.h>

#include "signing/secret_bytes.hpp"

namespace handleguard::signing {

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string to_base64(std::span<const unsigned char> bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1); // the terminating NUL
  return out;
}

std::optional<std::vector<unsigned char>> from_base64(std::string_view text) {
  std::vector<unsigned char> out(text.size() / 4 * 3 + 3);
  std::size_t length = 0;
  const char *end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  // Only the canonical spelling: unused low bits set in the last character would otherwise
  // let a stored signature or hash be edited without changing what it decodes to.
  if (to_base64(out) != text) return std::nullopt;
  return out;
}

std::string to_hex(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

std::optional<std::vector<unsigned char>> from_hex(std::string_view text) {
  // sodium_hex2bin requires a non-null output buffer, which an empty vector does not have.
  if (text.empty()) return std::vector<unsigned char>{};
  std::vector<unsigned char> out(text.size() / 2);
  std::size_t length = 0;
  const char *end = nullptr;
  if (text.size() % 2 != 0 ||
      sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

} // namespace handleguard::signing
