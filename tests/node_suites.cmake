# Extension unit tests and browser end-to-end tests run under Node; CTest runs them too.
find_program(NODE_EXECUTABLE node REQUIRED)
set(HANDLEGUARD_NODE_ENV
  "HANDLEGUARD_BIN_DIR=${CMAKE_BINARY_DIR}/bin"
  "HANDLEGUARD_SOURCE_DIR=${PROJECT_SOURCE_DIR}")

add_test(NAME extension.unit
  COMMAND ${NODE_EXECUTABLE} --test --test-reporter=spec ${PROJECT_SOURCE_DIR}/tests/extension/
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(extension.unit PROPERTIES ENVIRONMENT "${HANDLEGUARD_NODE_ENV}" TIMEOUT 300)

# ESLint over the extension, its tests, the benchmarks and tools (eslint.config.mjs).
add_test(NAME lint.javascript
  COMMAND ${NODE_EXECUTABLE} node_modules/eslint/bin/eslint.js --max-warnings 0 .
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(lint.javascript PROPERTIES TIMEOUT 300)

file(GLOB HANDLEGUARD_E2E_SUITES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/e2e/*.test.mjs)
foreach(suite ${HANDLEGUARD_E2E_SUITES})
  get_filename_component(suite_name ${suite} NAME_WE)
  # Chromium's managed settings live in /etc/chromium: that suite gets a private copy of it.
  set(wrapper "")
  if(suite_name STREQUAL "managed_settings")
    set(wrapper bash ${PROJECT_SOURCE_DIR}/tests/e2e/support/private_etc.sh)
  endif()
  add_test(NAME e2e.${suite_name}
    COMMAND ${wrapper} ${NODE_EXECUTABLE} --test --test-reporter=spec ${suite}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  # Browsers share the two cores badly: one browser suite at a time.
  set_tests_properties(e2e.${suite_name} PROPERTIES ENVIRONMENT "${HANDLEGUARD_NODE_ENV}" TIMEOUT 900 RESOURCE_LOCK browser)
endforeach()
