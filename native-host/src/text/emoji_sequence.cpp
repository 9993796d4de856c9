// Emoji as twitter-text's counting finds them: twemoji-parser's list (emoji_table.cpp), matched
// the way its regular expression matches, through a trie of code points built once.
#include "text/emoji_sequence.hpp"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "text/emoji_table.hpp"
#include "text/utf8_step.hpp"

namespace handleguard::text::detail {

namespace {
constexpr std::uint32_t no_rank = std::numeric_limits<std::uint32_t>::max();
constexpr std::string_view text_presentation_selector = "\xEF\xB8\x8E"; // U+FE0E

class EmojiTrie {
public:
  EmojiTrie() {
    // Built with maps, then frozen into sorted edge lists.
    struct Building {
      std::map<char32_t, std::size_t> children;
      std::uint32_t rank = no_rank;
      std::uint32_t rank_not_before_fe0e = no_rank;
    };
    std::vector<Building> building(1);
    std::uint32_t rank = 0;
    for (const auto &entry : emoji_table()) {
      std::size_t node = 0;
      for (const char32_t point : entry.points) {
        if (point == 0) break;
        const auto found = building[node].children.find(point);
        if (found != building[node].children.end()) {
          node = found->second;
          continue;
        }
        building.emplace_back();
        building[node].children.emplace(point, building.size() - 1);
        node = building.size() - 1;
      }
      auto &slot = entry.not_before_fe0e ? building[node].rank_not_before_fe0e : building[node].rank;
      slot = std::min(slot, rank++);
    }
    nodes_.resize(building.size());
    for (std::size_t i = 0; i < building.size(); ++i) {
      nodes_[i].first_edge = static_cast<std::uint32_t>(edges_.size());
      for (const auto &[point, child] : building[i].children) edges_.push_back({point, static_cast<std::uint32_t>(child)});
      nodes_[i].edge_end = static_cast<std::uint32_t>(edges_.size());
      nodes_[i].rank = building[i].rank;
      nodes_[i].rank_not_before_fe0e = building[i].rank_not_before_fe0e;
    }
    for (const auto &[point, child] : building[0].children) {
      if (point < emoji_start_limit) starts_[point] = true;
    }
  }

  [[nodiscard]] const EmojiStarts &starts() const { return starts_; }

  // Bytes of the emoji at `pos`, or 0: of every listed sequence that starts there, the one
  // listed first.
  [[nodiscard]] std::size_t length_at(std::string_view text, std::size_t pos) const {
    std::uint32_t node = 0;
    std::uint32_t best_rank = no_rank;
    std::size_t best_end = pos;
    for (std::size_t at = pos; at < text.size();) {
      const auto point = decode_at(text, at);
      const auto child = find(node, point.value);
      if (!child) break;
      node = *child;
      at += point.length;
      if (nodes_[node].rank < best_rank) {
        best_rank = nodes_[node].rank;
        best_end = at;
      }
      if (nodes_[node].rank_not_before_fe0e < best_rank && !text.substr(at).starts_with(text_presentation_selector)) {
        best_rank = nodes_[node].rank_not_before_fe0e;
        best_end = at;
      }
    }
    return best_end - pos;
  }

private:
  struct Edge {
    char32_t point;
    std::uint32_t child;
  };
  struct Node {
    std::uint32_t first_edge = 0;
    std::uint32_t edge_end = 0;
    std::uint32_t rank = no_rank;
    std::uint32_t rank_not_before_fe0e = no_rank;
  };

  [[nodiscard]] std::optional<std::uint32_t> find(std::uint32_t node, char32_t point) const {
    const auto begin = edges_.begin() + nodes_[node].first_edge;
    const auto end = edges_.begin() + nodes_[node].edge_end;
    const auto found = std::lower_bound(begin, end, point, [](const Edge &edge, char32_t value) { return edge.point < value; });
    if (found == end || found->point != point) return std::nullopt;
    return found->child;
  }

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  EmojiStarts starts_;
};

const EmojiTrie &trie() {
  static const EmojiTrie built;
  return built;
}
} // namespace

const EmojiStarts &emoji_starts() { return trie().starts(); }

std::size_t emoji_length_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  return trie().length_at(text, pos);
}

} // namespace handleguard::text::detail
