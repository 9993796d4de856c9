#include "text/aho_corasick.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <tuple>

namespace handleguard::text {
namespace {

using Symbols = std::vector<AhoCorasick::Symbol>;
using Hit = std::tuple<std::size_t, std::uint32_t>; // (end position, key)

std::set<Hit> automaton_hits(const AhoCorasick &automaton, const Symbols &text) {
  std::set<Hit> hits;
  AhoCorasick::State state = AhoCorasick::root;
  for (std::size_t i = 0; i < text.size(); ++i) {
    state = automaton.step(state, text[i]);
    EXPECT_EQ(automaton.ends_keys(state), [&] {
      bool any = false;
      automaton.for_each_key_ending_at(state, [&](std::uint32_t) { any = true; });
      return any;
    }());
    automaton.for_each_key_ending_at(state, [&](std::uint32_t key) { hits.emplace(i + 1, key); });
  }
  return hits;
}

std::set<Hit> naive_hits(const std::vector<Symbols> &keys, const Symbols &text) {
  std::set<Hit> hits;
  for (std::uint32_t k = 0; k < keys.size(); ++k) {
    if (keys[k].empty() || keys[k].size() > text.size()) continue;
    for (std::size_t at = 0; at + keys[k].size() <= text.size(); ++at) {
      if (std::equal(keys[k].begin(), keys[k].end(), text.begin() + static_cast<std::ptrdiff_t>(at))) {
        hits.emplace(at + keys[k].size(), k);
      }
    }
  }
  return hits;
}

void check_against_naive(AhoCorasick::Symbol alphabet, AhoCorasick::Symbol used_symbols, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<AhoCorasick::Symbol> symbol(0, used_symbols - 1);
  std::uniform_int_distribution<std::size_t> length(0, 6);
  std::vector<Symbols> keys(200);
  for (auto &key : keys) {
    key.resize(length(random));
    for (auto &s : key) s = symbol(random) * (alphabet / used_symbols);
  }
  keys.push_back(keys[3]); // duplicate keys are both reported
  const AhoCorasick automaton(keys, alphabet);
  for (int round = 0; round < 20; ++round) {
    Symbols text(500);
    for (auto &s : text) s = symbol(random) * (alphabet / used_symbols);
    EXPECT_EQ(automaton_hits(automaton, text), naive_hits(keys, text));
  }
}

TEST(AhoCorasick, FindsExactlyWhatNaiveSearchFindsWithTheFullTable) { check_against_naive(4, 4, 1); }

TEST(AhoCorasick, FindsExactlyWhatNaiveSearchFindsThroughFailureLinks) {
  // 200 keys with a 2-million-symbol alphabet exceed the table's bound: failure links are walked.
  check_against_naive(2'000'000, 3, 2);
}

TEST(AhoCorasick, OverlappingAndNestedKeys) {
  const AhoCorasick automaton({{1, 2, 3}, {2, 3}, {3}, {1, 2, 3, 4}, {}}, 5);
  const auto hits = automaton_hits(automaton, {1, 2, 3, 4, 3});
  EXPECT_EQ(hits, (std::set<Hit>{{3, 0}, {3, 1}, {3, 2}, {4, 3}, {5, 2}}));
}

} // namespace
} // namespace handleguard::text
