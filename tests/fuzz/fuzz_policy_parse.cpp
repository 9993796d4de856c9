// libFuzzer target: policy text, as an admin (or an attacker who can write the file) gives it.
// A policy that parses must build a rule engine that can judge a post.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/parse.hpp"
#include "rules/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  auto parsed = handleguard::policy::parse_policy(text);
  if (!parsed) {
    (void)handleguard::policy::describe(parsed.error(), "fuzz.json");
    return 0;
  }
  std::string handle = parsed->accounts.empty() ? "nobody" : parsed->accounts.front().handle;
  std::string user_id = parsed->accounts.empty() ? "" : parsed->accounts.front().user_id;
  const handleguard::rules::RuleEngine engine(std::move(*parsed));
  handleguard::rules::CheckRequest request;
  request.handle = handle;
  request.user_id = user_id;
  request.text = "Fr€e crypto giveaway, DM me! #ad @acmecars https://example.com drive scam";
  (void)engine.check(request);
  return 0;
}
