// The lockdown list and the work-as declaration are read again only when their files change:
// a lock or a declaration made by another process (the CLI) must still count from the very
// next check, and a file that turns unreadable must still hold posts. Each test runs twice: as
// the CLI reads (a stat per request) and as the host does (util/file_watch.hpp: the folder's
// events, taken after each read of requests, decide whether to stat at all).
#include <fstream>

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "lockdown/local_lockdowns.hpp"
#include "rules/work_as_store.hpp"
#include "util/file_watch.hpp"

namespace handleguard::lockdown {
namespace {

using nlohmann::json;

json allow_reply() { return {{"verdict", "allow"}, {"violations", json::array()}}; }

class CachedState : public ::testing::TestWithParam<bool> {
protected:
  void SetUp() override {
    if (GetParam()) ASSERT_TRUE(util::FileWatch::instance().start());
  }
  void TearDown() override { util::FileWatch::instance().stop(); }
};

// What the host does for each request: take the file events its last read brought, then ask.
template <typename View, typename... Arguments> decltype(auto) next_request(View &view, Arguments... arguments) {
  util::FileWatch::instance().take_events();
  return view.current(arguments...);
}

TEST_P(CachedState, LockdownALockSetAfterTheListWasReadHoldsTheNextCheck) {
  handleguard::testing::TempDir dir;
  const auto file = dir.path() / "lockdowns.json";
  LockdownList list(file);
  EXPECT_EQ(apply_local_lockdown(next_request(list), "acme", allow_reply()).at("verdict"), "allow"); // no file yet
  ASSERT_TRUE(save_locks(file, {}));
  EXPECT_EQ(apply_local_lockdown(next_request(list), "acme", allow_reply()).at("verdict"), "allow"); // empty list, now cached
  ASSERT_TRUE(save_locks(file, {{"acme", {"breach", "2026-11-26T07:00:00Z", "admin"}}}));
  const json held = apply_local_lockdown(next_request(list), "acme", allow_reply());
  EXPECT_EQ(held.at("verdict"), "block");
  EXPECT_EQ(held.at("violations").at(0).at("rule"), "local_lockdown");
  ASSERT_TRUE(save_locks(file, {}));
  EXPECT_EQ(apply_local_lockdown(next_request(list), "acme", allow_reply()).at("verdict"), "allow"); // lifted
}

TEST_P(CachedState, LockdownAListThatTurnsMalformedHoldsEveryPost) {
  handleguard::testing::TempDir dir;
  const auto file = dir.path() / "lockdowns.json";
  LockdownList list(file);
  ASSERT_TRUE(save_locks(file, {}));
  EXPECT_EQ(apply_local_lockdown(next_request(list), "acme", allow_reply()).at("verdict"), "allow");
  std::ofstream(file, std::ios::trunc) << "{not json";
  EXPECT_EQ(apply_local_lockdown(next_request(list), "acme", allow_reply()).at("verdict"), "block");
  EXPECT_EQ(apply_local_lockdown(next_request(list), "acme", allow_reply()).at("verdict"), "block"); // errors are not kept as "no locks"
}

TEST_P(CachedState, WorkAsADeclarationMadeElsewhereCountsAtOnceAndExpiresOnTime) {
  handleguard::testing::TempDir dir;
  const auto file = dir.path() / "work-as.json";
  rules::WorkAsStore host_view(file);
  rules::WorkAsStore cli_view(file); // another process, as `handleguard work-as` is
  const auto now = std::chrono::system_clock::now();
  EXPECT_FALSE(next_request(host_view, now).value().has_value());
  ASSERT_TRUE(cli_view.declare("acme", std::chrono::minutes(30), now, "alice"));
  ASSERT_TRUE(next_request(host_view, now).value().has_value());
  EXPECT_EQ(next_request(host_view, now).value()->handle, "acme");
  EXPECT_FALSE(next_request(host_view, now + std::chrono::minutes(31)).value().has_value()); // expired, same file
  ASSERT_TRUE(cli_view.declare("beta", std::chrono::minutes(30), now, "alice"));
  EXPECT_EQ(next_request(host_view, now).value()->handle, "beta");
  std::ofstream(file, std::ios::trunc) << "damaged";
  EXPECT_FALSE(next_request(host_view, now).has_value());
  ASSERT_TRUE(cli_view.clear());
  EXPECT_FALSE(next_request(host_view, now).value().has_value());
}

TEST_P(CachedState, WorkAsADeclarationThisProcessMakesCountsInTheSameRequest) {
  // The host's work_as_set declares, then answers with what it reads back: no read of requests
  // (so no file event taken) comes in between.
  handleguard::testing::TempDir dir;
  rules::WorkAsStore host_view(dir.path() / "work-as.json");
  const auto now = std::chrono::system_clock::now();
  EXPECT_FALSE(next_request(host_view, now).value().has_value());
  ASSERT_TRUE(host_view.declare("acme", std::chrono::minutes(30), now, "alice"));
  ASSERT_TRUE(host_view.current(now).value().has_value());
  EXPECT_EQ(host_view.current(now).value()->handle, "acme");
  ASSERT_TRUE(host_view.clear());
  EXPECT_FALSE(host_view.current(now).value().has_value());
}

INSTANTIATE_TEST_SUITE_P(ReadBy, CachedState, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool> &info) { return info.param ? "FileWatch" : "StatEachTime"; });

} // namespace
} // namespace handleguard::lockdown
