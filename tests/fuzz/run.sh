#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`, clang-19), replays every saved regression input,
# then fuzzes each target for SECONDS (default 60) from its seed corpus in tests/fuzz/corpus.
# New inputs go to a scratch folder, so the committed corpus only changes by hand. A crash
# stops the run; its input is kept in build-fuzz/crashes/: add it to tests/fuzz/regressions/
# with the fix.
#   tests/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
targets=(host_protocol policy_parse text_engine content_calendar)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer || true)}
crashes=$PWD/build-fuzz/crashes
mkdir -p "$crashes"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for target in "${targets[@]}"; do
  binary=$PWD/build-fuzz/bin/fuzz_$target
  regressions=(tests/fuzz/regressions/"$target"/*)
  if [ -e "${regressions[0]}" ]; then
    echo "fuzz_$target: replaying ${#regressions[@]} regression input(s)"
    "$binary" -rss_limit_mb=2048 -timeout=20 "${regressions[@]}" >"$scratch/$target-replay.log" 2>&1 ||
      { cat "$scratch/$target-replay.log"; echo "fuzz_$target: a regression input fails again" >&2; exit 1; }
  fi
  echo "fuzz_$target: fuzzing for ${seconds}s"
  mkdir -p "$scratch/$target"
  if ! "$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -artifact_prefix="$crashes/$target-" \
      -print_final_stats=1 "$scratch/$target" tests/fuzz/corpus/"$target" >"$scratch/$target.log" 2>&1; then
    tail -60 "$scratch/$target.log"
    echo "fuzz_$target: crashed; the input is in $crashes" >&2
    exit 1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$scratch/$target.log" | sed "s/^/  /"
done
echo "fuzzing: no crash in ${#targets[@]} targets x ${seconds}s"
