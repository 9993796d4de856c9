#include "audit_recording.hpp"

#include "audit/audit_config.hpp"
#include "audit/host_audit.hpp"
#include "policy/policy_source.hpp"
#include "signing/policy_gate.hpp"

namespace handleguard::cli {

namespace {
std::string but(const std::string &done) { return done.empty() ? "" : done + ", but "; }
} // namespace

std::shared_ptr<const rules::RuleEngine> policy_in_force(const Context &context, std::string *why) {
  auto gate = std::make_shared<const signing::PolicyGate>(signing::load_trust(context.paths), context.paths.policy_serial_file());
  const policy::PolicySource source(context.paths.policy_file(), gate);
  auto engine = source.engine();
  if (!engine && why != nullptr) *why = source.status().error;
  return engine;
}

CliAuditLog::CliAuditLog(const Context &context, const std::string &done) {
  auto store = audit::AuditStore::open(context.paths);
  if (!store) throw CliError(exit_code::cant_create, but(done) + "the audit log cannot be opened: " + store.error());
  store_ = std::move(*store);
  if (auto config = audit::load_audit_config(context.paths)) {
    const auto engine = policy_in_force(context);
    forwarder_ = std::make_unique<audit::Forwarder>(audit::effective_audit_config(*config, engine.get()), *store_);
    forwarder_->attach(*store_);
  }
}

CliAuditLog::~CliAuditLog() {
  store_->set_commit_listener(nullptr);
  forwarder_.reset(); // waits for the syslog messages and response commands (bounded by their timeouts)
}

void CliAuditLog::record(const audit::Event &event, const std::string &done) {
  if (!store_->record(event)) {
    throw CliError(exit_code::cant_create, but(done) + "recording it in the audit log failed: " + store_->last_error());
  }
}

void CliAuditLog::record_all(std::vector<audit::Event> events, const std::string &done) {
  if (!store_->record_all_owned(std::move(events))) {
    throw CliError(exit_code::cant_create, but(done) + "recording them in the audit log failed (none is recorded): " + store_->last_error());
  }
}

void record_cli_event(const Context &context, const audit::Event &event, const std::string &done) {
  CliAuditLog audit_log(context, done);
  audit_log.record(event, done);
}

} // namespace handleguard::cli
