#include "protocol/handlers.hpp"

namespace handleguard::protocol {

const std::unordered_map<std::string_view, Handler> &handlers() {
  static const std::unordered_map<std::string_view, Handler> table = {
      {"hello", handle_hello},
      {"identify", handle_identify},
      {"check", handle_check},
      {"check_thread", handle_check_thread},
      {"work_as_get", handle_work_as_get},
      {"work_as_set", handle_work_as_set},
      {"override", handle_override},
      {"outcome", handle_outcome},
      {"last_verdicts", handle_last_verdicts},
      {"doctor", handle_doctor},
  };
  return table;
}

} // namespace handleguard::protocol
