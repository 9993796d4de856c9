#pragma once
// A multi-pattern matcher (Aho–Corasick) over small integer symbols: built once from many keys,
// it then reads a text one symbol at a time, in time linear in the text whatever the number of
// keys, and reports every key ending at each position. Knows nothing of Unicode or of terms.
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace handleguard::text {

class AhoCorasick {
public:
  using Symbol = std::uint32_t;
  using State = std::uint32_t;
  static constexpr State root = 0;

  // Builds the automaton of `keys`; symbols must be below `alphabet_size`. Key `k` is reported as
  // index `k`. Empty keys are never reported.
  AhoCorasick(const std::vector<std::vector<Symbol>> &keys, Symbol alphabet_size);

  // Returns the state after reading `symbol` in `state`: one table read when the automaton fits
  // the full transition table, else amortised constant time through failure links.
  [[nodiscard]] State step(State state, Symbol symbol) const {
    if (!transitions_.empty()) return transitions_[static_cast<std::size_t>(state) * alphabet_size_ + symbol];
    return step_by_failure_links(state, symbol);
  }

  // The full transition table (state * alphabet_size() + symbol → next state), for callers that
  // step in a tight loop; null when the automaton walks failure links instead.
  [[nodiscard]] const State *table() const { return transitions_.empty() ? nullptr : transitions_.data(); }
  [[nodiscard]] std::size_t alphabet_size() const { return alphabet_size_; }

  // Returns true when some key ends at `state` (a byte read: the common "no" is cheap).
  [[nodiscard]] bool ends_keys(State state) const { return ends_keys_[state] != 0; }

  // Calls `visit(key_index)` for every key that ends at `state`, longest first.
  template <typename Visit> void for_each_key_ending_at(State state, Visit &&visit) const {
    for (State s = has_keys(state) ? state : dictionary_link_[state]; s != root; s = dictionary_link_[s]) {
      for (std::uint32_t i = key_begin_[s]; i < key_begin_[s + 1]; ++i) visit(keys_[i]);
    }
  }

  [[nodiscard]] std::size_t state_count() const { return failure_.size(); }

private:
  [[nodiscard]] bool has_keys(State state) const { return key_begin_[state] != key_begin_[state + 1]; }
  void build_table(const std::vector<std::vector<Symbol>> &keys, std::size_t most_states);
  void renumber_breadth_first(const std::vector<State> &order, std::vector<std::pair<State, std::uint32_t>> &key_ends);
  void build_sparse(const std::vector<std::vector<Symbol>> &keys);
  void set_keys(std::size_t states, const std::vector<std::pair<State, std::uint32_t>> &key_ends);
  void set_ends_keys();
  [[nodiscard]] State child(State state, Symbol symbol) const; // root when there is none
  [[nodiscard]] State step_by_failure_links(State state, Symbol symbol) const;

  // Bounds the full transition table (states × alphabet) to 32 MiB; larger automata (huge
  // alphabets) walk failure links instead.
  static constexpr std::size_t max_transitions = std::size_t{8} << 20;
  std::size_t alphabet_size_ = 0;
  std::vector<State> transitions_; // state * alphabet_size_ + symbol → next state, or empty

  std::vector<State> root_children_;     // dense: the root is where most steps land
  std::vector<std::uint32_t> edge_begin_; // per state, into edge_symbol_/edge_target_ (sorted)
  std::vector<Symbol> edge_symbol_;
  std::vector<State> edge_target_;
  std::vector<State> failure_;
  std::vector<State> dictionary_link_; // nearest state on the failure chain that ends keys
  std::vector<std::uint32_t> key_begin_; // per state, into keys_
  std::vector<std::uint32_t> keys_;
  std::vector<std::uint8_t> ends_keys_; // per state: 1 when it or its dictionary link ends keys
};

} // namespace handleguard::text
