#include "text/lexicon.hpp"

#include <algorithm>

#include "util/trim.hpp"
#include "util/utf.hpp"

namespace handleguard::text {

namespace {
// Finds where the options start: after a tab, or after two or more spaces, so that a phrase
// ("barely legal") keeps its single spaces.
std::size_t options_start(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\t') return i;
    if (line[i] == ' ' && i + 1 < line.size() && line[i + 1] == ' ') return i;
  }
  return std::string_view::npos;
}

// Cuts a trailing comment: a `#` that follows whitespace. A `#` inside a term ("c#") stays.
std::string_view strip_comment(std::string_view line) {
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '#' && util::is_blank(line[i - 1])) return line.substr(0, i);
  }
  return line;
}

struct ParsedOptions {
  bool substring = false;
  std::string error;
};

ParsedOptions parse_options(std::string_view options) {
  ParsedOptions parsed;
  bool seen_word = false;
  bool seen_substring = false;
  while (!(options = util::trim_blanks(options)).empty()) {
    std::size_t end = 0;
    while (end < options.size() && !util::is_blank(options[end])) ++end;
    const std::string_view option = options.substr(0, end);
    options.remove_prefix(end);
    if (option == "substring") seen_substring = true;
    else if (option == "word") seen_word = true;
    else {
      parsed.error = "unknown option \"" + std::string(option) + "\" (known: word, substring)";
      return parsed;
    }
  }
  if (seen_word && seen_substring) parsed.error = "options \"word\" and \"substring\" exclude each other";
  parsed.substring = seen_substring;
  return parsed;
}
} // namespace

std::expected<Lexicon, std::vector<LexiconError>> parse_lexicon(std::string_view text) {
  Lexicon lexicon;
  std::vector<LexiconError> errors;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);

    if (!util::is_valid_utf8(line)) {
      errors.push_back({line_number, "not valid UTF-8"});
      continue;
    }
    if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3); // byte order mark
    line = util::trim_blanks(line);
    if (line.empty() || line.front() == '#') continue;
    line = util::trim_blanks(strip_comment(line));

    const bool allow = line.front() == '!';
    if (allow) line = util::trim_blanks(line.substr(1));
    else if (line.starts_with("\\!") || line.starts_with("\\#")) line.remove_prefix(1);

    const std::size_t split = options_start(line);
    const std::string_view term = util::trim_blanks(line.substr(0, split));
    const std::string_view options = split == std::string_view::npos ? std::string_view{} : line.substr(split);
    if (term.empty()) {
      errors.push_back({line_number, allow ? "\"!\" without a word to allow" : "options without a term"});
      continue;
    }
    const ParsedOptions parsed = parse_options(options);
    if (!parsed.error.empty()) {
      errors.push_back({line_number, parsed.error});
      continue;
    }
    if (allow) {
      if (parsed.substring) {
        errors.push_back({line_number, "an allow-list word takes no \"substring\" option"});
        continue;
      }
      lexicon.allow.emplace_back(term);
      continue;
    }
    if (!TermMatcher::can_match(term)) {
      errors.push_back({line_number, "\"" + std::string(term) + "\" has no letter or digit, so it could never match"});
      continue;
    }
    lexicon.terms.push_back({std::string(term), parsed.substring});
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return lexicon;
}

std::string describe(const std::vector<LexiconError> &errors, std::string_view name) {
  std::string out;
  for (const auto &error : errors) {
    out += std::string(name) + ":" + std::to_string(error.line) + ": " + error.message + "\n";
  }
  return out;
}

} // namespace handleguard::text
