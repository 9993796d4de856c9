#pragma once
// Writes a `heartbeat` event every `interval` while the host runs, so a guard that was disabled
// shows in the trail as silence rather than as nothing at all.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "audit/event_sink.hpp"

namespace handleguard::audit {

class Heartbeat {
public:
  Heartbeat(EventSink &events, std::chrono::seconds interval) : events_(events), interval_(interval) {
    thread_ = std::thread([this] { run(); });
  }
  ~Heartbeat() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  Heartbeat(const Heartbeat &) = delete;
  Heartbeat &operator=(const Heartbeat &) = delete;

private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
      lock.unlock();
      events_.enqueue({"heartbeat", nlohmann::json::object({{"interval_seconds", interval_.count()}})});
      (void)events_.flush();
      lock.lock();
    }
  }
  EventSink &events_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace handleguard::audit
