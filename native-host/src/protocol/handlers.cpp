#include "protocol/handlers.hpp"

namespace handleguard::protocol {

const std::unordered_map<std::string_view, Handler> &handlers() {
  static const std::unordered_map<std::string_view, Handler> table = {
      {"hello", handle_hello},
      {"identify", handle_identify},
      {"check", handle_check},
  };
  return table;
}

} // namespace handleguard::protocol
