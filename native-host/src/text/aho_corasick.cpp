#include "text/aho_corasick.hpp"

#include <algorithm>
#include <utility>

namespace handleguard::text {

AhoCorasick::AhoCorasick(const std::vector<std::vector<Symbol>> &keys, Symbol alphabet_size) {
  // Builds the trie with per-node edge lists, then flattens it into sorted arrays.
  std::vector<std::vector<std::pair<Symbol, State>>> trie_edges(1);
  std::vector<std::vector<std::uint32_t>> node_keys(1);
  for (std::uint32_t k = 0; k < keys.size(); ++k) {
    if (keys[k].empty()) continue;
    State node = root;
    for (const Symbol symbol : keys[k]) {
      auto &edges = trie_edges[node];
      const auto found = std::ranges::find(edges, symbol, &std::pair<Symbol, State>::first);
      if (found != edges.end()) {
        node = found->second;
        continue;
      }
      const auto next = static_cast<State>(trie_edges.size());
      edges.emplace_back(symbol, next);
      trie_edges.emplace_back();
      node_keys.emplace_back();
      node = next;
    }
    node_keys[node].push_back(k);
  }

  const std::size_t states = trie_edges.size();
  edge_begin_.reserve(states + 1);
  key_begin_.reserve(states + 1);
  for (std::size_t s = 0; s < states; ++s) {
    auto &edges = trie_edges[s];
    std::ranges::sort(edges);
    edge_begin_.push_back(static_cast<std::uint32_t>(edge_symbol_.size()));
    for (const auto &[symbol, target] : edges) {
      edge_symbol_.push_back(symbol);
      edge_target_.push_back(target);
    }
    key_begin_.push_back(static_cast<std::uint32_t>(keys_.size()));
    keys_.insert(keys_.end(), node_keys[s].begin(), node_keys[s].end());
  }
  edge_begin_.push_back(static_cast<std::uint32_t>(edge_symbol_.size()));
  key_begin_.push_back(static_cast<std::uint32_t>(keys_.size()));

  root_children_.assign(alphabet_size, root);
  for (const auto &[symbol, target] : trie_edges[root]) root_children_.at(symbol) = target;

  // Breadth-first, so every failure target is finished before it is used.
  failure_.assign(states, root);
  dictionary_link_.assign(states, root);
  std::vector<State> queue;
  queue.reserve(states);
  for (const auto &[symbol, target] : trie_edges[root]) queue.push_back(target);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const State node = queue[head];
    for (std::uint32_t e = edge_begin_[node]; e < edge_begin_[node + 1]; ++e) {
      const Symbol symbol = edge_symbol_[e];
      const State next = edge_target_[e];
      State fallback = failure_[node];
      while (fallback != root && child(fallback, symbol) == root) fallback = failure_[fallback];
      const State target = child(fallback, symbol);
      failure_[next] = target == next ? root : target;
      dictionary_link_[next] = has_keys(failure_[next]) ? failure_[next] : dictionary_link_[failure_[next]];
      queue.push_back(next);
    }
  }

  ends_keys_.assign(states, 0);
  for (std::size_t s = 0; s < states; ++s) ends_keys_[s] = has_keys(static_cast<State>(s)) || dictionary_link_[s] != root ? 1 : 0;

  // The full table, filled in breadth-first order so a failure target's row is ready.
  alphabet_size_ = alphabet_size;
  if (states * alphabet_size > max_transitions) return;
  transitions_.assign(states * alphabet_size, root);
  std::copy(root_children_.begin(), root_children_.end(), transitions_.begin());
  for (const State node : queue) {
    const std::size_t row = static_cast<std::size_t>(node) * alphabet_size;
    const std::size_t fallback_row = static_cast<std::size_t>(failure_[node]) * alphabet_size;
    std::copy_n(transitions_.begin() + static_cast<std::ptrdiff_t>(fallback_row), alphabet_size,
                transitions_.begin() + static_cast<std::ptrdiff_t>(row));
    for (std::uint32_t e = edge_begin_[node]; e < edge_begin_[node + 1]; ++e) {
      transitions_[row + edge_symbol_[e]] = edge_target_[e];
    }
  }
}

AhoCorasick::State AhoCorasick::child(State state, Symbol symbol) const {
  if (state == root) return symbol < root_children_.size() ? root_children_[symbol] : root;
  const auto first = edge_symbol_.begin() + edge_begin_[state];
  const auto last = edge_symbol_.begin() + edge_begin_[state + 1];
  if (last - first <= 8) {
    for (auto it = first; it != last; ++it) {
      if (*it == symbol) return edge_target_[static_cast<std::size_t>(it - edge_symbol_.begin())];
    }
    return root;
  }
  const auto it = std::lower_bound(first, last, symbol);
  return it != last && *it == symbol ? edge_target_[static_cast<std::size_t>(it - edge_symbol_.begin())] : root;
}

AhoCorasick::State AhoCorasick::step_by_failure_links(State state, Symbol symbol) const {
  while (true) {
    const State next = child(state, symbol);
    if (next != root || state == root) return next;
    state = failure_[state];
  }
}

} // namespace handleguard::text
