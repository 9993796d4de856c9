#pragma once
// A browser's JSON.stringify writes half of a UTF-16 surrogate pair as an escape ("\ud83d"): the
// JSON grammar allows it, but it is no Unicode text, so the JSON parser refuses the message.
// Read with the halves as U+FFFD, the message still tells whose request it was (its id), so the
// refusal can be answered to that request instead of leaving it to time out.
#include <optional>
#include <string>
#include <string_view>

namespace handleguard::protocol {

// `json_text` with every \uD800-\uDFFF escape that is not half of a proper pair written as
// \uFFFD; nothing when it holds none.
[[nodiscard]] std::optional<std::string> with_lone_surrogates_replaced(std::string_view json_text);

} // namespace handleguard::protocol
