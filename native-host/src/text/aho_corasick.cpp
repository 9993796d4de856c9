#include "text/aho_corasick.hpp"

#include <algorithm>
#include <utility>

namespace handleguard::text {

AhoCorasick::AhoCorasick(const std::vector<std::vector<Symbol>> &keys, Symbol alphabet_size) {
  alphabet_size_ = alphabet_size;
  std::size_t most_states = 1; // the root, and at most one state per key symbol
  for (const auto &key : keys) most_states += key.size();
  if (most_states * alphabet_size <= max_transitions) build_table(keys, most_states);
  else build_sparse(keys);
}

// Builds the trie straight into the full transition table, then fills its missing transitions
// breadth-first: one table read per trie step, no per-node edge lists to allocate (a policy's
// 10,000-term lexicon is built at every load).
void AhoCorasick::build_table(const std::vector<std::vector<Symbol>> &keys, std::size_t most_states) {
  const std::size_t alphabet = alphabet_size_;
  transitions_.reserve(most_states * alphabet); // touched only as states are added
  transitions_.assign(alphabet, root);
  std::vector<std::pair<State, std::uint32_t>> key_ends; // (state, key), in key order
  key_ends.reserve(keys.size());
  State states = 1;
  for (std::uint32_t k = 0; k < keys.size(); ++k) {
    if (keys[k].empty()) continue;
    State node = root;
    for (const Symbol symbol : keys[k]) {
      const std::size_t at = static_cast<std::size_t>(node) * alphabet + symbol;
      if (transitions_[at] == root) {
        transitions_[at] = states++;
        transitions_.resize(static_cast<std::size_t>(states) * alphabet, root);
      }
      node = transitions_[at];
    }
    key_ends.emplace_back(node, k);
  }
  set_keys(states, key_ends);

  failure_.assign(states, root);
  dictionary_link_.assign(states, root);
  std::vector<State> queue;
  queue.reserve(states);
  for (std::size_t symbol = 0; symbol < alphabet; ++symbol) {
    if (transitions_[symbol] != root) queue.push_back(transitions_[symbol]);
  }
  // A row's entries that are not root are its trie children until the row is filled; a state's
  // failure target is shallower, so its row is filled before it is read.
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const State node = queue[head];
    const std::size_t row = static_cast<std::size_t>(node) * alphabet;
    const std::size_t fallback_row = static_cast<std::size_t>(failure_[node]) * alphabet;
    for (std::size_t symbol = 0; symbol < alphabet; ++symbol) {
      const State next = transitions_[row + symbol];
      const State fallback = transitions_[fallback_row + symbol];
      if (next == root) {
        transitions_[row + symbol] = fallback;
        continue;
      }
      failure_[next] = fallback;
      dictionary_link_[next] = has_keys(fallback) ? fallback : dictionary_link_[fallback];
      queue.push_back(next);
    }
  }
  renumber_breadth_first(queue, key_ends);
  set_ends_keys();
  // The table was reserved for one state per key symbol, but keys share prefixes (a policy's
  // terms often start alike): a small table gives the slack back to the heap, where a host
  // that compiled a matcher per account kept it all. A large one lives in its own mapping,
  // whose untouched tail costs no memory, and a copy would double its peak.
  constexpr std::size_t small_table_bytes = std::size_t{1} << 20;
  if (transitions_.size() * sizeof(State) < small_table_bytes) transitions_.shrink_to_fit();
}

// Renumbers the states in breadth-first order (`order`: every state but the root, as the queue
// visited them). Most steps through a text stay within a few symbols of the root, so their rows
// then lie together at the table's start and share cache lines, instead of being spread in key
// order over the whole table. Rows move in place, cycle by cycle: no second table at the peak.
void AhoCorasick::renumber_breadth_first(const std::vector<State> &order, std::vector<std::pair<State, std::uint32_t>> &key_ends) {
  const std::size_t states = order.size() + 1;
  const std::size_t alphabet = alphabet_size_;
  std::vector<State> new_of_old(states, root);
  for (std::size_t i = 0; i < order.size(); ++i) new_of_old[order[i]] = static_cast<State>(i + 1);
  for (State &next : transitions_) next = new_of_old[next];
  std::vector<bool> placed(states, false);
  std::vector<State> carried(alphabet);
  for (std::size_t start = 0; start < states; ++start) {
    if (placed[start]) continue;
    // Follows the cycle start → new_of_old[start] → …, carrying the row displaced at each step.
    std::copy_n(transitions_.begin() + static_cast<std::ptrdiff_t>(start * alphabet), alphabet, carried.begin());
    for (std::size_t at = start; !placed[at];) {
      placed[at] = true;
      const std::size_t to = new_of_old[at];
      std::swap_ranges(carried.begin(), carried.end(), transitions_.begin() + static_cast<std::ptrdiff_t>(to * alphabet));
      at = to;
    }
  }
  const auto renumber = [&](std::vector<State> &links) { // per state, a state
    std::vector<State> renumbered(states);
    for (std::size_t old = 0; old < states; ++old) renumbered[new_of_old[old]] = new_of_old[links[old]];
    links = std::move(renumbered);
  };
  renumber(failure_);
  renumber(dictionary_link_);
  for (auto &[state, key] : key_ends) state = new_of_old[state];
  set_keys(states, key_ends);
}

// Sets key_begin_ and keys_ from (state, key) pairs listed in key order.
void AhoCorasick::set_keys(std::size_t states, const std::vector<std::pair<State, std::uint32_t>> &key_ends) {
  key_begin_.assign(states + 1, 0);
  for (const auto &[state, key] : key_ends) ++key_begin_[state + 1];
  for (std::size_t s = 0; s < states; ++s) key_begin_[s + 1] += key_begin_[s];
  keys_.resize(key_ends.size());
  std::vector<std::uint32_t> next(key_begin_.begin(), key_begin_.end() - 1);
  for (const auto &[state, key] : key_ends) keys_[next[state]++] = key;
}

void AhoCorasick::set_ends_keys() {
  const std::size_t states = failure_.size();
  ends_keys_.assign(states, 0);
  for (std::size_t s = 0; s < states; ++s) ends_keys_[s] = has_keys(static_cast<State>(s)) || dictionary_link_[s] != root ? 1 : 0;
}

// Automata too large for the full table (huge alphabets): sorted edge arrays and failure links.
void AhoCorasick::build_sparse(const std::vector<std::vector<Symbol>> &keys) {
  const Symbol alphabet_size = static_cast<Symbol>(alphabet_size_);
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

  set_ends_keys();
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
