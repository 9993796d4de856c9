// The audit store on a real SQLite file: group commit, checkpoints, and `verify_log` catching
// every single edit to the stored log, and a rewritten, re-signed log against checkpoints kept
// elsewhere.
#include "audit/audit_store.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <thread>
#include <unistd.h>

#include "../test_support.hpp"
#include "audit/log_verification.hpp"

namespace handleguard::audit {
namespace {

class AuditStoreTest : public ::testing::Test {
protected:
  [[nodiscard]] config::Paths paths() const { return {dir_.path() / "config", dir_.path() / "state"}; }
  std::unique_ptr<AuditStore> open_store() {
    auto store = AuditStore::open(paths());
    EXPECT_TRUE(store.has_value()) << (store ? "" : store.error());
    return std::move(*store);
  }
  void fill(AuditStore &store, int count) {
    for (int i = 0; i < count; ++i) {
      ASSERT_TRUE(store.record({"verdict", {{"account", "acme"}, {"verdict", i % 2 ? "allow" : "block"}, {"n", i}}}));
    }
  }
  [[nodiscard]] std::expected<VerifyReport, std::string> verify(std::span<const std::string> external = {}) {
    auto store = AuditStore::open_read_only(paths().audit_db());
    EXPECT_TRUE(store.has_value());
    auto verifier = parse_note_verifier(util_read(paths().keys_dir() / "log-signing.vkey"));
    EXPECT_TRUE(verifier.has_value());
    return verify_log(**store, *verifier, external);
  }
  static std::string util_read(const std::filesystem::path &path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  // Runs `sql` on the database file directly, as someone editing it would.
  void edit(const std::string &sql) {
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(paths().audit_db().c_str(), &db), SQLITE_OK);
    char *error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "") << sql;
    sqlite3_free(error);
    sqlite3_close(db);
  }
  handleguard::testing::TempDir dir_;
};

TEST_F(AuditStoreTest, RecordedEventsVerifyWithOneCheckpointPerCommit) {
  auto store = open_store();
  fill(*store, 20);
  const auto report = verify();
  ASSERT_TRUE(report.has_value()) << report.error();
  EXPECT_EQ(report->entries, 20U);
  EXPECT_EQ(report->checkpoints, 20U);
  EXPECT_EQ(report->latest.size, 20U);
  EXPECT_EQ(report->latest.origin, store->signer()->verifier().name);
}

TEST_F(AuditStoreTest, QueuedEventsAreCommittedTogetherWithTheNextDurableOne) {
  auto store = open_store();
  store->enqueue({"identify", {{"account", "acme"}}});
  store->enqueue({"identify", {{"account", "beta"}}});
  ASSERT_TRUE(store->record({"verdict", {{"verdict", "allow"}}}));
  const auto checkpoints = store->checkpoints().value();
  ASSERT_EQ(checkpoints.size(), 1U);
  EXPECT_EQ(checkpoints[0].first, 3U);
}

TEST_F(AuditStoreTest, ConcurrentWritersShareCommits) {
  auto store = open_store();
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&store, t] {
      for (int i = 0; i < 25; ++i) EXPECT_TRUE(store->record({"verdict", {{"thread", t}, {"n", i}}}));
    });
  }
  for (auto &thread : threads) thread.join();
  const auto report = verify();
  ASSERT_TRUE(report.has_value()) << report.error();
  EXPECT_EQ(report->entries, 200U);
  // Grouping is what keeps fsyncs down; with 8 writers some commits must have carried several events.
  EXPECT_LT(report->checkpoints, 200U);
}

TEST_F(AuditStoreTest, PostTextIsStoredOnlyAsAKeyedHash) {
  auto store = open_store();
  ASSERT_TRUE(store->record({"verdict", {{"text", "our secret launch is on friday"}}}));
  const auto body = store->entries().value().at(0).body;
  EXPECT_EQ(body.find("secret launch"), std::string::npos);
  EXPECT_NE(body.find("\"text_hash\":\""), std::string::npos);
}

TEST_F(AuditStoreTest, EntryBodiesAreCanonicalJsonAndTheEntrysOwnMembersWin) {
  // The body is written as text (not dumped from a tree): it must stay exactly what nlohmann's
  // compact dump of the same object gives, keys in order, so hashes of stored entries hold.
  auto store = open_store();
  const nlohmann::json fields = {{"account", "acme"},     {"zeta", {1, "two\n\"three\"", nullptr}},
                                 {"seq", 999},            {"time", "forged"},
                                 {"text", "the post"},    {"text_hash", "forged"},
                                 {"caf\u00e9", "\u00e9t\u00e9 \xf0\x9f\x98\x80"}, {"nested", {{"b", true}, {"a", -5}}}};
  store->enqueue({"identify", fields});
  ASSERT_TRUE(store->record({"verdict", {{"verdict", "allow"}, {"text", 42}}}));
  const auto entries = store->entries().value();
  ASSERT_EQ(entries.size(), 2U);
  for (const auto &entry : entries) {
    const auto parsed = nlohmann::json::parse(entry.body);
    EXPECT_EQ(parsed.dump(), entry.body);
    EXPECT_EQ(parsed.at("seq"), entry.seq);
    EXPECT_EQ(parsed.at("commit_size"), 2);
    EXPECT_EQ(parsed.at("pid"), ::getpid());
  }
  const auto first = nlohmann::json::parse(entries[0].body);
  EXPECT_NE(first.at("time"), "forged");
  EXPECT_EQ(first.at("type"), "identify");
  EXPECT_EQ(first.at("text_hash").get<std::string>().size(), 64U); // the hash of "the post", not the forged one
  EXPECT_FALSE(first.contains("text"));
  EXPECT_EQ(first.at("zeta"), fields.at("zeta"));
  EXPECT_EQ(first.at("nested"), fields.at("nested"));
  const auto second = nlohmann::json::parse(entries[1].body);
  EXPECT_EQ(second.at("text"), 42); // only a string is hashed
  EXPECT_FALSE(second.contains("text_hash"));
}

TEST_F(AuditStoreTest, EverySingleEditToAnEntryFailsVerification) {
  {
    auto store = open_store();
    fill(*store, 6);
  }
  const auto entries = AuditStore::open_read_only(paths().audit_db()).value()->entries().value();
  for (const auto &entry : entries) {
    // Change each byte position of the body in turn (a sample of positions keeps this quick).
    for (std::size_t at = 0; at < entry.body.size(); at += 7) {
      std::string changed = entry.body;
      changed[at] = changed[at] == '1' ? '2' : '1';
      edit("UPDATE entries SET body = '" + changed + "' WHERE seq = " + std::to_string(entry.seq));
      EXPECT_FALSE(verify().has_value()) << "seq " << entry.seq << " byte " << at;
      edit("UPDATE entries SET body = '" + entry.body + "' WHERE seq = " + std::to_string(entry.seq));
    }
    ASSERT_TRUE(verify().has_value());
  }
}

TEST_F(AuditStoreTest, RemovedReorderedOrInsertedEntriesFailVerification) {
  {
    auto store = open_store();
    fill(*store, 6);
  }
  ASSERT_TRUE(verify().has_value());
  const std::string db_copy = (dir_.path() / "copy.sqlite").string();
  std::filesystem::copy_file(paths().audit_db(), db_copy);
  auto restore = [&] {
    std::filesystem::remove(paths().state_dir / "audit.sqlite-wal");
    std::filesystem::remove(paths().state_dir / "audit.sqlite-shm");
    std::filesystem::copy_file(db_copy, paths().audit_db(), std::filesystem::copy_options::overwrite_existing);
    ASSERT_TRUE(verify().has_value());
  };
  const std::vector<std::string> edits = {
      "DELETE FROM entries WHERE seq = 0",
      "DELETE FROM entries WHERE seq = 3",
      "DELETE FROM entries WHERE seq = 5",
      "DELETE FROM entries WHERE seq = 5; DELETE FROM checkpoints WHERE size = 6",
      "UPDATE entries SET seq = 100 WHERE seq = 2; UPDATE entries SET seq = 2 WHERE seq = 3; UPDATE entries SET seq = 3 WHERE seq = 100",
      "UPDATE entries SET body = (SELECT body FROM entries WHERE seq = 1) WHERE seq = 2",
      "INSERT INTO entries(seq, body) VALUES (6, '{\"seq\":6,\"type\":\"verdict\"}')",
      "UPDATE entries SET seq = seq + 1000 WHERE seq >= 2; UPDATE entries SET seq = seq - 999 WHERE seq >= 1000; "
      "INSERT INTO entries(seq, body) VALUES (2, '{\"seq\":2,\"type\":\"verdict\"}')",
      "DELETE FROM checkpoints WHERE size = 6",
      "DELETE FROM checkpoints WHERE size = 3",
      "UPDATE checkpoints SET note = replace(note, char(10) || '6' || char(10), char(10) || '7' || char(10)) WHERE size = 6",
      "UPDATE checkpoints SET note = (SELECT note FROM checkpoints WHERE size = 5) WHERE size = 6",
      "UPDATE checkpoints SET size = 60 WHERE size = 6",
      "UPDATE tree_state SET size = 5",
      "UPDATE tree_state SET compact_range = zeroblob(72)",
      "DELETE FROM tree_state",
  };
  for (const auto &sql : edits) {
    edit(sql);
    const auto report = verify();
    EXPECT_FALSE(report.has_value()) << sql;
    restore();
  }
  // Each character of the newest checkpoint note, changed.
  const auto note = AuditStore::open_read_only(paths().audit_db()).value()->checkpoints().value().back().second;
  for (std::size_t at = 0; at < note.size(); ++at) {
    std::string changed = note;
    changed[at] = changed[at] == 'A' ? 'B' : 'A';
    std::string quoted;
    for (const char c : changed) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    edit("UPDATE checkpoints SET note = '" + quoted + "' WHERE size = 6");
    EXPECT_FALSE(verify().has_value()) << "note byte " << at;
  }
}

TEST_F(AuditStoreTest, RewrittenReSignedLogFailsAgainstCheckpointsKeptElsewhere) {
  std::vector<std::string> kept_elsewhere;
  {
    auto store = open_store();
    fill(*store, 4);
    kept_elsewhere.push_back(store->checkpoints().value().back().second);
    fill(*store, 3);
    kept_elsewhere.push_back(store->checkpoints().value().back().second);
  }
  ASSERT_TRUE(verify(kept_elsewhere).has_value());
  // Someone with the local key (any local user) deletes the log and writes a new history.
  std::filesystem::remove(paths().audit_db());
  std::filesystem::remove(paths().state_dir / "audit.sqlite-wal");
  std::filesystem::remove(paths().state_dir / "audit.sqlite-shm");
  {
    auto store = open_store();
    for (int i = 0; i < 7; ++i) ASSERT_TRUE(store->record({"verdict", {{"account", "acme"}, {"verdict", "allow"}}}));
  }
  EXPECT_TRUE(verify().has_value()); // locally consistent: the local key signs whatever is there
  const auto report = verify(kept_elsewhere);
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().find("kept elsewhere"), std::string::npos) << report.error();
  // A truncated log is caught the same way.
  std::filesystem::remove(paths().audit_db());
  std::filesystem::remove(paths().state_dir / "audit.sqlite-wal");
  std::filesystem::remove(paths().state_dir / "audit.sqlite-shm");
  {
    auto store = open_store();
    fill(*store, 2);
  }
  EXPECT_FALSE(verify(kept_elsewhere).has_value());
}

TEST_F(AuditStoreTest, CheckpointsRoundTripThroughSplitNotes) {
  auto store = open_store();
  fill(*store, 3);
  const auto stored = store->checkpoints().value();
  std::string file;
  for (const auto &[size, note] : stored) file += note + "\n";
  file += R"(2026-11-25T10:00:00+00:00 host handleguard[1]: {"checkpoint":)" + nlohmann::json(stored[0].second).dump() + "}\n";
  const auto notes = split_notes(file);
  ASSERT_EQ(notes.size(), 4U);
  EXPECT_EQ(notes[0], stored[0].second);
  EXPECT_EQ(notes[3], stored[0].second);
  EXPECT_TRUE(verify(notes).has_value());
}

} // namespace
} // namespace handleguard::audit
