#!/usr/bin/env bash
# The one command that runs every test: installs what the tests need (idempotently), builds
# with warnings as errors, and runs every suite through CTest. Registers native messaging
# hosts only inside throw-away test profiles, never in the real browsers. docs/ci.md says what
# runs where.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n=== %s (%s) ===\n' "$1" "$(date +%T)"; }

stage "dependencies"
installer/deps.sh --tests
npm ci --no-audit --no-fund --loglevel=error

stage "build (ci preset: warnings are errors)"
cmake --preset ci >/dev/null
cmake --build --preset ci -j"$(nproc)"

stage "tests"
ctest --preset ci -j"$(nproc)"

stage "sanitizers (sanitize preset: the C++ suites under ASan + UBSan)"
cmake --preset sanitize >/dev/null
cmake --build --preset sanitize -j"$(nproc)" --target handleguard_unit_tests handleguard_integration_tests
ctest --preset sanitize -j"$(nproc)"

stage "fuzzing (fuzz preset: replay the regressions, then each libFuzzer target 60 s)"
tests/fuzz/run.sh 60

stage "done"
