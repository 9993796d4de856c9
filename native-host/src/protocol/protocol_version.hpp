#pragma once

namespace handleguard::protocol {
// Raised when a message changes incompatibly; the extension refuses a host it does not know.
inline constexpr int protocol_version = 1;
} // namespace handleguard::protocol
