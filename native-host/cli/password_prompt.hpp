#pragma once
// Reads a secret key's password: from the terminal without echo, or, when standard input is
// not a terminal, its first line (so scripts and tests can pipe it, as with minisign).
#include <memory>
#include <string_view>

#include "signing/secret_bytes.hpp"

namespace handleguard::cli {

struct Password {
  std::unique_ptr<signing::SecretBytes> buffer;
  std::size_t length = 0;
  [[nodiscard]] std::string_view text() const {
    return {reinterpret_cast<const char *>(buffer->data()), length};
  }
};

// Asks with `prompt` on stderr; with `confirm`, asks twice on a terminal and fails on a mismatch.
[[nodiscard]] Password read_password(std::string_view prompt, bool confirm);

} // namespace handleguard::cli
