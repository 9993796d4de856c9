// `doctor`: the checks of `handleguard doctor`, run by the host for the browser that started it,
// so the extension's options page can show what is broken and how to fix it.
#include "config/paths.hpp"
#include "install/doctor.hpp"
#include "protocol/handlers.hpp"

namespace handleguard::protocol {

Reply handle_doctor(HostContext &context, const Request & /*request*/) {
  auto input = install::doctor_input_from_environment(config::resolve_paths());
  // The host is answering this very request: starting it again would prove nothing more.
  input.run_host = false;
  if (context.caller != nullptr) input.asked_by = *context.caller;
  return nlohmann::json{{"doctor", install::doctor_json(install::run_doctor(input))}};
}

} // namespace handleguard::protocol
