#include "audit/syslog_sender.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "audit/audit_store.hpp"

namespace handleguard::audit {

namespace {
std::string timestamp_now() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto day = floor<days>(now);
  const year_month_day date{day};
  const hh_mm_ss clock{floor<microseconds>(now - day)};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%06ldZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()),
                static_cast<long>(clock.seconds().count()), static_cast<long>(clock.subseconds().count()));
  return buffer;
}

// Header fields are PRINTUSASCII without spaces (RFC 5424 §6); anything else becomes '_'.
std::string header_field(std::string_view value, std::size_t max_length) {
  std::string out;
  for (const char c : value.substr(0, max_length)) out += (c > 32 && c < 127) ? c : '_';
  return out.empty() ? "-" : out;
}
} // namespace

std::string format_syslog_message(const SyslogTarget &target, int severity, std::string_view msgid,
                                  std::string_view structured_data, std::string_view message) {
  return "<" + std::to_string(target.facility * 8 + severity) + ">1 " + timestamp_now() + " " +
         header_field(workstation_name(), 255) + " " + header_field(target.app_name, 48) + " " +
         std::to_string(::getpid()) + " " + header_field(msgid, 32) + " " +
         (structured_data.empty() ? std::string("-") : std::string(structured_data)) + " " + std::string(message);
}

SyslogSender::~SyslogSender() {
  if (fd_ >= 0) ::close(fd_);
}

bool SyslogSender::connect() {
  if (fd_ >= 0) return true;
  if (target_.transport == SyslogTransport::unix_socket) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (target_.address.size() >= sizeof address.sun_path) {
      last_error_ = "socket path too long: " + target_.address;
      return false;
    }
    std::memcpy(address.sun_path, target_.address.c_str(), target_.address.size() + 1);
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) return true;
  } else {
    const auto colon = target_.address.rfind(':');
    std::string host = target_.address.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string port = target_.address.substr(colon + 1);
    addrinfo hints{};
    hints.ai_socktype = target_.transport == SyslogTransport::udp ? SOCK_DGRAM : SOCK_STREAM;
    addrinfo *found = nullptr;
    if (const int status = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); status != 0) {
      last_error_ = "cannot resolve " + target_.address + ": " + ::gai_strerror(status);
      return false;
    }
    for (addrinfo *candidate = found; candidate != nullptr; candidate = candidate->ai_next) {
      fd_ = ::socket(candidate->ai_family, candidate->ai_socktype | SOCK_CLOEXEC, candidate->ai_protocol);
      if (fd_ < 0) continue;
      const timeval timeout{2, 0};
      ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
      if (::connect(fd_, candidate->ai_addr, candidate->ai_addrlen) == 0) break;
      ::close(fd_);
      fd_ = -1;
    }
    ::freeaddrinfo(found);
    if (fd_ >= 0) return true;
  }
  last_error_ = "cannot reach the syslog collector at " + target_.address + ": " + std::strerror(errno);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  return false;
}

bool SyslogSender::send(const std::string &formatted) {
  // TCP frames each message by its length (RFC 6587 octet counting), so newlines inside are safe.
  const std::string wire = target_.transport == SyslogTransport::tcp
                               ? std::to_string(formatted.size()) + " " + formatted
                               : formatted;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!connect()) return false;
    std::string_view rest = wire;
    bool failed = false;
    while (!rest.empty()) {
      const ssize_t sent = ::send(fd_, rest.data(), rest.size(), MSG_NOSIGNAL);
      if (sent < 0 && errno == EINTR) continue;
      if (sent <= 0) {
        failed = true;
        break;
      }
      if (target_.transport != SyslogTransport::tcp) break; // datagrams go whole or not at all
      rest.remove_prefix(static_cast<std::size_t>(sent));
    }
    if (!failed) return true;
    last_error_ = "sending to the syslog collector at " + target_.address + " failed: " + std::strerror(errno);
    ::close(fd_); // reconnect once: the collector may have restarted
    fd_ = -1;
  }
  return false;
}

} // namespace handleguard::audit
