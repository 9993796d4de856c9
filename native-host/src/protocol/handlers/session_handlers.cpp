// `hello`: versions and the state of the policy.
#include "protocol/handlers.hpp"
#include "protocol/protocol_version.hpp"

namespace handleguard::protocol {

nlohmann::json policy_status_json(const policy::PolicyStatus &status) {
  return {{"loaded", status.loaded},
          {"path", status.path},
          {"serial", status.serial},
          {"accounts", status.accounts},
          {"error", status.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(status.error)},
          {"warning", status.warning.empty() ? nlohmann::json(nullptr) : nlohmann::json(status.warning)},
          {"signer", status.signer.empty() ? nlohmann::json(nullptr) : nlohmann::json(status.signer)}};
}

Reply handle_hello(HostContext &context, const Request & /*request*/) {
  return nlohmann::json{{"host", {{"name", "org.handleguard.host"}, {"version", HANDLEGUARD_VERSION}}},
          {"protocol", protocol_version},
          {"policy", policy_status_json(context.policy_source.status())}};
}

} // namespace handleguard::protocol
