#include "password_prompt.hpp"

#include <cstring>
#include <iostream>
#include <termios.h>
#include <unistd.h>

#include "cli_support.hpp"

namespace handleguard::cli {

namespace {
constexpr std::size_t max_password_bytes = 1024;

Password read_line(bool terminal) {
  Password password{std::make_unique<signing::SecretBytes>(max_password_bytes), 0};
  termios saved{};
  const bool hide = terminal && ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (hide) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  char byte = 0;
  while (::read(STDIN_FILENO, &byte, 1) == 1 && byte != '\n') {
    if (password.length == max_password_bytes) {
      if (hide) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
      throw CliError(exit_code::data_error, "the password is longer than 1024 bytes");
    }
    password.buffer->data()[password.length++] = static_cast<unsigned char>(byte);
  }
  if (password.length > 0 && password.buffer->data()[password.length - 1] == '\r') --password.length;
  if (hide) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::cerr << "\n";
  }
  return password;
}
} // namespace

Password read_password(std::string_view prompt, bool confirm) {
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  if (terminal) std::cerr << prompt << ": " << std::flush;
  Password password = read_line(terminal);
  if (confirm && terminal) {
    std::cerr << "Password (one more time): " << std::flush;
    const Password again = read_line(true);
    if (again.text() != password.text()) throw CliError(exit_code::usage, "the passwords do not match");
  }
  return password;
}

} // namespace handleguard::cli
