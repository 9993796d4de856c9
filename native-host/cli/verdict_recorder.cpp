#include "verdict_recorder.hpp"

#include <nlohmann/json.hpp>

#include "rules/verdict_log.hpp"

namespace handleguard::cli {

namespace {
// Bounds of a group: a host claiming a post waits for the counters' lock, at most 10 s (then it
// holds the post); a group never keeps it near that.
constexpr std::size_t group_rows = 1000;
constexpr auto group_time = std::chrono::milliseconds(200);

audit::Event verdict_event(const rules::RuleEngine &engine, const rules::Verdict &verdict, const std::string &check_id,
                           const rules::Draft &draft) {
  nlohmann::json rule_ids = nlohmann::json::array();
  for (const auto &violation : verdict.violations) rule_ids.push_back(violation.rule_id);
  const nlohmann::json json_verdict = rules::to_json(verdict);
  nlohmann::json fields = {{"check_id", check_id},
                           {"account", draft.handle},
                           {"user_id", draft.user_id},
                           {"action", draft.action},
                           {"verdict", rules::to_string(verdict.decision)},
                           {"rules", std::move(rule_ids)},
                           {"staff", json_verdict.contains("staff") && json_verdict.at("staff").is_object()
                                         ? json_verdict.at("staff").value("id", nlohmann::json(nullptr))
                                         : nlohmann::json(nullptr)},
                           {"policy_serial", engine.policy().serial},
                           {"source", "cli"},
                           {"text", draft.text}};
  if (engine.policy().audit.post_text == policy::PostTextMode::full) fields["post_text"] = draft.text;
  return {"verdict", std::move(fields)};
}
} // namespace

VerdictRecorder::VerdictRecorder(const Context &context, rules::Guard &guard) : audit_log_(context, ""), guard_(guard) {}

VerdictRecorder::~VerdictRecorder() {
  if (!counting_) return;
  if (auto ledger = guard_.ledger()) (*ledger)->abandon_batch();
}

void VerdictRecorder::add(const rules::RuleEngine &engine, const rules::Verdict &verdict, const rules::Draft &draft) {
  if (events_.empty()) started_ = std::chrono::steady_clock::now();
  const std::string check_id = "cli-" + rules::new_check_id();
  events_.push_back(verdict_event(engine, verdict, check_id, draft));
  if (verdict.decision == rules::Decision::block || verdict.identity.account == nullptr) return;
  auto ledger = guard_.ledger();
  if (!ledger) throw CliError(exit_code::cant_create, "cannot record: " + ledger.error());
  if (!counting_) {
    if (auto begun = (*ledger)->begin_batch(); !begun) throw CliError(exit_code::cant_create, "cannot record: " + begun.error());
    counting_ = true;
  }
  const auto action = policy::parse_action(draft.action).value_or(policy::Action::post);
  auto claimed = (*ledger)->claim(check_id, verdict.identity.account->handle, action, verdict.at,
                                  engine.rate_rules(*verdict.identity.account, action));
  if (!claimed) throw CliError(exit_code::cant_create, "cannot record: " + claimed.error());
}

bool VerdictRecorder::group_due() const {
  return events_.size() >= group_rows || (!events_.empty() && std::chrono::steady_clock::now() - started_ >= group_time);
}

void VerdictRecorder::commit(const std::string &what) {
  if (events_.empty()) return;
  try {
    audit_log_.record_all(std::move(events_), what + ": judged");
  } catch (const CliError &) {
    events_.clear();
    if (auto ledger = guard_.ledger(); ledger && counting_) (*ledger)->abandon_batch();
    counting_ = false;
    throw;
  }
  events_.clear();
  if (!counting_) return;
  counting_ = false;
  auto ledger = guard_.ledger(); // opened by add() already
  const auto committed = ledger ? (*ledger)->commit_batch() : std::expected<void, std::string>(std::unexpected(ledger.error()));
  if (!committed) {
    throw CliError(exit_code::cant_create, what + ": recorded in the audit log, but counting toward rate limits failed: " +
                                               committed.error());
  }
}

} // namespace handleguard::cli
