#!/usr/bin/env bash
# Measures the real host over real pipes (issue 8, item 6) and prints the figures recorded in
# docs/performance.md, section "Host". Not a test: run it by hand, on a quiet machine if you can.
#   bench/host.sh [BUILD_DIR]     (default: build, configured with `cmake --preset ci`)
#   HANDLEGUARD_BENCH_START_ONLY=1 bench/host.sh   stops after start-up and memory
#   HANDLEGUARD_BENCH_ROUND_TRIPS_ONLY=1 bench/host.sh   measures the sequential round trips alone
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}

[ -d "$build_dir" ] || cmake --preset ci >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target handleguard-host handleguard_host_bench >/dev/null

echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$build_dir"/bin/handleguard_host_bench "$build_dir"/bin/handleguard-host
