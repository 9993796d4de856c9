// libFuzzer target: the bytes a browser could send, through the host's framing and dispatch.
// Checks what the protocol promises: every reply is whole JSON within the browser's limit,
// carries "ok", and a verdict is one of allow/warn/block.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/mman.h>
#include <unistd.h>

#include "audit/event_sink.hpp"
#include "policy/policy_source.hpp"
#include "protocol/dispatcher.hpp"
#include "protocol/framing.hpp"
#include "protocol/reply_size.hpp"
#include "rules/guard.hpp"

namespace {

using namespace handleguard;

policy::PolicySource *policy_source = nullptr;

// Takes every event and keeps none, but says it keeps them, so the events are built as the
// real store's would be (a NullEventSink lets the host skip building them).
class DiscardingStore final : public audit::EventSink {
public:
  [[nodiscard]] bool record(const audit::Event & /*event*/) override { return true; }
  void enqueue(const audit::Event & /*event*/) override {}
};

void check_reply(const std::string &reply) {
  if (reply.size() > protocol::max_reply_bytes) std::abort();
  const auto parsed = nlohmann::json::parse(reply, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("ok")) std::abort();
  const auto verdict = parsed.find("verdict");
  if (verdict != parsed.end() && *verdict != "allow" && *verdict != "warn" && *verdict != "block") std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int * /*argc*/, char *** /*argv*/) {
  const auto dir = std::filesystem::temp_directory_path() / ("handleguard-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "config");
  // The guard's state (work-as, counters, lockdowns) lives under HANDLEGUARD_HOME, as in the host.
  ::setenv("HANDLEGUARD_HOME", dir.c_str(), 1);
  std::ofstream(dir / "config" / "policy.json") << R"({"schema":1,"serial":3,"unknown_account":"warn","accounts":[
    {"handle":"acmecars","user_id":"1500000000000000001","client":"Acme Cars","kind":"brand",
     "rules":[{"id":"no-drive","kind":"banned_terms","severity":"block","terms":["drive","crash"]},
              {"id":"careful","kind":"banned_terms","severity":"warn","terms":[{"text":"scam","substring":true}]}]}]})";
  policy_source = new policy::PolicySource(config::resolve_paths().policy_file());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  // A memory file stands in for the pipe: same read() semantics, no size limit, no thread.
  const int fd = ::memfd_create("fuzz-input", MFD_CLOEXEC);
  if (fd < 0) return 0;
  if (size > 0 && ::write(fd, data, size) != static_cast<ssize_t>(size)) {
    ::close(fd);
    return 0;
  }
  ::lseek(fd, 0, SEEK_SET);
  DiscardingStore events;
  rules::Guard guard(config::resolve_paths(), "fuzzer");
  rules::VerdictLog verdicts;
  protocol::HostContext context{*policy_source, events, guard, verdicts};
  protocol::Dispatcher dispatcher(context);
  protocol::FrameReader reader(fd, 64U * 1024U); // a smaller cap keeps runs fast; same code paths
  for (;;) {
    auto message = reader.next();
    if (!message) break;
    check_reply(protocol::serialize_reply(dispatcher.handle(*message), protocol::max_reply_bytes));
  }
  ::close(fd);
  return 0;
}
