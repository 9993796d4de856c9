// `handleguard check`: the verdict the host would give, for one text, a file, or a content
// calendar (CSV), through the same rules::Guard path the host uses.
#include <cstdint>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "argument_checks.hpp"
#include "audit_recording.hpp"
#include "verdict_recorder.hpp"
#include "cli_support.hpp"
#include "policy/parse.hpp"
#include "rules/content_calendar.hpp"
#include "rules/guard.hpp"
#include "rules/verdict_log.hpp"
#include "util/local_time.hpp"
#include "util/message_excerpt.hpp"
#include "util/os_user.hpp"
#include "util/utf.hpp"
#include "util/terminal_text.hpp"

namespace handleguard::cli {

namespace {
int exit_status_for(rules::Decision decision) {
  switch (decision) {
  case rules::Decision::allow: return exit_code::ok;
  case rules::Decision::warn: return exit_code::warn;
  case rules::Decision::block: return exit_code::block;
  }
  return exit_code::block;
}

void print_human(std::ostream &out, const rules::Verdict &verdict, const std::string &text, const std::string &label) {
  out << label << rules::to_string(verdict.decision);
  if (verdict.identity.account != nullptr) {
    out << " @" << verdict.identity.account->handle << " (" << util::terminal_text(verdict.identity.account->client) << ")";
  }
  if (verdict.decision != rules::Decision::allow) out << " [override: " << policy::to_string(verdict.override_.mode) << "]";
  if (verdict.confirmation_required) out << " [type the handle to confirm]";
  out << "\n";
  const auto utf16 = util::to_utf16(text);
  for (const auto &violation : verdict.violations) {
    // Rule ids and messages are the policy's: shown, never acted on by the terminal.
    out << "  " << policy::to_string(violation.severity) << " [" << util::terminal_text(violation.rule_id) << "] "
              << util::terminal_text(violation.message);
    if (violation.span && violation.span->end <= utf16.size() && violation.span->begin <= violation.span->end) {
      // One line per violation, whatever the span holds: a long overflow is cut, a line break or
      // a control character in the post shown, not acted on.
      const auto spanned = util::to_utf8(std::u16string_view(utf16).substr(violation.span->begin, violation.span->end - violation.span->begin));
      out << " at " << violation.span->begin << "-" << violation.span->end << ": \"" << util::message_excerpt(spanned, 60) << "\"";
    }
    out << "\n";
  }
}

struct Options {
  std::string account, user_id, text, file, calendar, action = "post", staff, at;
  bool json = false, record = false;
};

std::optional<rules::TimePoint> parse_time_option(const std::string &text, const std::string &what) {
  if (text.empty()) return std::nullopt;
  auto parsed = util::parse_iso8601(text);
  if (!parsed) throw CliError(exit_code::usage, what + " \"" + text + "\" is not an ISO 8601 time with an offset", "e.g. 2026-12-01T09:30:00+01:00");
  return parsed;
}

// The smallest user id no account of `policy` has.
std::string id_outside(const policy::Policy &policy) {
  for (std::uint64_t id = 1;; ++id) {
    std::string candidate = std::to_string(id);
    if (policy.find_by_user_id(candidate) == nullptr) return candidate;
  }
}

struct Checked {
  rules::Verdict verdict;
  std::string text;
};

// Judges one draft as the host would; with --record (`recorder` set) adds the verdict to the
// recorder's group, which the caller commits.
Checked check_one(const rules::RuleEngine &engine, rules::Guard &guard, const Options &options, const std::string &account,
                  const std::string &text, std::optional<rules::TimePoint> time, VerdictRecorder *recorder) {
  if (!util::is_valid_utf8(text)) throw CliError(exit_code::data_error, "the text is not valid UTF-8");
  rules::Draft draft{account, options.user_id, text, options.action, std::nullopt, std::nullopt, {}};
  if (draft.user_id.empty()) {
    // An admin's dry run names the account by handle; the id is the policy's own. A handle the
    // policy lacks gets an id it lacks too, so the draft is judged as from the unknown account it
    // is (as the host would judge it, the policy's unknown_account setting included), not as from
    // a browser that could not read who is logged in.
    const auto *known = engine.policy().find_by_handle(account);
    draft.user_id = known != nullptr ? known->user_id : id_outside(engine.policy());
  }
  if (!options.staff.empty()) draft.staff_id = options.staff;
  const auto now = parse_time_option(options.at, "--at").value_or(std::chrono::system_clock::now());
  if (time) {
    // A calendar row's time is when the post goes out.
    draft.scheduled_at = *time;
  } else if (options.action == "schedule") {
    draft.scheduled_at = now;
  }
  rules::Verdict verdict = guard.judge(engine, draft, now);
  if (recorder != nullptr) recorder->add(engine, verdict, draft);
  return {std::move(verdict), text};
}

// `text` (JSON as dump(2) prints it) with `margin` before each line, the first line too when
// `first_line`: a part printed on its own looks as it would inside the whole document.
std::string indented(const std::string &text, std::string_view margin, bool first_line) {
  std::string out = first_line ? std::string(margin) : std::string();
  for (const char c : text) {
    out += c;
    if (c == '\n') out += margin; // JSON escapes a line break inside a string, so each is a line end
  }
  return out;
}

// The first few of `names`, quoted, and how many more: a sheet with thousands of columns gets a
// line, not pages.
std::string column_names(const std::vector<std::string> &names) {
  constexpr std::size_t shown = 10;
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < shown; ++i) list += (i == 0 ? "\"" : ", \"") + util::message_excerpt(names[i]) + "\"";
  if (names.size() > shown) list += " and " + std::to_string(names.size() - shown) + " more";
  return list;
}

// The text of a post saved in `file` as a calendar's cells are read: UTF-8, with or without the
// byte order mark Notepad writes, or UTF-16 with one (Notepad's "Unicode"); else exit 65 naming
// the file, rather than a bare "not valid UTF-8".
std::string post_text_of_file(const std::string &file) {
  std::string text = read_input_file(file);
  if (util::starts_with_utf16_bom(text)) {
    auto utf8 = util::utf16_file_to_utf8(text);
    if (!utf8) throw CliError(exit_code::data_error, file + ": " + utf8.error(), "save it as UTF-8");
    text = std::move(*utf8);
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  if (!util::is_valid_utf8(text)) throw CliError(exit_code::data_error, file + ": not valid UTF-8", "save it as UTF-8");
  return text;
}

// "line 7" or "lines 2-1001": the rows of a group, for its messages.
std::string lines_text(std::size_t first, std::size_t last) {
  return first == last ? "line " + std::to_string(first) : "lines " + std::to_string(first) + "-" + std::to_string(last);
}

void run_calendar(const rules::RuleEngine &engine, rules::Guard &guard, const Options &options, Context &context,
                  VerdictRecorder *recorder) {
  const std::string content = read_input_file(options.calendar);
  auto calendar = rules::read_content_calendar(content);
  if (!calendar) throw CliError(exit_code::data_error, options.calendar + ": " + calendar.error());
  if (!calendar->unread_columns.empty()) {
    std::cerr << "handleguard: note: " << options.calendar << ": columns not read: " << column_names(calendar->unread_columns) << "\n";
  }
  // Rows are printed as they are judged, never gathered: a million rows held as JSON took 8 GB.
  // With --record, a group of rows is printed once it is recorded, so that every verdict printed
  // is in the audit log, even when the run is killed or a later group cannot be recorded.
  std::ostringstream held;
  std::ostream &rows_out = recorder != nullptr ? static_cast<std::ostream &>(held) : std::cout;
  std::size_t group_first_line = 0, last_line = 0;
  const auto commit_group = [&] {
    if (recorder == nullptr || group_first_line == 0) return;
    recorder->commit(options.calendar + ": " + lines_text(group_first_line, last_line));
    std::cout << held.str();
    held.str({});
    group_first_line = 0;
  };
  if (options.json) std::cout << "{\n  \"rows\": [";
  bool first_row = true;
  int counts[3] = {0, 0, 0};
  rules::Decision worst = rules::Decision::allow;
  for (const auto &row : calendar->rows) {
    Options row_options = options;
    if (row.time) row_options.action = "schedule"; // a row's time is when the post goes out
    auto checked = check_one(engine, guard, row_options, row.account, row.text, row.time, recorder);
    if (group_first_line == 0) group_first_line = row.line;
    last_line = row.line;
    ++counts[static_cast<int>(checked.verdict.decision)];
    if (static_cast<int>(checked.verdict.decision) > static_cast<int>(worst)) worst = checked.verdict.decision;
    if (options.json) {
      auto item = rules::to_json(checked.verdict);
      item["line"] = row.line;
      rows_out << (first_row ? "\n" : ",\n") << indented(util::terminal_json(item.dump(2)), "    ", true);
      first_row = false;
    } else {
      print_human(rows_out, checked.verdict, checked.text, "line " + std::to_string(row.line) + ": ");
    }
    if (recorder != nullptr && recorder->group_due()) commit_group();
  }
  commit_group();
  const std::size_t total = calendar->rows.size();
  if (options.json) {
    const nlohmann::json summary = {{"rows", total}, {"allow", counts[0]}, {"warn", counts[1]}, {"block", counts[2]}};
    std::cout << (first_row ? "]" : "\n  ]") << ",\n  \"summary\": " << indented(summary.dump(2), "  ", false) << "\n}\n";
  } else {
    std::cout << total << " rows: " << counts[0] << " allow, " << counts[1] << " warn, " << counts[2] << " block\n";
  }
  context.exit_status = exit_status_for(worst);
}
} // namespace

void register_check_command(CLI::App &app, Context &context) {
  auto options = std::make_shared<Options>();
  auto *check = app.add_subcommand("check", "Judge a draft, a file or a content calendar as the guard would; exit 0 allow, 1 warn, 2 block");
  check->add_option("--account", options->account, "The @handle the post would go out from")->check(utf8_text());
  check->add_option("--user-id", options->user_id, "The logged-in user id (default: the policy's id for the handle)")->check(utf8_text());
  auto *text_option = check->add_option("--text", options->text, "The post text");
  auto *file_option = check->add_option("--file", options->file, "Read the post text from this file");
  auto *calendar_option = check->add_option("--calendar", options->calendar, "A content calendar: CSV with the header account,text[,time]");
  text_option->excludes(file_option)->excludes(calendar_option);
  file_option->excludes(calendar_option);
  check->add_option("--action", options->action, "post, reply, quote, dm, schedule, repost, like or follow")
      ->check(CLI::IsMember({"post", "reply", "quote", "dm", "schedule", "repost", "like", "follow"}));
  check->add_option("--staff", options->staff, "Judge as this staff id (default: the staff member of your OS user)")->check(utf8_text());
  check->add_option("--at", options->at, "Judge at this time (ISO 8601 with offset; default now); for --action schedule, the go-out time");
  check->add_flag("--record", options->record, "Record each verdict in the audit log and count what may go out toward rate limits (a dry run by default)");
  check->add_flag("--json", options->json, "Print the verdict as JSON");
  check->callback([&context, options] {
    // The policy the host would enforce: a policy the trust settings refuse is refused here too.
    std::string refused;
    const auto in_force = policy_in_force(context, &refused);
    if (!in_force) throw CliError(exit_code::config, refused);
    const rules::RuleEngine &engine = *in_force;
    rules::Guard guard(context.paths, util::current_os_user());
    std::unique_ptr<VerdictRecorder> recorder;
    if (options->record) recorder = std::make_unique<VerdictRecorder>(context, guard);
    if (!options->calendar.empty()) {
      run_calendar(engine, guard, *options, context, recorder.get());
      return;
    }
    if (options->account.empty()) throw CliError(exit_code::usage, "--account is required (except with --calendar)");
    std::string text = options->text;
    if (!options->file.empty()) {
      text = post_text_of_file(options->file);
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back(); // editors add one
    }
    auto checked = check_one(engine, guard, *options, options->account, text, std::nullopt, recorder.get());
    if (recorder) recorder->commit("check --record");
    if (options->json) std::cout << util::terminal_json(rules::to_json(checked.verdict).dump(2)) << "\n";
    else print_human(std::cout, checked.verdict, checked.text, "");
    context.exit_status = exit_status_for(checked.verdict.decision);
  });
}

} // namespace handleguard::cli
