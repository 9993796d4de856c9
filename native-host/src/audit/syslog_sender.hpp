#pragma once
// Sends RFC 5424 syslog messages to a collector over a local socket (datagram), UDP, or TCP
// (RFC 6587 octet counting). Sending never blocks the guard for long: a collector that is down
// costs one short connect attempt per message, and the message is dropped (the local log keeps
// it, and the next checkpoint covers it).
#include <string>
#include <string_view>

#include "audit/audit_config.hpp"

namespace handleguard::audit {

// "<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [handleguard@32473 ...] MSG"
[[nodiscard]] std::string format_syslog_message(const SyslogTarget &target, int severity, std::string_view msgid,
                                                std::string_view structured_data, std::string_view message);

class SyslogSender {
public:
  explicit SyslogSender(SyslogTarget target) : target_(std::move(target)) {}
  ~SyslogSender();
  SyslogSender(const SyslogSender &) = delete;
  SyslogSender &operator=(const SyslogSender &) = delete;

  // Returns false (with last_error()) when the message could not be handed to the collector.
  bool send(const std::string &formatted);
  [[nodiscard]] const std::string &last_error() const { return last_error_; }

private:
  bool connect();
  SyslogTarget target_;
  int fd_ = -1;
  std::string last_error_;
};

} // namespace handleguard::audit
