// `handleguard text`: how X counts a text and what links, mentions, hashtags and cashtags it
// holds — the same engine the guard's length and entity rules use.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "text/tweet_text.hpp"
#include "text/tweet_text_json.hpp"
#include "util/message_excerpt.hpp"
#include "util/utf.hpp"
#include "util/terminal_text.hpp"

namespace handleguard::cli {

namespace {
// As much text as the host takes in one `check` (docs/protocol.md), far above X's longest post.
constexpr std::size_t max_text_bytes = 256U * 1024U;

// Reads standard input to its end, refusing more than `max_text_bytes`: a pipe that never ends
// (`yes | handleguard text -`) must end the command, not fill the memory.
std::string read_standard_input() {
  std::string input;
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    input.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (input.size() > max_text_bytes) {
      throw CliError(exit_code::data_error, "text: standard input holds more than 256 KiB, more than any post");
    }
  }
  return input;
}

void print_human(const text::ParseResult &count, const text::TextConfig &config, const text::Entities &entities) {
  std::cout << count.weighted_length << "/" << config.max_weighted_tweet_length << " "
            << (count.valid ? "valid" : "not valid") << "\n";
  const auto print = [](const char *kind, const char *sigil, const std::vector<text::Entity> &list) {
    for (const auto &entity : list) {
      std::cout << "  " << kind << " " << sigil << entity.text << entity.list_slug << " [" << entity.begin << ", "
                << entity.end << ")\n";
    }
  };
  print("url", "", entities.urls);
  print("mention", "@", entities.mentions);
  print("hashtag", "#", entities.hashtags);
  print("cashtag", "$", entities.cashtags);
}
} // namespace

void register_text_command(CLI::App &app, Context & /*context*/) {
  struct Options {
    std::string text;
    std::string source; // "-" reads standard input
    std::string config = "v3";
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  auto *command = app.add_subcommand("text", "Count a text as X does and list its links, mentions, hashtags, cashtags");
  auto *text_option = command->add_option("--text", options->text, "The text");
  auto text_given = std::make_shared<bool>(false);
  text_option->each([text_given](const std::string &) { *text_given = true; });
  command->add_option("source", options->source, "- to read the text from standard input")->excludes(text_option);
  command->add_option("--config", options->config, "X's counting rules: v3 (current, default) or v2")
      ->check(CLI::IsMember({"v2", "v3"}));
  command->add_flag("--json", options->json, "Print twitter-text's parseTweet fields and the entities as JSON");
  command->callback([options, text_given] {
    if (options->source.empty() && !*text_given) {
      throw CliError(exit_code::usage, "text: give the text with --text TEXT, or - to read it from standard input");
    }
    if (!options->source.empty() && options->source != "-") {
      // A text given where "-" belongs: say how to pass it rather than CLI11's "not in {-}".
      throw CliError(exit_code::usage, "text: give the text with --text, e.g. handleguard text --text \"" +
                                           util::message_excerpt(options->source) + "\" (or - to read it from standard input)");
    }
    std::string input = options->text;
    if (options->source == "-") input = read_standard_input();
    if (!util::is_valid_utf8(input)) throw CliError(exit_code::data_error, "the text is not valid UTF-8");
    const auto engine = text::shared_tweet_text();
    if (!engine) {
      throw CliError(exit_code::config, engine.error(),
                     "reinstall handleguard, or point HANDLEGUARD_DATA_DIR at a folder holding twitter-text/");
    }
    const auto &config = (*engine)->config(options->config == "v2" ? text::ConfigVersion::v2 : text::ConfigVersion::v3);
    const auto parsed = (*engine)->parse(input, config);
    if (options->json) std::cout << util::terminal_json(text::tweet_text_json(parsed.count, parsed.entities).dump()) << "\n";
    else print_human(parsed.count, config, parsed.entities);
  });
}

} // namespace handleguard::cli
