#include "util/os_user.hpp"

#include <pwd.h>
#include <unistd.h>

namespace handleguard::util {

std::string current_os_user() {
  const passwd *entry = ::getpwuid(::geteuid());
  if (entry == nullptr || entry->pw_name == nullptr) return "uid:" + std::to_string(::geteuid());
  return entry->pw_name;
}

} // namespace handleguard::util
