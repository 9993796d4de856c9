#pragma once
// Memory for secrets: allocated with sodium_malloc (guard pages, locked), wiped when freed.
#include <cstddef>
#include <new>
#include <span>

#include <sodium.h>

namespace handleguard::signing {

// Calls sodium_init() once; returns false when libsodium cannot be used (then nothing is signed).
[[nodiscard]] bool sodium_ready();

class SecretBytes {
public:
  explicit SecretBytes(std::size_t size)
      : data_(sodium_ready() ? static_cast<unsigned char *>(sodium_malloc(size)) : nullptr), size_(size) {
    if (data_ == nullptr) throw std::bad_alloc();
  }
  ~SecretBytes() { sodium_free(data_); }
  SecretBytes(const SecretBytes &) = delete;
  SecretBytes &operator=(const SecretBytes &) = delete;

  [[nodiscard]] unsigned char *data() { return data_; }
  [[nodiscard]] const unsigned char *data() const { return data_; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::span<const unsigned char> bytes() const { return {data_, size_}; }

private:
  unsigned char *data_;
  std::size_t size_;
};

} // namespace handleguard::signing
