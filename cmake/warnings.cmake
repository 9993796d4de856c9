# Warnings on for our own code; errors only where the preset asks, so a user's newer compiler
# does not break their build.
add_library(handleguard_warnings INTERFACE)
target_compile_options(handleguard_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
if(HANDLEGUARD_WARNINGS_AS_ERRORS)
  target_compile_options(handleguard_warnings INTERFACE -Werror)
endif()
