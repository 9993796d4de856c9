#pragma once
// A cheap look at how deeply a JSON text nests, before anything parses or copies it: several
// JSON operations (copy, compare, dump) recurse once per level, so a hostile message nested
// hundreds of thousands deep must be refused before it becomes a tree.
#include <cstddef>
#include <string_view>

namespace handleguard::util {

// Returns true when `json_text` opens more than `max_depth` arrays/objects at once. Brackets
// inside strings (escapes included) do not count; the text need not be valid JSON.
[[nodiscard]] bool json_nesting_exceeds(std::string_view json_text, std::size_t max_depth);

} // namespace handleguard::util
