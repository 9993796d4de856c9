// Forwarding to a real rsyslog started by the test on loopback: events and checkpoints arrive
// as RFC 5424 messages over UDP, TCP (the collector named by the policy) and a unix socket, and
// the checkpoints rsyslog collected verify the local log (the off-machine copy a collector keeps).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "../host/test_support.hpp"
#include "audit_process_support.hpp"

namespace handleguard::testing {
namespace {

using nlohmann::json;

int free_port(int type) {
  const int fd = ::socket(AF_INET, type, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string read_text(const std::filesystem::path &path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

class Rsyslog {
public:
  explicit Rsyslog(const std::filesystem::path &dir) : dir_(dir) {
    udp_port_ = free_port(SOCK_DGRAM);
    tcp_port_ = free_port(SOCK_STREAM);
    write_text(dir / "rsyslog.conf", R"(global(workDirectory=")" + dir.string() + R"(")
module(load="imudp")
module(load="imtcp")
module(load="imuxsock" SysSock.Use="off")
input(type="imudp" address="127.0.0.1" port=")" + std::to_string(udp_port_) + R"(")
input(type="imtcp" address="127.0.0.1" port=")" + std::to_string(tcp_port_) + R"(")
input(type="imuxsock" Socket=")" + socket_path().string() + R"(" UseSpecialParser="off" ParseHostname="on")
template(name="received" type="string" string="%app-name% %msgid% %structured-data% %msg%\n")
action(type="omfile" file=")" + received().string() + R"(" template="received")
)");
    const auto rsyslogd = boost::process::search_path("rsyslogd").string().empty()
                              ? std::string("/usr/sbin/rsyslogd")
                              : boost::process::search_path("rsyslogd").string();
    child_ = boost::process::child(rsyslogd, "-n", "-f", (dir / "rsyslog.conf").string(), "-i",
                                   (dir / "rsyslog.pid").string(), boost::process::std_out > boost::process::null,
                                   boost::process::std_err > boost::process::null);
    // Ready once the unix socket exists and the TCP port accepts.
    for (int i = 0; i < 100 && !ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ~Rsyslog() {
    child_.terminate();
    child_.wait();
  }
  Rsyslog(const Rsyslog &) = delete;
  Rsyslog &operator=(const Rsyslog &) = delete;

  [[nodiscard]] bool ready() const {
    if (!std::filesystem::exists(socket_path())) return false;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(tcp_port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected = ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
  }
  // Waits up to 15 s for `text` to arrive.
  [[nodiscard]] bool wait_for(const std::string &text) const {
    for (int i = 0; i < 150; ++i) {
      if (read_text(received()).find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  [[nodiscard]] std::filesystem::path received() const { return dir_ / "received.log"; }
  [[nodiscard]] std::filesystem::path socket_path() const { return dir_ / "log.sock"; }
  [[nodiscard]] int udp_port() const { return udp_port_; }
  [[nodiscard]] int tcp_port() const { return tcp_port_; }

private:
  std::filesystem::path dir_;
  int udp_port_ = 0, tcp_port_ = 0;
  boost::process::child child_;
};

TEST(SyslogForwarding, RealRsyslogReceivesEventsAndCheckpointsOverUdpTcpAndUnixSocket) {
  TempDir home;
  ASSERT_TRUE(std::filesystem::exists("/usr/sbin/rsyslogd")) << "rsyslog is installed by installer/deps.sh --tests";
  Rsyslog rsyslog(home.path() / "rsyslog");
  ASSERT_TRUE(rsyslog.ready()) << "rsyslogd did not start";
  const std::vector<std::pair<std::string, std::string>> targets = {
      {"udp", "127.0.0.1:" + std::to_string(rsyslog.udp_port())},
      {"tcp", "127.0.0.1:" + std::to_string(rsyslog.tcp_port())},
      {"unix", rsyslog.socket_path().string()}};
  for (const auto &[transport, address] : targets) {
    // The TCP collector is named by the policy's `audit` section (covered by its signature), the
    // others by the install's audit.json.
    const json syslog = {{"transport", transport}, {"address", address}};
    json policy = json::parse(audited_policy);
    std::filesystem::remove(home.path() / "config" / "audit.json");
    if (transport == "tcp") policy["audit"] = {{"syslog", syslog}};
    else write_text(home.path() / "config" / "audit.json", json({{"syslog", syslog}}).dump());
    write_text(home.path() / "config" / "policy.json", policy.dump());
    AuditedHost host(home.path());
    const std::string id = "via-" + transport;
    EXPECT_EQ(host.ask({{"id", id}, {"type", "check"}, {"handle", "acmecars"}, {"user_id", "1500000000000000001"},
                        {"text", "time to drive"}})
                  .value("verdict", ""),
              "block");
    EXPECT_EQ(host.close_and_wait(), 0);
    EXPECT_TRUE(rsyslog.wait_for("\"request_id\":\"" + id + "\"")) << transport << "\n" << read_text(rsyslog.received());
  }
  ASSERT_TRUE(rsyslog.wait_for("host_stop"));
  const std::string received = read_text(rsyslog.received());
  EXPECT_NE(received.find("handleguard verdict [handleguard@32473 seq="), std::string::npos) << received;
  EXPECT_NE(received.find("handleguard checkpoint - {\"checkpoint\":"), std::string::npos) << received;

  // What the collector kept is the off-machine copy: the log verifies against it...
  const CliRun verified = run_cli({"log", "verify", "--checkpoints", rsyslog.received().string()}, home.path());
  EXPECT_EQ(verified.status, 0) << verified.err;
  EXPECT_NE(verified.out.find("checkpoints kept elsewhere"), std::string::npos) << verified.out;
  // ...and a log rewritten from scratch with the local key does not.
  for (const char *suffix : {"", "-wal", "-shm"}) std::filesystem::remove(home.path() / "state" / (std::string("audit.sqlite") + suffix));
  std::filesystem::remove(home.path() / "config" / "audit.json");
  {
    AuditedHost host(home.path());
    for (int i = 0; i < 12; ++i) (void)host.ask({{"id", i}, {"type", "hello"}});
    EXPECT_EQ(host.close_and_wait(), 0);
  }
  EXPECT_EQ(run_cli({"log", "verify"}, home.path()).status, 0);
  EXPECT_EQ(run_cli({"log", "verify", "--checkpoints", rsyslog.received().string()}, home.path()).status, 1);
}

} // namespace
} // namespace handleguard::testing
