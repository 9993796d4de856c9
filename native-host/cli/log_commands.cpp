// `handleguard log verify|prove|show|export|checkpoint`: reading and checking the audit trail.
#include <iostream>
#include <limits>

#include <nlohmann/json.hpp>

#include "audit/audit_store.hpp"
#include "audit/log_verification.hpp"
#include "argument_checks.hpp"
#include "cli_support.hpp"
#include "signing/encoding.hpp"
#include "signing/policy_gate.hpp"
#include "util/json_fields.hpp"
#include "util/message_excerpt.hpp"
#include "util/terminal_text.hpp"

namespace handleguard::cli {

using nlohmann::json;

namespace {
std::unique_ptr<audit::AuditStore> open_log(const Context &context) {
  auto store = audit::AuditStore::open_read_only(context.paths.audit_db());
  if (!store) throw CliError(exit_code::no_input, store.error(), "the log is created when the host first runs");
  return std::move(*store);
}

audit::NoteVerifier load_verifier(const Context &context, const std::string &key_option) {
  std::string text = key_option;
  const auto default_path = context.paths.keys_dir() / "log-signing.vkey";
  std::error_code not_a_path; // a key given as text may be no possible file name at all
  if (text.empty() || std::filesystem::exists(text, not_a_path)) {
    const std::filesystem::path path = text.empty() ? default_path : std::filesystem::path(text);
    if (text.empty() && std::filesystem::status(path, not_a_path).type() == std::filesystem::file_type::not_found) {
      throw CliError(exit_code::no_input, path.string() + ": no such file", "pass the log's verifier key with --key");
    }
    text = read_input_file(path, 4096);
  }
  auto verifier = audit::parse_note_verifier(text);
  if (!verifier) throw CliError(exit_code::data_error, verifier.error());
  return *verifier;
}

std::string b64(const audit::Hash &hash) { return signing::to_base64(hash); }

json hashes_json(const std::vector<audit::Hash> &hashes) {
  json out = json::array();
  for (const auto &hash : hashes) out.push_back(b64(hash));
  return out;
}
} // namespace

void register_log_commands(CLI::App &app, Context &context) {
  auto *log = app.add_subcommand("log", "Check and read the audit trail");
  log->require_subcommand(1);

  auto *verify = log->add_subcommand("verify", "Check every entry against the signed checkpoints; exit 0 ok, 1 failed");
  auto checkpoints_file = std::make_shared<std::string>();
  auto key = std::make_shared<std::string>();
  verify->add_option("--checkpoints", *checkpoints_file,
                     "Checkpoints kept elsewhere (notes, or JSON lines as forwarded to syslog): the log must match them");
  verify->add_option("--key", *key, "The log's verifier key (file or text; default: keys/log-signing.vkey)");
  verify->callback([&context, checkpoints_file, key] {
    const auto store = open_log(context);
    const auto verifier = load_verifier(context, *key);
    std::vector<std::string> external;
    if (!checkpoints_file->empty()) {
      external = audit::split_notes(read_input_file(*checkpoints_file));
      if (external.empty()) throw CliError(exit_code::data_error, *checkpoints_file + ": no checkpoints in this file");
    }
    auto report = audit::verify_log(*store, verifier, external);
    if (!report) {
      std::cerr << context.paths.audit_db().string() << ": FAILED: " << report.error() << "\n";
      context.exit_status = exit_code::warn;
      return;
    }
    std::cout << context.paths.audit_db().string() << ": ok, " << report->entries << " entries, " << report->checkpoints
              << " signed checkpoints";
    if (!external.empty()) std::cout << ", consistent with " << report->external_checkpoints << " checkpoints kept elsewhere";
    std::cout << "\nroot " << b64(report->latest.root) << " at size " << report->latest.size << "\n";
  });

  auto *prove = log->add_subcommand("prove", "Print an inclusion proof (--index) or a consistency proof (--consistency) as JSON");
  auto index = std::make_shared<std::int64_t>(-1);
  auto old_size = std::make_shared<std::int64_t>(-1);
  auto size = std::make_shared<std::int64_t>(-1);
  // -1 stands for "not given": a negative value given would pass for that (--size -7: the whole log).
  prove->add_option("--index", *index, "Entry number (seq) to prove included")->check(whole_number(std::numeric_limits<std::int64_t>::max()));
  prove->add_option("--consistency", *old_size, "Earlier tree size to prove the log extends")->check(whole_number(std::numeric_limits<std::int64_t>::max()));
  prove->add_option("--size", *size, "Tree size to prove against (default: the whole log)")->check(whole_number(std::numeric_limits<std::int64_t>::max()));
  prove->callback([&context, index, old_size, size] {
    if ((*index < 0) == (*old_size < 0)) throw CliError(exit_code::usage, "give exactly one of --index or --consistency");
    const auto store = open_log(context);
    auto leaves = audit::leaf_hashes(*store);
    if (!leaves) throw CliError(exit_code::data_error, leaves.error());
    const auto tree_size = *size < 0 ? leaves->size() : static_cast<std::size_t>(*size);
    if (tree_size > leaves->size()) throw CliError(exit_code::usage, "--size is larger than the log");
    const std::span<const audit::Hash> tree(leaves->data(), tree_size);
    json out = {{"tree_size", tree_size}, {"root", b64(audit::tree_root(tree))}};
    if (*index >= 0) {
      if (static_cast<std::size_t>(*index) >= tree_size) throw CliError(exit_code::usage, "--index is outside the tree");
      const auto at = static_cast<std::uint64_t>(*index);
      out["index"] = at;
      out["leaf_hash"] = b64(tree[at]);
      out["inclusion_proof"] = hashes_json(audit::inclusion_proof(tree, at));
    } else {
      if (static_cast<std::size_t>(*old_size) > tree_size) throw CliError(exit_code::usage, "--consistency is larger than --size");
      const auto old = static_cast<std::uint64_t>(*old_size);
      out["old_size"] = old;
      out["old_root"] = b64(audit::tree_root(tree.first(old)));
      out["consistency_proof"] = hashes_json(audit::consistency_proof(tree, old));
    }
    std::cout << util::terminal_json(out.dump(2)) << "\n";
  });

  auto *show = log->add_subcommand("show", "Print events, newest last");
  auto account = std::make_shared<std::string>();
  auto since = std::make_shared<std::string>();
  auto as_json = std::make_shared<bool>(false);
  auto limit = std::make_shared<std::size_t>(100);
  show->add_option("--account", *account, "Only events about this handle");
  show->add_option("--since", *since, "Only events at or after this UTC time (2027-01-31 or 2027-01-31T18:00:00Z)");
  show->add_option("--limit", *limit, "At most this many (the newest); 0 for all")
      ->check(whole_number(std::numeric_limits<std::size_t>::max()));
  show->add_flag("--json", *as_json, "One JSON object per line");
  show->callback([&context, account, since, as_json, limit] {
    std::string since_text;
    if (!since->empty()) {
      const auto parsed = signing::parse_utc_time(*since);
      if (!parsed) throw CliError(exit_code::usage, "--since: expected 2027-01-31 or 2027-01-31T18:00:00Z");
      since_text = signing::format_utc_time(*parsed);
    }
    std::string wanted_account = *account;
    if (!wanted_account.empty() && wanted_account.front() == '@') wanted_account.erase(0, 1);
    std::transform(wanted_account.begin(), wanted_account.end(), wanted_account.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto store = open_log(context);
    auto entries = store->entries();
    if (!entries) throw CliError(exit_code::data_error, entries.error());
    std::vector<json> selected;
    for (const auto &entry : *entries) {
      const json event = json::parse(entry.body, nullptr, false);
      if (!event.is_object()) continue;
      if (!since_text.empty() && util::string_or(event, "time").substr(0, 19) < since_text.substr(0, 19)) continue;
      if (!wanted_account.empty()) {
        std::string handle = util::string_or(event, "account");
        if (!handle.empty() && handle.front() == '@') handle.erase(0, 1);
        std::transform(handle.begin(), handle.end(), handle.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (handle != wanted_account) continue;
      }
      selected.push_back(event);
    }
    const std::size_t start = *limit == 0 || selected.size() <= *limit ? 0 : selected.size() - *limit;
    for (std::size_t i = start; i < selected.size(); ++i) {
      const json &event = selected[i];
      if (*as_json) {
        std::cout << util::terminal_json(event.dump()) << "\n";
        continue;
      }
      // Values come from the browser and from staff (an override's reason): one line each, and
      // nothing a terminal would act on (an escape sequence could erase the lines above it).
      // --json gives them whole.
      const auto shown = [](const std::string &value) { return util::message_excerpt(value, 200); };
      std::cout << "#" << event.value("seq", json(0)).dump() << " " << shown(util::string_or(event, "time")) << " "
                << shown(util::string_or(event, "type"));
      for (const char *name : {"account", "action", "verdict", "reason", "policy_serial", "error"}) {
        if (const auto found = event.find(name); found != event.end() && !found->is_null()) {
          std::cout << " " << name << "=" << shown(found->is_string() ? found->get<std::string>() : found->dump());
        }
      }
      if (const auto rules = event.find("rules"); rules != event.end() && rules->is_array() && !rules->empty()) {
        std::cout << " rules=" << util::terminal_json(rules->dump());
      }
      std::cout << " user=" << shown(util::string_or(event, "os_user")) << "\n";
    }
  });

  auto *exported = log->add_subcommand("export", "Print every entry exactly as stored and hashed (JSON Lines)");
  exported->callback([&context] {
    const auto store = open_log(context);
    auto entries = store->entries();
    if (!entries) throw CliError(exit_code::data_error, entries.error());
    for (const auto &entry : *entries) std::cout << entry.body << "\n";
  });

  auto *checkpoint = log->add_subcommand("checkpoint", "Print the newest signed checkpoint (keep it off this machine)");
  checkpoint->callback([&context] {
    const auto store = open_log(context);
    auto stored = store->checkpoints();
    if (!stored) throw CliError(exit_code::data_error, stored.error());
    if (stored->empty()) throw CliError(exit_code::no_input, "the log has no checkpoint yet");
    std::cout << stored->back().second;
  });
}

} // namespace handleguard::cli
