// The lockdown list and the work-as declaration are read again only when their files change:
// a lock or a declaration made by another process (the CLI) must still count from the very
// next check, and a file that turns unreadable must still hold posts.
#include <fstream>

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "lockdown/local_lockdowns.hpp"
#include "rules/work_as_store.hpp"

namespace handleguard::lockdown {
namespace {

using nlohmann::json;

json allow_reply() { return {{"verdict", "allow"}, {"violations", json::array()}}; }

TEST(CachedLockdowns, ALockSetAfterTheListWasReadHoldsTheNextCheck) {
  handleguard::testing::TempDir dir;
  const auto file = dir.path() / "lockdowns.json";
  LockdownList list(file);
  EXPECT_EQ(apply_local_lockdown(list.current(), "acme", allow_reply()).at("verdict"), "allow"); // no file yet
  ASSERT_TRUE(save_locks(file, {}));
  EXPECT_EQ(apply_local_lockdown(list.current(), "acme", allow_reply()).at("verdict"), "allow"); // empty list, now cached
  ASSERT_TRUE(save_locks(file, {{"acme", {"breach", "2026-11-26T07:00:00Z", "admin"}}}));
  const json held = apply_local_lockdown(list.current(), "acme", allow_reply());
  EXPECT_EQ(held.at("verdict"), "block");
  EXPECT_EQ(held.at("violations").at(0).at("rule"), "local_lockdown");
  ASSERT_TRUE(save_locks(file, {}));
  EXPECT_EQ(apply_local_lockdown(list.current(), "acme", allow_reply()).at("verdict"), "allow"); // lifted
}

TEST(CachedLockdowns, AListThatTurnsMalformedHoldsEveryPost) {
  handleguard::testing::TempDir dir;
  const auto file = dir.path() / "lockdowns.json";
  LockdownList list(file);
  ASSERT_TRUE(save_locks(file, {}));
  EXPECT_EQ(apply_local_lockdown(list.current(), "acme", allow_reply()).at("verdict"), "allow");
  std::ofstream(file, std::ios::trunc) << "{not json";
  EXPECT_EQ(apply_local_lockdown(list.current(), "acme", allow_reply()).at("verdict"), "block");
  EXPECT_EQ(apply_local_lockdown(list.current(), "acme", allow_reply()).at("verdict"), "block"); // errors are not kept as "no locks"
}

TEST(CachedWorkAs, ADeclarationMadeElsewhereCountsAtOnceAndExpiresOnTime) {
  handleguard::testing::TempDir dir;
  const auto file = dir.path() / "work-as.json";
  rules::WorkAsStore host_view(file);
  rules::WorkAsStore cli_view(file); // another process, as `handleguard work-as` is
  const auto now = std::chrono::system_clock::now();
  EXPECT_FALSE(host_view.current(now).value().has_value());
  ASSERT_TRUE(cli_view.declare("acme", std::chrono::minutes(30), now, "alice"));
  ASSERT_TRUE(host_view.current(now).value().has_value());
  EXPECT_EQ(host_view.current(now).value()->handle, "acme");
  EXPECT_FALSE(host_view.current(now + std::chrono::minutes(31)).value().has_value()); // expired, same file
  ASSERT_TRUE(cli_view.declare("beta", std::chrono::minutes(30), now, "alice"));
  EXPECT_EQ(host_view.current(now).value()->handle, "beta");
  std::ofstream(file, std::ios::trunc) << "damaged";
  EXPECT_FALSE(host_view.current(now).has_value());
  ASSERT_TRUE(cli_view.clear());
  EXPECT_FALSE(host_view.current(now).value().has_value());
}

} // namespace
} // namespace handleguard::lockdown
