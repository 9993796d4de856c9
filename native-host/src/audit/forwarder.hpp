#pragma once
// Hands committed events on, off the guard's path: each event and each checkpoint to the syslog
// collector, and matching events to the response commands (Boost.Process, argument vector, the
// event JSON on stdin, a timeout). Runs on its own threads, so a slow collector or command never
// delays a verdict; a command that fails or times out is recorded as a `response_failed` event.
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_config.hpp"
#include "audit/audit_store.hpp"
#include "audit/syslog_sender.hpp"

namespace handleguard::audit {

// Runs `command` with `event_json` on its stdin; returns "" on exit status 0, else why not.
[[nodiscard]] std::string run_response_command(const ResponseCommand &command, const std::string &event_json);
// Whether `command` is for this stored event body ("block" matches verdicts that block).
[[nodiscard]] bool command_matches(const ResponseCommand &command, const nlohmann::json &event);

class Forwarder {
public:
  // `failures` receives response_failed events (usually the store the forwarder listens to).
  Forwarder(AuditConfig config, EventSink &failures);
  ~Forwarder(); // sends what is queued (bounded by the timeouts), then stops
  Forwarder(const Forwarder &) = delete;
  Forwarder &operator=(const Forwarder &) = delete;

  // The commit listener: only queues.
  void on_commit(const std::vector<StoredEntry> &entries, const std::string &checkpoint_note);
  // Installs on_commit as `store`'s listener.
  void attach(AuditStore &store);
  // Uses `config` for what is committed from now on (the policy's settings changed); what is
  // queued goes out as it was configured.
  void reconfigure(AuditConfig config);

private:
  struct Settings {
    AuditConfig config;
    std::shared_ptr<SyslogSender> syslog; // null when no collector is set
  };
  struct Job {
    std::shared_ptr<const Settings> settings;
    std::string body; // an entry's JSON, or empty for a checkpoint
    std::string note; // checkpoint note, when body is empty
  };
  struct CommandJob {
    std::shared_ptr<const Settings> settings;
    std::size_t command = 0;
    std::string body; // the event JSON
  };
  void forward_loop();
  void command_loop();

  EventSink &failures_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::shared_ptr<const Settings> settings_;
  std::deque<Job> forward_queue_;
  std::deque<CommandJob> command_queue_;
  bool stopping_ = false;
  std::thread forward_thread_, command_thread_;
};

} // namespace handleguard::audit
