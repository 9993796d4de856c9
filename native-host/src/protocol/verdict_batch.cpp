#include "protocol/verdict_batch.hpp"

#include "protocol/audit_events.hpp"

namespace handleguard::protocol {

using nlohmann::json;

bool BatchingSink::record_owned(audit::Event event) {
  const bool verdict = event.type == "verdict";
  waiting_.push_back(std::move(event));
  if (verdict) {
    verdicts_waiting_ = true;
    return true;
  }
  return commit_with_waiting();
}

bool BatchingSink::record_all(const std::vector<audit::Event> &events) {
  waiting_.insert(waiting_.end(), events.begin(), events.end());
  return commit_with_waiting();
}

bool BatchingSink::commit_with_waiting() {
  const bool ok = store_.record_all_owned(std::move(waiting_));
  waiting_.clear(); // moved from: valid, and empty again
  if (!ok && verdicts_waiting_) lost_ = true;
  verdicts_waiting_ = false;
  return ok;
}

bool BatchingSink::commit_waiting() {
  bool ok = true;
  if (verdicts_waiting_) {
    ok = store_.record_all_owned(std::move(waiting_));
  } else {
    for (auto &event : waiting_) store_.enqueue_owned(std::move(event)); // nothing waits on them (identify, ...)
  }
  waiting_.clear(); // moved from: valid, and empty again
  if (!ok && verdicts_waiting_) lost_ = true;
  verdicts_waiting_ = false;
  return ok;
}

bool BatchingSink::settle() {
  const bool ok = commit_waiting() && !lost_;
  lost_ = false;
  return ok;
}

bool BatchingSink::flush() { return settle() && store_.flush(); }

namespace {
void hold_logged(rules::VerdictLog &verdicts, const std::string &check_id, std::vector<std::string> rules) {
  if (auto *entry = verdicts.find(check_id); entry != nullptr) {
    entry->decision = rules::Decision::block;
    entry->offer = {};
    entry->authorized = false;
    entry->rules = std::move(rules);
  }
}

void hold_unrecorded_tree(json &reply, rules::VerdictLog &verdicts) {
  if (!reply.is_object()) return;
  if (const auto posts = reply.find("posts"); posts != reply.end() && posts->is_array()) {
    for (auto &post : *posts) hold_unrecorded_tree(post, verdicts);
    reply["verdict"] = "block";
    return;
  }
  const auto found = reply.find("check_id");
  if (found == reply.end() || !found->is_string()) return; // not a verdict
  if (reply.value("verdict", std::string("block")) == "block") return; // held already
  const std::string check_id = found->get<std::string>();
  reply = hold_unrecorded_verdict(std::move(reply));
  hold_logged(verdicts, check_id, rule_ids(reply));
}
} // namespace

void hold_unrecorded_replies(Reply &reply, rules::VerdictLog &verdicts) {
  if (auto *tree = std::get_if<json>(&reply)) {
    hold_unrecorded_tree(*tree, verdicts);
    return;
  }
  auto &check = std::get<CheckReply>(reply);
  if (check.verdict.decision == rules::Decision::block) return; // held already
  hold_unrecorded(check.verdict);
  hold_logged(verdicts, check.check_id, rule_ids(check.verdict));
}

} // namespace handleguard::protocol
