#include "audit/forwarder.hpp"

#include <boost/process.hpp>
#include <csignal>
#include "util/json_fields.hpp"

namespace handleguard::audit {

using nlohmann::json;
namespace bp = boost::process;

namespace {
constexpr std::size_t max_queue = 10'000; // beyond this a dead collector costs memory, not posts

int severity_of(const json &event) {
  const std::string type = util::string_or(event, "type");
  if (type == "host_error" || type == "response_failed") return 3;                          // error
  if (type == "override" || type == "lockdown" || util::string_or(event, "verdict") == "block") return 4; // warning
  if (type == "heartbeat" || type == "identify") return 7;                                     // debug
  return 6;                                                                                   // info
}

std::string sd_value(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\' || c == ']') out += '\\';
    out += c;
  }
  return out;
}
} // namespace

bool command_matches(const ResponseCommand &command, const json &event) {
  const std::string type = util::string_or(event, "type");
  if (type == "response_failed") return false; // never a loop of failures
  for (const auto &name : command.on) {
    if (name == type) return true;
    if (name == "block" && type == "verdict" && util::string_or(event, "verdict") == "block") return true;
  }
  return false;
}

std::string run_response_command(const ResponseCommand &command, const std::string &event_json) {
  try {
    bp::opstream input;
    std::vector<std::string> args(command.argv.begin() + 1, command.argv.end());
    bp::child child(bp::exe = command.argv.front(), bp::args = args, bp::std_in < input, bp::std_out > bp::null,
                    bp::std_err > bp::null);
    input << event_json << "\n";
    input.flush();
    input.pipe().close();
    if (!child.wait_for(command.timeout)) {
      child.terminate();
      return "timed out after " + std::to_string(command.timeout.count()) + " ms and was killed";
    }
    if (child.exit_code() != 0) return "exited with status " + std::to_string(child.exit_code());
    return {};
  } catch (const std::exception &error) {
    return std::string("could not be started: ") + error.what();
  }
}

Forwarder::Forwarder(AuditConfig config, EventSink &failures) : failures_(failures) {
  reconfigure(std::move(config));
  // Both threads always run (idle they cost nothing), so a policy that adds a collector or a
  // command later needs no restart.
  forward_thread_ = std::thread([this] { forward_loop(); });
  command_thread_ = std::thread([this] { command_loop(); });
}

Forwarder::~Forwarder() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (forward_thread_.joinable()) forward_thread_.join();
  if (command_thread_.joinable()) command_thread_.join();
}

void Forwarder::reconfigure(AuditConfig config) {
  // A command that exits without reading its stdin must not kill the host with SIGPIPE: the
  // failed write is reported as an error instead.
  if (!config.commands.empty()) std::signal(SIGPIPE, SIG_IGN);
  auto settings = std::make_shared<Settings>();
  if (config.syslog) settings->syslog = std::make_shared<SyslogSender>(*config.syslog); // connects on first send
  settings->config = std::move(config);
  const std::lock_guard lock(mutex_);
  settings_ = std::move(settings);
}

void Forwarder::attach(AuditStore &store) {
  store.set_commit_listener(
      [this](const std::vector<StoredEntry> &entries, const std::string &note) { on_commit(entries, note); });
}

void Forwarder::on_commit(const std::vector<StoredEntry> &entries, const std::string &checkpoint_note) {
  {
    const std::lock_guard lock(mutex_);
    const auto &settings = settings_;
    const auto &commands = settings->config.commands;
    for (const auto &entry : entries) {
      if (settings->syslog && forward_queue_.size() < max_queue) forward_queue_.push_back({settings, entry.body, {}});
      if (commands.empty()) continue;
      const json event = json::parse(entry.body, nullptr, false);
      for (std::size_t i = 0; i < commands.size(); ++i) {
        if (command_matches(commands[i], event) && command_queue_.size() < max_queue) command_queue_.push_back({settings, i, entry.body});
      }
    }
    if (settings->syslog && !checkpoint_note.empty()) forward_queue_.push_back({settings, {}, checkpoint_note});
  }
  wake_.notify_all();
}

void Forwarder::forward_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !forward_queue_.empty(); });
    if (forward_queue_.empty()) return; // stopping, and everything was sent
    Job job = std::move(forward_queue_.front());
    forward_queue_.pop_front();
    lock.unlock();
    const SyslogTarget &target = *job.settings->config.syslog;
    std::string message;
    if (job.body.empty()) {
      message = format_syslog_message(target, 6, "checkpoint", "-", json({{"checkpoint", job.note}}).dump());
    } else {
      const json event = json::parse(job.body, nullptr, false);
      const std::string type = util::string_or(event, "type", "event");
      const std::string sd = "[handleguard@32473 seq=\"" +
                             (event.is_object() && event.contains("seq") ? event.at("seq").dump() : std::string("-")) +
                             "\" user=\"" + sd_value(util::string_or(event, "os_user")) + "\"]";
      message = format_syslog_message(target, event.is_object() ? severity_of(event) : 6, type, sd, job.body);
    }
    // Only this thread sends, so one sender is never used by two threads at once.
    (void)job.settings->syslog->send(message); // a lost message is covered by the next checkpoint and the local log
    lock.lock();
  }
}

void Forwarder::command_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !command_queue_.empty(); });
    if (command_queue_.empty()) return;
    CommandJob job = std::move(command_queue_.front());
    command_queue_.pop_front();
    lock.unlock();
    const ResponseCommand &command = job.settings->config.commands[job.command];
    if (const std::string failure = run_response_command(command, job.body); !failure.empty()) {
      const json event = json::parse(job.body, nullptr, false);
      failures_.enqueue({"response_failed",
                         {{"command", command.argv.front()},
                          {"error", failure},
                          {"event_seq", event.is_object() ? event.value("seq", json(nullptr)) : json(nullptr)}}});
      (void)failures_.flush();
    }
    lock.lock();
  }
}

} // namespace handleguard::audit
