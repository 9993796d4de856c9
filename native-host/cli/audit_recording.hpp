#pragma once
// Events the CLI writes to the audit log (`lockdown`, `work-as`, `check --record`), forwarded and
// answered by response commands (audit.json and the signed policy's `audit` section) before the
// CLI exits.
#include <memory>
#include <string>
#include <vector>

#include "audit/audit_store.hpp"
#include "audit/forwarder.hpp"
#include "cli_support.hpp"
#include "rules/engine.hpp"

namespace handleguard::cli {

// The policy as the host would enforce it (signature, rollback and expiry checked), or null;
// then `why`, when given, says why there is none.
[[nodiscard]] std::shared_ptr<const rules::RuleEngine> policy_in_force(const Context &context, std::string *why = nullptr);

class CliAuditLog {
public:
  // Opens the log; throws CliError saying "`done`, but ..." when it cannot.
  CliAuditLog(const Context &context, const std::string &done);
  ~CliAuditLog(); // forwards what was recorded and runs the response commands
  CliAuditLog(const CliAuditLog &) = delete;
  CliAuditLog &operator=(const CliAuditLog &) = delete;

  // Records `event` durably; throws CliError ("`done`, but ...") when it cannot.
  void record(const audit::Event &event, const std::string &done);
  // Records `events` durably in one commit, or none of them; throws as record() does.
  void record_all(std::vector<audit::Event> events, const std::string &done);

private:
  std::unique_ptr<audit::AuditStore> store_;
  std::unique_ptr<audit::Forwarder> forwarder_;
};

// Records one event (see CliAuditLog).
void record_cli_event(const Context &context, const audit::Event &event, const std::string &done);

} // namespace handleguard::cli
