#include "text/chat_spellings.hpp"

#include "text/ascii.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <utility>

namespace handleguard::text {

namespace {

struct ChatWord {
  std::string_view word; // lower case
  std::array<std::string_view, 3> spellings;
};

// Sorted by word. Not "&" or "@": the matcher reads them as a separator and as a letter of any
// word, so "rock & roll" would be "rock roll".
constexpr std::array<ChatWord, 34> chat_words{{
    {"and", {"n"}},
    {"are", {"r"}},
    {"be", {"b"}},
    {"because", {"cuz", "coz", "bc"}},
    {"before", {"b4"}},
    {"for", {"4"}},
    {"four", {"4"}},
    {"great", {"gr8"}},
    {"later", {"l8r"}},
    {"love", {"luv"}},
    {"night", {"nite"}},
    {"one", {"1"}},
    {"people", {"ppl"}},
    {"please", {"pls", "plz"}},
    {"see", {"c"}},
    {"thanks", {"thx"}},
    {"the", {"da"}},
    {"though", {"tho"}},
    {"through", {"thru"}},
    {"to", {"2"}},
    {"today", {"2day"}},
    {"tomorrow", {"2moro", "2morrow"}},
    {"tonight", {"2nite"}},
    {"too", {"2"}},
    {"two", {"2"}},
    {"what", {"wat", "wut"}},
    {"why", {"y"}},
    {"you", {"u", "ya", "yu"}},
    {"you'll", {"ul"}},
    {"you're", {"ur", "u r"}},
    {"your", {"ur", "yr"}},
    {"youre", {"ur", "u r"}},
    {"yours", {"urs"}},
    {"yourself", {"urself", "uself"}},
}};
static_assert(std::ranges::is_sorted(chat_words, {}, &ChatWord::word));

std::string lower_ascii(std::string_view word) {
  constexpr std::string_view typographic_apostrophe = "\u2019"; // the same contraction
  std::string lower;
  for (std::size_t at = 0; at < word.size(); ++at) {
    if (word.substr(at).starts_with(typographic_apostrophe)) {
      lower.push_back('\'');
      at += typographic_apostrophe.size() - 1;
      continue;
    }
    lower.push_back(ascii::lower(word[at]));
  }
  return lower;
}

std::span<const std::string_view> spellings_of(std::string_view word) {
  const std::string lower = lower_ascii(word);
  const auto *found = std::ranges::lower_bound(chat_words, std::string_view(lower), {}, &ChatWord::word);
  if (found == chat_words.end() || found->word != lower) return {};
  const auto count = std::ranges::count_if(found->spellings, [](std::string_view s) { return !s.empty(); });
  return std::span(found->spellings).first(static_cast<std::size_t>(count));
}

} // namespace

std::vector<std::string> chat_spellings(std::string_view written) {
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < written.size();) {
    const std::size_t end = std::min(written.find(' ', at), written.size());
    if (end > at) words.push_back(written.substr(at, end - at));
    at = end + 1;
  }
  std::vector<std::span<const std::string_view>> options;
  std::vector<std::size_t> changeable; // indexes into words
  for (std::size_t w = 0; w < words.size(); ++w) {
    options.push_back(words.size() >= 2 ? spellings_of(words[w]) : std::span<const std::string_view>{});
    if (!options.back().empty()) changeable.push_back(w);
  }
  // Fewest changed words first: each round changes one more word than the last, choosing the
  // changed words in order and each one's spelling in turn.
  std::vector<std::string> spellings;
  const auto spell = [&](const std::vector<std::pair<std::size_t, std::size_t>> &changes) {
    std::string phrase;
    std::size_t next = 0;
    for (std::size_t w = 0; w < words.size(); ++w) {
      if (!phrase.empty()) phrase += ' ';
      if (next < changes.size() && changes[next].first == w) phrase += options[w][changes[next++].second];
      else phrase += words[w];
    }
    spellings.push_back(std::move(phrase));
  };
  std::vector<std::pair<std::size_t, std::size_t>> changes; // (word, spelling)
  const auto choose = [&](auto &self, std::size_t from, std::size_t left) -> void {
    if (spellings.size() >= max_chat_spellings) return;
    if (left == 0) {
      spell(changes);
      return;
    }
    for (std::size_t c = from; c + left <= changeable.size() && spellings.size() < max_chat_spellings; ++c) {
      for (std::size_t s = 0; s < options[changeable[c]].size(); ++s) {
        changes.emplace_back(changeable[c], s);
        self(self, c + 1, left - 1);
        changes.pop_back();
      }
    }
  };
  for (std::size_t count = 1; count <= changeable.size() && spellings.size() < max_chat_spellings; ++count) choose(choose, 0, count);
  return spellings;
}

} // namespace handleguard::text
