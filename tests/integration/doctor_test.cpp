// `handleguard doctor` names each broken state with its fix: registrations and the host answering
// hello over a real pipe, the policy's signature, serial and expiry against the trust settings,
// keys and the audit store (opened and verified), macOS locations and the Windows registry plan.
#include <sqlite3.h>
#include <unistd.h>

#include "install_cli_support.hpp"

namespace {

using handleguard::testing::Doctor;
using handleguard::testing::slurp;

TEST_F(Doctor, HealthySetUpPassesWithOnlyTheUnsignedWarning) {
  const auto run = cli({"doctor"});
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_EQ(run.out.find("FAIL"), std::string::npos) << run.out;
  // Each browser's host was started as that browser starts it and answered hello.
  EXPECT_NE(line_with(run.out, "ok   chromium (user): manifest").find("its host answers hello (version"), std::string::npos) << run.out;
  EXPECT_NE(line_with(run.out, "ok   firefox (user): manifest").find("policy serial"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("warn policy: unsigned"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ok   trust: no trust settings"), std::string::npos) << run.out;
  // The hello above started the host, which made the audit log: the second run opens and verifies
  // it, and changes none of the user's files (install.sh ends with doctor and must be re-runnable).
  const auto verifier_key = hg_home() / "config/keys/log-signing.vkey";
  const auto written = std::filesystem::last_write_time(verifier_key);
  const auto again = cli({"doctor"});
  EXPECT_EQ(std::filesystem::last_write_time(verifier_key), written);
  EXPECT_EQ(again.status, 0) << again.out;
  EXPECT_NE(line_with(again.out, "ok   audit store:").find("chain verifies"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("ok   keys: the audit log signing key"), std::string::npos) << again.out;
}

TEST_F(Doctor, JsonOutputCarriesEveryCheckAndTheOutcome) {
  auto run = cli({"doctor", "--json"});
  EXPECT_EQ(run.status, 0) << run.out;
  auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << run.out;
  EXPECT_EQ(json.at("ok"), true);
  ASSERT_FALSE(json.at("checks").empty());
  EXPECT_EQ(json.at("checks").at(0).at("status"), "ok");
  std::filesystem::remove(hg_home() / "config/policy.json");
  run = cli({"doctor", "--json"});
  EXPECT_EQ(run.status, 1);
  json = nlohmann::json::parse(run.out, nullptr, false);
  EXPECT_EQ(json.at("ok"), false);
  bool named = false;
  for (const auto &check : json.at("checks")) {
    if (check.at("status") == "fail" && check.at("subject") == "policy") named = check.at("fix") == "handleguard policy init";
  }
  EXPECT_TRUE(named) << run.out;
}

TEST_F(Doctor, NamesAMissingManifest) {
  fake_browser("vivaldi");
  expect_failure("vivaldi: installed, but the host is not registered", "handleguard install --browser vivaldi");
}

TEST_F(Doctor, NamesAWrongExtensionId) {
  edit_manifest([](nlohmann::json &json) { json["allowed_origins"] = {"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"}; });
  expect_failure("does not name our extension", "handleguard install --browser chromium");
}

TEST_F(Doctor, NamesANonExecutableHostPath) {
  const auto not_executable = dir_.path() / "not-executable";
  std::ofstream(not_executable) << "x";
  std::filesystem::permissions(not_executable, std::filesystem::perms(0644));
  edit_manifest([&](nlohmann::json &json) { json["path"] = not_executable.string(); });
  expect_failure("is missing or not executable", "reinstall handleguard, then handleguard install --browser chromium");
}

TEST_F(Doctor, NamesAHostThatRunsButDoesNotAnswerHello) {
  const auto broken = dir_.path() / "private" / "broken-host";
  std::filesystem::create_directories(broken.parent_path());
  std::filesystem::permissions(broken.parent_path(), std::filesystem::perms(0700));
  std::ofstream(broken) << "#!/bin/sh\necho 'cannot load libsodium' >&2\nexit 127\n";
  std::filesystem::permissions(broken, std::filesystem::perms(0755));
  edit_manifest([&](nlohmann::json &json) { json["path"] = broken.string(); });
  expect_failure("exited with status 127 without answering hello (its stderr: cannot load libsodium)",
                 "reinstall handleguard, then handleguard install --browser chromium");
}

// A host that hangs (here a wrapper script whose child sleeps) fails the check within the limit
// `--host-timeout` sets, not the default 10 s, and is ended together with what it started.
TEST_F(Doctor, NamesAHostThatNeverAnswersWithinTheLimitGiven) {
  const auto hung = dir_.path() / "private" / "hung-host";
  std::filesystem::create_directories(hung.parent_path());
  std::filesystem::permissions(hung.parent_path(), std::filesystem::perms(0700));
  const std::string marker = "3599." + std::to_string(::getpid()); // names this test's sleep in /proc
  std::ofstream(hung) << "#!/bin/sh\n/bin/sleep " << marker << "\n";
  std::filesystem::permissions(hung, std::filesystem::perms(0755));
  edit_manifest([&](nlohmann::json &json) { json["path"] = hung.string(); });
  const auto started = std::chrono::steady_clock::now();
  expect_failure("started as chromium starts it: it did not answer within 0.5 s (doctor --host-timeout sets the limit)",
                 "reinstall handleguard, then handleguard install --browser chromium", {"doctor", "--host-timeout", "0.5"});
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10)) << "the default limit was used";
  bool sleep_left = false;
  for (const auto &entry : std::filesystem::directory_iterator("/proc")) {
    const auto cmdline = slurp(entry.path() / "cmdline");
    if (cmdline == "/bin/sleep" + std::string(1, '\0') + marker + std::string(1, '\0')) sleep_left = true;
  }
  EXPECT_FALSE(sleep_left) << "the hung host's child outlived doctor";
}

TEST_F(Doctor, NamesAWorldWritableManifest) {
  std::filesystem::permissions(chromium_manifest(), std::filesystem::perms(0666));
  expect_failure("manifest unsafe", "chmod go-w " + chromium_manifest().string());
}

TEST_F(Doctor, NamesAnInvalidPolicy) {
  std::ofstream(hg_home() / "config/policy.json") << "{\"version\": ";
  expect_failure("policy: invalid", "fix it, then handleguard policy validate");
}

TEST_F(Doctor, NamesAMissingPolicy) {
  std::filesystem::remove(hg_home() / "config/policy.json");
  expect_failure("no policy at", "handleguard policy init");
}

TEST_F(Doctor, NamesAPolicyOthersCanRead) {
  std::filesystem::permissions(hg_home() / "config/policy.json", std::filesystem::perms(0644));
  expect_failure("readable or writable by other users", "chmod 0600");
}

// Signed policies: a key pair in <config>/keys, trust.json naming it.
class DoctorSigned : public Doctor {
protected:
  void SetUp() override {
    Doctor::SetUp();
    ASSERT_EQ(cli({"key", "generate", "--unencrypted"}).status, 0);
    trust(true);
  }
  [[nodiscard]] std::filesystem::path policy() const { return hg_home() / "config/policy.json"; }
  [[nodiscard]] std::filesystem::path keys() const { return hg_home() / "config/keys"; }
  void trust(bool required, const std::string &pub = "policy-signing.pub") const {
    std::string key_line;
    std::ifstream in(keys() / pub);
    std::getline(in, key_line); // untrusted comment
    std::getline(in, key_line);
    std::ofstream(hg_home() / "config/trust.json")
        << nlohmann::json{{"require_signed_policy", required}, {"trusted_keys", {key_line}}}.dump();
    std::filesystem::permissions(hg_home() / "config/trust.json", std::filesystem::perms(0600));
  }
  void edit_policy(const std::function<void(nlohmann::json &)> &edit) const {
    auto json = nlohmann::json::parse(slurp(policy()));
    edit(json);
    std::ofstream(policy()) << json.dump(2);
  }
  void sign(const std::string &key = "policy-signing.key") const {
    const auto run = cli({"policy", "sign", "-s", (keys() / key).string()});
    ASSERT_EQ(run.status, 0) << run.err;
  }
  static std::string utc_date_in(std::chrono::hours ahead) {
    return handleguard_date(std::chrono::system_clock::now() + ahead);
  }
  static std::string handleguard_date(std::chrono::system_clock::time_point when) {
    const auto day = std::chrono::floor<std::chrono::days>(when);
    const std::chrono::year_month_day date{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return text;
  }
};

TEST_F(DoctorSigned, ASignedPolicyWithATrustedKeyPasses) {
  sign();
  const auto run = cli({"doctor"});
  EXPECT_EQ(run.status, 0) << run.out;
  EXPECT_NE(run.out.find("ok   trust: " + (hg_home() / "config/trust.json").string() + ": signed policy required, 1 trusted key(s)"),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ok   policy: signed by trusted key "), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("unsigned"), std::string::npos) << run.out;
}

TEST_F(DoctorSigned, NamesAnUnsignedPolicyWhenSignaturesAreRequired) {
  expect_failure("is not signed, but " + (hg_home() / "config/trust.json").string() + " requires a signed policy",
                 "sign it with a trusted key: handleguard policy sign");
}

TEST_F(DoctorSigned, NamesAPolicyChangedAfterSigning) {
  sign();
  edit_policy([](nlohmann::json &json) { json["serial"] = json.at("serial").get<int>() + 1; });
  expect_failure("policy.json.minisig: ", "re-sign it with a trusted key");
}

TEST_F(DoctorSigned, NamesASignatureByAnUntrustedKey) {
  ASSERT_EQ(cli({"key", "generate", "--unencrypted", "--name", "intruder"}).status, 0);
  sign("intruder.key");
  expect_failure("policy.json.minisig: ", "re-sign it with a trusted key (handleguard policy sign -s KEY), or trust the signer's key");
}

TEST_F(DoctorSigned, NamesARollbackToAnOlderSerial) {
  edit_policy([](nlohmann::json &json) { json["serial"] = 3; });
  sign();
  std::filesystem::create_directories(hg_home() / "state");
  std::ofstream(hg_home() / "state/policy-serial.json") << R"({"highest_signed_serial": 9})";
  expect_failure("serial 3 is older than serial 9 already seen on this workstation (rollback refused)",
                 "install the newest signed policy (serial 9 or later)");
}

TEST_F(DoctorSigned, NamesAnExpiredPolicy) {
  edit_policy([](nlohmann::json &json) { json["expires"] = "2020-01-31"; });
  sign();
  expect_failure("policy: expired on 2020-01-31T00:00:00Z: every post is blocked", "issue a renewed policy with a later \"expires\"");
}

TEST_F(DoctorSigned, WarnsAboutAPolicyThatExpiresSoonWithoutFailing) {
  const auto soon = utc_date_in(std::chrono::hours(24 * 5));
  edit_policy([&](nlohmann::json &json) { json["expires"] = soon; });
  sign();
  const auto run = cli({"doctor"});
  EXPECT_EQ(run.status, 0) << run.out;
  const auto line = line_with(run.out, "policy: expires on " + soon);
  EXPECT_TRUE(line.starts_with("warn")) << run.out;
  EXPECT_NE(line.find("posts will be blocked then -- fix: issue a renewed policy before then"), std::string::npos) << line;
}

TEST_F(DoctorSigned, NamesInvalidTrustSettings) {
  std::ofstream(hg_home() / "config/trust.json") << R"({"require_signed_policy": true, "trusted_keys": []})";
  expect_failure("every policy is refused, so every post is blocked", "fix " + (hg_home() / "config/trust.json").string());
}

TEST_F(DoctorSigned, NamesTrustSettingsOthersCanChange) {
  sign();
  std::filesystem::permissions(hg_home() / "config/trust.json", std::filesystem::perms(0666));
  expect_failure("trust.json is writable by other users: others could trust their own key",
                 "chmod 0600 " + (hg_home() / "config/trust.json").string());
}

TEST_F(DoctorSigned, NamesASecretKeyOthersCanRead) {
  sign();
  std::filesystem::permissions(keys() / "policy-signing.key", std::filesystem::perms(0644));
  expect_failure("secret key " + (keys() / "policy-signing.key").string() + " is readable by other users",
                 "chmod 0600 " + (keys() / "policy-signing.key").string());
}

// The audit store: made by the host doctor starts.
class DoctorAudit : public Doctor {
protected:
  void SetUp() override {
    Doctor::SetUp();
    ASSERT_EQ(cli({"doctor"}).status, 0);
    ASSERT_TRUE(std::filesystem::exists(db()));
  }
  [[nodiscard]] std::filesystem::path db() const { return hg_home() / "state/audit.sqlite"; }
};

TEST_F(DoctorAudit, NamesAnAuditLogChangedAfterItWasSigned) {
  sqlite3 *handle = nullptr;
  ASSERT_EQ(sqlite3_open(db().c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, "UPDATE entries SET body = body || ' ' WHERE seq = (SELECT MIN(seq) FROM entries)", nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(handle);
  EXPECT_EQ(sqlite3_changes(handle), 1);
  sqlite3_close(handle);
  expect_failure(db().string() + " does not verify: ", "keep the file as evidence and tell your admin", {"doctor", "--no-run"});
}

TEST_F(DoctorAudit, NamesAnAuditStoreThatIsNotADatabase) {
  std::ofstream(db(), std::ios::trunc) << "this is not an SQLite file, it is long enough to look like a header page";
  expect_failure(db().string() + " cannot be opened: ", "keep it for your admin and move it aside (mv " + db().string() + "{,.broken})",
                 {"doctor", "--no-run"});
}

TEST_F(DoctorAudit, NamesAnAuditStoreOthersCanRead) {
  std::filesystem::permissions(db(), std::filesystem::perms(0644));
  expect_failure(db().string() + " is readable by other users", "chmod 0600 " + db().string(), {"doctor", "--no-run"});
}

TEST_F(DoctorAudit, NamesAStateFolderOpenToOthers) {
  std::filesystem::permissions(hg_home() / "state", std::filesystem::perms(0755));
  expect_failure("is open to other users", "chmod 0700 " + (hg_home() / "state").string(), {"doctor", "--no-run"});
}

// macOS: the same checks at macOS's locations (files under a fake HOME), apps found in ~/Applications.
TEST_F(Doctor, ChecksMacosLocations) {
  const auto manifest = home() / "Library/Application Support/Chromium/NativeMessagingHosts/org.handleguard.host.json";
  std::filesystem::create_directories(manifest.parent_path());
  std::filesystem::copy_file(chromium_manifest(), manifest);
  std::filesystem::create_directories(home() / "Applications/Firefox.app");
  const auto run = cli({"doctor", "--os", "macos"});
  EXPECT_EQ(run.status, 1) << run.out;
  EXPECT_NE(line_with(run.out, "ok   chromium (user): manifest " + manifest.string()).find("answers hello"), std::string::npos) << run.out;
  EXPECT_TRUE(line_with(run.out, "firefox: installed, but the host is not registered").starts_with("FAIL")) << run.out;
}

// Windows: the plan names each registry key; with reg.exe on PATH doctor queries it and checks
// the manifest its default value names. reg.exe does not exist here: a stand-in prints what
// reg.exe prints (value line "    (Default)    REG_SZ    <path>", exit 1 for a missing key).
TEST_F(Doctor, PlansWindowsRegistryQueries) {
  const auto run = cli({"doctor", "--os", "windows", "--dry-run"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find(R"(chrome (user): reg.exe query HKCU\SOFTWARE\Google\Chrome\NativeMessagingHosts\org.handleguard.host /ve)"),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find(R"(firefox (system): reg.exe query HKLM\SOFTWARE\Mozilla\NativeMessagingHosts\org.handleguard.host /ve)"),
            std::string::npos) << run.out;
}

TEST_F(Doctor, QueriesTheRegistryThroughRegExe) {
  std::ofstream(fake_bin() / "reg.exe") << "#!/bin/sh\n"
                                        << "case \"$2\" in\n"
                                        << "  'HKCU\\SOFTWARE\\Google\\Chrome\\NativeMessagingHosts\\org.handleguard.host')\n"
                                        << "    printf '\\r\\n%s\\r\\n    (Default)    REG_SZ    %s\\r\\n\\r\\n' \"$2\" '" << chromium_manifest().string() << "' ;;\n"
                                        << "  'HKCU\\SOFTWARE\\Mozilla\\NativeMessagingHosts\\org.handleguard.host')\n"
                                        << "    printf '\\r\\n%s\\r\\n    (Standard)    REG_SZ    C:\\\\gone\\\\org.handleguard.host.json\\r\\n' \"$2\" ;;\n"
                                        << "  *) echo 'ERROR: The system was unable to find the specified registry key or value.' >&2; exit 1 ;;\n"
                                        << "esac\n";
  std::filesystem::permissions(fake_bin() / "reg.exe", std::filesystem::perms(0755));
  const auto run = cli({"doctor", "--os", "windows"});
  EXPECT_EQ(run.status, 1) << run.out;
  EXPECT_NE(line_with(run.out, "ok   chrome (user): manifest " + chromium_manifest().string()).find("answers hello"), std::string::npos)
      << run.out;
  const auto firefox = line_with(run.out, R"(firefox (user): HKCU\SOFTWARE\Mozilla\NativeMessagingHosts\org.handleguard.host names C:\gone\org.handleguard.host.json, which does not exist)");
  EXPECT_TRUE(firefox.starts_with("FAIL")) << run.out;
  EXPECT_NE(firefox.find("fix: handleguard install --browser firefox"), std::string::npos) << firefox;
}

} // namespace
