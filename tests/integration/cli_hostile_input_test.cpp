// The real `handleguard` binary given hostile input: paths it cannot look at, standard input that
// never ends, arguments that are not UTF-8. Each must end with its documented exit code and a
// clear message, never as an internal error (70), never by filling the memory, and leave the
// state as it was.
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <sstream>
#include <future>
#include <limits>
#include <sys/file.h>
#include <unistd.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>

#include "../host/test_support.hpp"
#include "process_run.hpp"

namespace handleguard::testing {
namespace {

namespace fs = std::filesystem;

// The most a CLI run may take for 150,000 calendar rows printed as JSON. Under AddressSanitizer
// every allocation carries red zones and freed memory waits in a quarantine of up to 256 MB, so
// the same run takes more there (624 MB seen); holding every verdict took 1.2 GB without it.
#if defined(__SANITIZE_ADDRESS__)
constexpr long max_calendar_run_kib = 1000L * 1024L;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr long max_calendar_run_kib = 1000L * 1024L;
#else
constexpr long max_calendar_run_kib = 600L * 1024L;
#endif
#else
constexpr long max_calendar_run_kib = 600L * 1024L;
#endif

ProcessRun run_cli(const fs::path &home, const std::vector<std::string> &args, const std::string &input = {}) {
  std::signal(SIGPIPE, SIG_IGN); // the command may stop reading before the test stops writing
  return run_to_completion(HANDLEGUARD_CLI_BINARY, args, environment_with_home(home), input);
}

bool mentions(const ProcessRun &run, const std::string &text) { return run.err.find(text) != std::string::npos; }

// A home whose policy has @acme.
void make_policy(const fs::path &home) {
  ASSERT_EQ(run_cli(home, {"policy", "init"}).status, 0);
  const auto added = run_cli(home, {"account", "add", "@acme", "--user-id", "15", "--client", "Acme"});
  ASSERT_EQ(added.status, 0) << added.err;
}

// Two symbolic links naming each other: stat() fails with ELOOP, not ENOENT.
fs::path symlink_loop(const fs::path &dir) {
  fs::create_symlink(dir / "loop-b", dir / "loop-a");
  fs::create_symlink(dir / "loop-a", dir / "loop-b");
  return dir / "loop-a";
}

TEST(CliHostileInput, AFileThatCannotBeLookedAtIsMissingInputNotAnInternalError) {
  TempDir home;
  make_policy(home.path());
  const auto loop = symlink_loop(home.path()).string();
  for (const std::vector<std::string> &args : {std::vector<std::string>{"policy", "validate", loop},
                                               std::vector<std::string>{"policy", "verify", loop},
                                               std::vector<std::string>{"policy", "sign", loop},
                                               std::vector<std::string>{"policy", "validate", std::string(300, 'a')}}) {
    const auto run = run_cli(home.path(), args);
    EXPECT_EQ(run.status, 66) << args[1] << ": " << run.err;
    EXPECT_TRUE(mentions(run, "handleguard: error: cannot read ")) << run.err;
    EXPECT_FALSE(mentions(run, "filesystem error")) << run.err;
  }
}

// The file is there and readable: what is wrong is its content, no valid input being that large
// (EX_DATAERR, as standard input over its limit), not a missing input (EX_NOINPUT).
TEST(CliHostileInput, AFileLargerThanItsLimitIsRefusedUnreadAsBadDataWithTheLimitNamed) {
  TempDir home;
  make_policy(home.path());
  ASSERT_EQ(run_cli(home.path(), {"key", "generate", "--unencrypted"}).status, 0);
  ASSERT_EQ(run_cli(home.path(), {"check", "--account", "@acme", "--text", "hi", "--record"}).status, 0); // makes the log
  const auto sparse = home.path() / "sparse.csv";
  std::ofstream(sparse) << "account,text\n";
  fs::resize_file(sparse, std::uintmax_t{2} << 30U); // 2 GiB, no block on disk
  const auto file = sparse.string();
  for (const std::vector<std::string> &args : {std::vector<std::string>{"check", "--account", "@acme", "--calendar", file},
                                               std::vector<std::string>{"check", "--account", "@acme", "--file", file},
                                               std::vector<std::string>{"rule", "add", "@acme", "--file", file},
                                               std::vector<std::string>{"policy", "sign", file},
                                               std::vector<std::string>{"policy", "verify", file},
                                               std::vector<std::string>{"log", "verify", "--checkpoints", file}}) {
    const auto run = run_cli(home.path(), args);
    EXPECT_EQ(run.status, 65) << args[0] << " " << args[1] << ": " << run.err;
    EXPECT_TRUE(mentions(run, "cannot read " + file + ": larger than 64 MiB")) << args[0] << " " << args[1] << ": " << run.err;
  }
  EXPECT_FALSE(fs::exists(file + ".minisig"));
}

TEST(CliHostileInput, AnOutputPathThatCannotBeLookedAtCannotBeWritten) {
  TempDir home;
  const auto loop = symlink_loop(home.path()).string();
  const auto key = run_cli(home.path(), {"key", "generate", "--unencrypted", "--dir", loop});
  EXPECT_EQ(key.status, 73) << key.err;
  EXPECT_TRUE(mentions(key, "handleguard: error: cannot write ")) << key.err;
  const auto long_name = run_cli(home.path(), {"key", "generate", "--unencrypted", "--name", std::string(300, 'k')});
  EXPECT_EQ(long_name.status, 73) << long_name.err;
}

TEST(CliHostileInput, TextFromStandardInputStopsAtTheHostsLimitInsteadOfFillingTheMemory) {
  TempDir home;
  const std::string limit(256 * 1024, 'a');
  EXPECT_EQ(run_cli(home.path(), {"text", "--json", "-"}, limit).status, 0);
  const auto over = run_cli(home.path(), {"text", "--json", "-"}, limit + "a");
  EXPECT_EQ(over.status, 65);
  EXPECT_TRUE(mentions(over, "more than 256 KiB")) << over.err;
  std::string endless_yes;
  for (int i = 0; i < 4 << 20; ++i) endless_yes += "y\n";
  const auto yes = run_cli(home.path(), {"text", "-"}, endless_yes);
  EXPECT_EQ(yes.status, 65) << yes.err;
  EXPECT_TRUE(yes.out.empty()) << yes.out.substr(0, 200);
}

TEST(CliHostileInput, APassphraseWithoutALineEndIsRefusedAtItsLimit) {
  TempDir home;
  const auto endless = run_cli(home.path(), {"policy", "hash-passphrase"}, std::string(4 << 20, '\0'));
  EXPECT_EQ(endless.status, 65);
  EXPECT_TRUE(mentions(endless, "longer than 1024 bytes")) << endless.err;
  EXPECT_TRUE(endless.out.empty());
  const auto good = run_cli(home.path(), {"policy", "hash-passphrase"}, "correct horse battery staple\r\n");
  EXPECT_EQ(good.status, 0) << good.err;
  EXPECT_TRUE(good.out.starts_with("$argon2id$")) << good.out;
}

TEST(CliHostileInput, AnArgumentThatIsNotUtf8IsAUsageErrorAndChangesNothing) {
  TempDir home;
  make_policy(home.path());
  const auto policy_before = read_file(home.path() / "config" / "policy.json");
  const std::string latin1 = "Caf\xE9";
  for (const std::vector<std::string> &args :
       {std::vector<std::string>{"account", "add", "@new", "--user-id", "16", "--client", latin1},
        std::vector<std::string>{"account", "edit", "@acme", "--guidelines", latin1},
        std::vector<std::string>{"staff", "add", "ada", "--name", latin1},
        std::vector<std::string>{"policy", "init", "--force", "--organization", latin1},
        std::vector<std::string>{"lockdown", "@acme", "--reason", latin1},
        std::vector<std::string>{"check", "--account", "@acme", "--text", "hi", "--staff", latin1, "--json"}}) {
    const auto run = run_cli(home.path(), args);
    EXPECT_EQ(run.status, 64) << args[0] << " " << args[1] << ": " << run.err;
    EXPECT_TRUE(mentions(run, "not valid UTF-8")) << run.err;
  }
  EXPECT_EQ(read_file(home.path() / "config" / "policy.json"), policy_before);
  EXPECT_FALSE(fs::exists(home.path() / "state" / "lockdowns.json"));
}

TEST(CliHostileInput, ANegativeNumberIsAUsageErrorNotTheDefaultItStandsFor) {
  TempDir home;
  make_policy(home.path());
  ASSERT_EQ(run_cli(home.path(), {"check", "--account", "@acme", "--text", "hi", "--record"}).status, 0); // makes the log
  for (const std::vector<std::string> &args : {std::vector<std::string>{"log", "prove", "--index", "0", "--size", "-7"},
                                               std::vector<std::string>{"log", "prove", "--consistency", "-2"},
                                               std::vector<std::string>{"log", "show", "--limit", "-1"}}) {
    const auto run = run_cli(home.path(), args);
    EXPECT_EQ(run.status, 64) << args[1] << " " << args[2] << ": " << run.out << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  }
}

// CLI11 alone read these as something else: past 64 bits as the largest number (no limit at
// all), "0x10" as hex, " 5" and "+5" as 5, "nan" as within any range.
TEST(CliHostileInput, ANumberPastItsTypeOrWrittenOddlyIsAUsageErrorNamingTheRange) {
  TempDir home;
  make_policy(home.path());
  ASSERT_EQ(run_cli(home.path(), {"check", "--account", "@acme", "--text", "hi", "--record"}).status, 0); // makes the log
  for (const std::string &odd : {"18446744073709551616", "99999999999999999999999", "0x10", "+5", " 5", "-0", "5 "}) {
    const auto run = run_cli(home.path(), {"log", "show", "--limit", odd});
    EXPECT_EQ(run.status, 64) << odd << ": " << run.err;
    EXPECT_TRUE(mentions(run, "is not a whole number from 0 to 18446744073709551615")) << odd << ": " << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  }
  const auto index = run_cli(home.path(), {"log", "prove", "--index", "9223372036854775808"});
  EXPECT_EQ(index.status, 64) << index.err;
  EXPECT_TRUE(mentions(index, "--index: \"9223372036854775808\" is not a whole number from 0 to 9223372036854775807")) << index.err;
  for (const std::string &odd : {"nan", "NaN", "0x10", "1e1", "-1"}) {
    const auto run = run_cli(home.path(), {"doctor", "--no-run", "--host-timeout", odd});
    EXPECT_EQ(run.status, 64) << odd << ": " << run.err;
    EXPECT_TRUE(mentions(run, "is not a number of seconds from 0.1 to 600")) << odd << ": " << run.err;
  }
  EXPECT_EQ(run_cli(home.path(), {"log", "show", "--limit", "010"}).status, 0);
  EXPECT_NE(run_cli(home.path(), {"doctor", "--no-run", "--host-timeout", "2.5"}).status, 64);
}

TEST(CliHostileInput, ACalendarWithThousandsOfColumnsNamesAFewOnOneLine) {
  TempDir home;
  make_policy(home.path());
  std::string header = "account,text";
  for (int i = 0; i < 10000; ++i) header += ",extra" + std::to_string(i);
  const auto calendar = home.path() / "wide.csv";
  std::ofstream(calendar) << header << "\n@acme,hello\n";
  const auto run = run_cli(home.path(), {"check", "--calendar", calendar.string()});
  EXPECT_EQ(run.status, 0) << run.err.substr(0, 300);
  EXPECT_TRUE(mentions(run, "columns not read: \"extra0\", \"extra1\"")) << run.err.substr(0, 300);
  EXPECT_TRUE(mentions(run, "\"extra9\" and 9990 more\n")) << run.err.substr(0, 300);
  EXPECT_LT(run.err.size(), 500U);
}

// A lock, a work-as declaration or trust settings that cannot be read must not read as "none":
// the guard would then let through what they hold back.
TEST(CliHostileInput, AStateFileThatCannotBeLookedAtFailsClosedInsteadOfCountingAsAbsent) {
  TempDir home;
  make_policy(home.path());
  const auto check = [&] { return run_cli(home.path(), {"check", "--account", "@acme", "--text", "hi"}); };
  ASSERT_EQ(check().status, 0);
  fs::create_directories(home.path() / "state");
  fs::create_symlink(home.path() / "state" / "lockdowns.json", home.path() / "state" / "lockdowns.json");
  EXPECT_EQ(check().status, 2);
  const auto locks = run_cli(home.path(), {"lockdown", "--list"});
  EXPECT_EQ(locks.status, 65);
  EXPECT_TRUE(mentions(locks, "lockdowns.json: Too many levels of symbolic links")) << locks.err;
  fs::remove(home.path() / "state" / "lockdowns.json");

  fs::create_symlink(home.path() / "state" / "work-as.json", home.path() / "state" / "work-as.json");
  EXPECT_EQ(run_cli(home.path(), {"work-as"}).status, 65);
  EXPECT_EQ(check().status, 2);
  fs::remove(home.path() / "state" / "work-as.json");

  fs::create_symlink(home.path() / "config" / "trust.json", home.path() / "config" / "trust.json");
  const auto refused = check();
  EXPECT_EQ(refused.status, 78);
  EXPECT_TRUE(mentions(refused, "trust.json")) << refused.err;
}

TEST(CliHostileInput, APolicyThatCannotBeLookedAtIsNotReportedAsMissing) {
  TempDir home;
  make_policy(home.path());
  const auto policy = home.path() / "config" / "policy.json";
  fs::remove(policy);
  fs::create_symlink(policy, policy);
  for (const std::vector<std::string> &args : {std::vector<std::string>{"check", "--account", "@acme", "--text", "hi"},
                                               std::vector<std::string>{"account", "list"}}) {
    const auto run = run_cli(home.path(), args);
    EXPECT_EQ(run.status, 78) << args[0] << ": " << run.err;
    EXPECT_TRUE(mentions(run, "policy.json: Too many levels of symbolic links")) << run.err;
    EXPECT_FALSE(mentions(run, "no policy file")) << run.err; // `policy init` is not the cure
  }
}

TEST(CliHostileInput, APostFileIsReadAsNotepadSavesItOrRefusedByName) {
  TempDir home;
  make_policy(home.path());
  ASSERT_EQ(run_cli(home.path(), {"rule", "add", "@acme", "--json", R"({"id":"r","kind":"banned_terms","severity":"block","terms":["refund"]})"}).status, 0);
  const auto check_file = [&](const std::string &name, const std::string &bytes) {
    std::ofstream(home.path() / name, std::ios::binary) << bytes;
    return run_cli(home.path(), {"check", "--account", "@acme", "--file", (home.path() / name).string()});
  };
  const std::string utf16le_bom("\xFF\xFEr\0e\0f\0u\0n\0d\0", 14);
  EXPECT_EQ(check_file("unicode.txt", utf16le_bom).status, 2);
  EXPECT_EQ(check_file("utf8-bom.txt", "\xEF\xBB\xBFrefund\r\n").status, 2);
  const auto latin1 = check_file("latin1.txt", "caf\xE9 refund");
  EXPECT_EQ(latin1.status, 65);
  EXPECT_TRUE(mentions(latin1, "latin1.txt: not valid UTF-8")) << latin1.err;
}

// The verdicts of a long calendar are printed as they come, in the format of one JSON document.
TEST(CliHostileInput, ALongCalendarAsJsonIsPrintedRowByRowNotHeldInMemory) {
  TempDir home;
  make_policy(home.path());
  const auto calendar = home.path() / "calendar.csv";
  for (const int rows : {0, 1, 3}) {
    std::ofstream out(calendar, std::ios::trunc);
    out << "account,text\n";
    for (int i = 0; i < rows; ++i) out << "@acme,post " << i << "\n";
    out.close();
    const auto run = run_cli(home.path(), {"check", "--calendar", calendar.string(), "--json"});
    ASSERT_EQ(run.status, 0) << run.err;
    const auto parsed = nlohmann::json::parse(run.out, nullptr, false);
    ASSERT_TRUE(parsed.is_object()) << run.out;
    EXPECT_EQ(parsed.at("rows").size(), static_cast<std::size_t>(rows));
    EXPECT_EQ(parsed.at("summary").at("rows"), rows);
    EXPECT_EQ(run.out, parsed.dump(2) + "\n"); // byte for byte as before
  }
  {
    std::ofstream out(calendar, std::ios::trunc);
    out << "account,text\n";
    for (int i = 0; i < 150000; ++i) out << "@acme,post\n";
  }
  const auto run = run_cli(home.path(), {"check", "--calendar", calendar.string(), "--json"});
  EXPECT_EQ(run.status, 0);
  rusage children{};
  ::getrusage(RUSAGE_CHILDREN, &children); // the largest child so far, in KiB
  EXPECT_LT(children.ru_maxrss, max_calendar_run_kib) << "held every verdict: 150,000 rows took 1.2 GB";
}

TEST(CliHostileInput, ARuleThatIsNoJsonAtAllIsNotCalledAnotherKindOfJson) {
  TempDir home;
  make_policy(home.path());
  const auto overflow = run_cli(home.path(), {"rule", "add", "@acme", "--json", R"({"id":"r","kind":"length","severity":"block","max":1e999})"});
  EXPECT_EQ(overflow.status, 65);
  EXPECT_TRUE(mentions(overflow, "the rule is not valid JSON")) << overflow.err;
  const auto array = run_cli(home.path(), {"rule", "add", "@acme", "--json", "[1]"});
  EXPECT_EQ(array.status, 65);
  EXPECT_TRUE(mentions(array, "the rule is not a JSON object")) << array.err;
}

TEST(CliHostileInput, CommandsEditingThePolicyAtOnceLoseNoChange) {
  TempDir home;
  make_policy(home.path());
  constexpr int editors = 8;
  std::vector<bp::child> running;
  for (int i = 0; i < editors; ++i) {
    const std::vector<std::string> args = {"account", "add", "@acc" + std::to_string(i), "--user-id", std::to_string(100 + i), "--client", "C"};
    std::unique_lock spawn_lock(spawn_mutex());
    running.emplace_back(HANDLEGUARD_CLI_BINARY, bp::args(args), environment_with_home(home.path()), bp::std_in < bp::null,
                         bp::std_out > bp::null, bp::std_err > bp::null);
  }
  for (auto &editor : running) {
    editor.wait();
    EXPECT_EQ(editor.exit_code(), 0);
  }
  const auto list = run_cli(home.path(), {"account", "list"});
  for (int i = 0; i < editors; ++i) EXPECT_NE(list.out.find("@acc" + std::to_string(i) + "\t"), std::string::npos) << list.out;
}

// `policy init --force` and `policy sign` write into the policy's folder as the editing
// commands do, so they wait for its lock too instead of replacing (or signing) a policy that
// another command is halfway through changing.
TEST(CliHostileInput, ReplacingOrSigningThePolicyWaitsForTheEditingLock) {
  TempDir home;
  make_policy(home.path());
  ASSERT_EQ(run_cli(home.path(), {"key", "generate", "--unencrypted"}).status, 0);
  const auto config = home.path() / "config";
  const auto policy_before = read_file(config / "policy.json");
  const int folder = ::open(config.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(folder, 0);
  ASSERT_EQ(::flock(folder, LOCK_EX), 0); // as an `account add` in progress holds it
  const auto listed = run_cli(home.path(), {"rule", "list"}); // reads only: neither waits nor fails
  EXPECT_EQ(listed.status, 0) << listed.err;
  auto replaced = std::async(std::launch::async, [&] { return run_cli(home.path(), {"policy", "init", "--force"}); });
  auto signed_run = std::async(std::launch::async, [&] { return run_cli(home.path(), {"policy", "sign"}); });
  for (auto *run : {&replaced, &signed_run}) {
    const auto finished = run->get();
    EXPECT_EQ(finished.status, 73) << finished.err;
    EXPECT_TRUE(mentions(finished, "another handleguard command is still editing it")) << finished.err;
  }
  ::close(folder);
  EXPECT_EQ(read_file(config / "policy.json"), policy_before);
  EXPECT_FALSE(fs::exists(config / "policy.json.minisig"));
  EXPECT_EQ(run_cli(home.path(), {"policy", "sign"}).status, 0);
}

// Whoever can write the policy (or a lock's reason) can write escape sequences into it: listing
// it must show them, not let the terminal act on them (retitle the window, clear the screen,
// reverse the line so that another handle seems to be printed).
TEST(CliHostileInput, PolicyStringsAreShownNotActedOnByTheTerminal) {
  TempDir home;
  make_policy(home.path());
  const std::string hostile = "Acme\x1b]0;owned\x07\x1b[2J\xC2\x9B" "1A\u202Eemca\u2066";
  ASSERT_EQ(run_cli(home.path(), {"account", "add", "@evil", "--user-id", "16", "--client", hostile}).status, 0);
  const std::string rule = nlohmann::json{{"id", "r\x1b[31m"}, {"kind", "banned_terms"}, {"severity", "block"},
                                          {"terms", {"refund"}}, {"message", "no\x1b[2J refunds\u202E"}}.dump();
  const auto added = run_cli(home.path(), {"rule", "add", "@evil", "--json", rule});
  ASSERT_EQ(added.status, 0) << added.err;
  ASSERT_EQ(run_cli(home.path(), {"lockdown", "@evil", "--reason", "crisis\x1b[2J"}).status, 0);
  const auto raw = [](const std::string &text) {
    return text.find('\x1b') != std::string::npos || text.find("\xC2\x9B") != std::string::npos ||
           text.find("\u202E") != std::string::npos || text.find("\u2066") != std::string::npos || text.find('\x07') != std::string::npos;
  };
  for (const std::vector<std::string> &args :
       {std::vector<std::string>{"account", "list"}, std::vector<std::string>{"account", "list", "--json"},
        std::vector<std::string>{"rule", "list"}, std::vector<std::string>{"rule", "list", "--json"},
        std::vector<std::string>{"policy", "show"}, std::vector<std::string>{"lockdown", "--list"},
        std::vector<std::string>{"check", "--account", "@evil", "--text", "refund"},
        std::vector<std::string>{"check", "--account", "@evil", "--text", "refund", "--json"}}) {
    const auto run = run_cli(home.path(), args);
    EXPECT_FALSE(raw(run.out)) << args[0] << " " << args[1] << ": " << run.out;
    EXPECT_FALSE(raw(run.err)) << args[0] << " " << args[1] << ": " << run.err;
  }
  const auto list = run_cli(home.path(), {"account", "list"});
  EXPECT_NE(list.out.find(R"(Acme\u{1B}]0;owned\u{7}\u{1B}[2J\u{9B}1A\u{202E}emca\u{2066})"), std::string::npos) << list.out;
  const auto listed = nlohmann::json::parse(run_cli(home.path(), {"account", "list", "--json"}).out, nullptr, false);
  ASSERT_TRUE(listed.is_array());
  EXPECT_EQ(listed.at(1).at("client"), hostile) << "JSON gives the string whole, as escapes";
  const auto missing = run_cli(home.path(), {"rule", "remove", "@evil", "x\x1b[2J"});
  EXPECT_EQ(missing.status, 65);
  EXPECT_FALSE(raw(missing.err)) << missing.err;
}

// A calendar's verdicts once took a commit (a disk sync) each in the log, and another in the
// counters; now a group of rows shares one of each. The rows of a group still count against each
// other's rate limits, as when each was committed alone.
TEST(CliHostileInput, ARecordedCalendarIsCommittedAsAGroupNotRowByRow) {
  TempDir home;
  make_policy(home.path());
  ASSERT_EQ(run_cli(home.path(), {"rule", "add", "@acme", "--json", R"({"id":"two-an-hour","kind":"rate","severity":"block","per_hour":2})"}).status, 0);
  const auto calendar = home.path() / "calendar.csv";
  std::ofstream(calendar) << "account,text\n@acme,one\n@acme,two\n@acme,three\n";
  const auto run = run_cli(home.path(), {"check", "--calendar", calendar.string(), "--record"});
  EXPECT_EQ(run.status, 2) << run.out << run.err;
  EXPECT_NE(run.out.find("line 4: block"), std::string::npos) << "the third post breaks the limit: " << run.out;
  EXPECT_NE(run.out.find("3 rows: 2 allow, 0 warn, 1 block"), std::string::npos) << run.out;
  const auto exported = run_cli(home.path(), {"log", "export"});
  ASSERT_EQ(exported.status, 0) << exported.err;
  std::set<std::string> commits;
  int verdicts = 0;
  std::istringstream lines(exported.out);
  for (std::string line; std::getline(lines, line);) {
    const auto entry = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(entry.is_object()) << line;
    if (entry.value("type", "") != "verdict") continue;
    ++verdicts;
    commits.insert(entry.at("commit_size").dump());
  }
  EXPECT_EQ(verdicts, 3);
  EXPECT_EQ(commits.size(), 1U) << "one commit for the three rows: " << exported.out;
  // Counted when recorded: a fourth post in the same hour is over the limit.
  EXPECT_EQ(run_cli(home.path(), {"check", "--account", "@acme", "--text", "four"}).status, 2);
}

// Its serial at the largest there is: one more once wrapped to a negative number, named by a line
// that was never written; and the hint offered `policy init`, which drops every account.
TEST(CliHostileInput, APolicyThatCannotBeEditedIsNeitherWrappedNorToldToStartAfresh) {
  TempDir home;
  make_policy(home.path());
  const auto policy = home.path() / "config" / "policy.json";
  auto document = nlohmann::json::parse(read_file(policy));
  document["serial"] = std::numeric_limits<std::int64_t>::max();
  std::ofstream(policy, std::ios::trunc) << document.dump(2);
  const auto before = read_file(policy);
  const auto add = run_cli(home.path(), {"account", "add", "@other", "--user-id", "16", "--client", "C"});
  EXPECT_EQ(add.status, 65) << add.err;
  EXPECT_TRUE(mentions(add, "is the largest serial there is")) << add.err;
  EXPECT_EQ(read_file(policy), before);
  document["serial"] = "7";
  std::ofstream(policy, std::ios::trunc) << document.dump(2);
  const auto broken = run_cli(home.path(), {"account", "add", "@other", "--user-id", "16", "--client", "C"});
  EXPECT_EQ(broken.status, 78) << broken.err;
  EXPECT_FALSE(mentions(broken, "hint: create one with `handleguard policy init`")) << broken.err;
  EXPECT_TRUE(mentions(broken, "policy validate")) << broken.err;
}

} // namespace
} // namespace handleguard::testing
