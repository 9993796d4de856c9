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

// The rows that most steps read (a few symbols from the root) must lie together at the table's
// start: states are numbered by their distance from the root, whatever the order of the keys.
TEST(AhoCorasick, NumbersStatesByTheirDistanceFromTheRoot) {
  constexpr AhoCorasick::Symbol alphabet = 5;
  const AhoCorasick automaton({{4, 3, 2, 1, 0}, {0, 1}, {4, 4}, {2}, {3, 0, 3}, {1, 2, 3}}, alphabet);
  ASSERT_NE(automaton.table(), nullptr);
  std::vector<std::size_t> distance(automaton.state_count(), automaton.state_count());
  distance[AhoCorasick::root] = 0;
  std::vector<AhoCorasick::State> queue{AhoCorasick::root};
  for (std::size_t head = 0; head < queue.size(); ++head) {
    for (AhoCorasick::Symbol symbol = 0; symbol < alphabet; ++symbol) {
      const AhoCorasick::State next = automaton.table()[queue[head] * alphabet + symbol];
      if (distance[next] > distance[queue[head]] + 1) {
        distance[next] = distance[queue[head]] + 1;
        queue.push_back(next);
      }
    }
  }
  ASSERT_EQ(queue.size(), automaton.state_count()); // every state is reached
  EXPECT_EQ(automaton.state_count(), 16U);
  EXPECT_TRUE(std::ranges::is_sorted(distance)) << "a state is numbered before one nearer the root";
}

} // namespace
} // namespace handleguard::text
