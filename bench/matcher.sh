#!/usr/bin/env bash
# Benchmarks our term matcher against the npm package `obscenity` (pinned in package.json) on
# the same corpus, in-process on both sides, one machine, one run, and prints medians, p99s,
# ratios, and recall and false positives on the labelled set. Ours runs before and after
# obscenity's (which takes about a minute), and the two runs' figures are averaged: a machine that
# gets faster or slower meanwhile then moves both sides alike. Not a test: run it by hand.
#   bench/matcher.sh [BUILD_DIR]     (default: build, configured with `cmake --preset ci`)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}

[ -d node_modules/obscenity ] || npm ci --no-audit --no-fund --loglevel=error
[ -d "$build_dir" ] || cmake --preset ci >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target handleguard_matcher_bench >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bench/matcher_corpus.mjs "$work"

echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run_ours() {
  "$build_dir"/bin/handleguard_matcher_bench "$work/matcher-corpus.json" native-host/data/lexicons/en-profanity.txt \
    "$work/synthetic-10k.txt" tests/data/matcher/labelled.tsv >"$1"
}
echo "running our matcher..." >&2
run_ours "$work/ours-before.json"
echo "running obscenity (slow: it takes about a minute)..." >&2
node bench/obscenity_bench.mjs "$work/matcher-corpus.json" "$work/synthetic-10k.txt" tests/data/matcher/labelled.tsv \
  >"$work/obscenity.json"
echo "running our matcher again..." >&2
run_ours "$work/ours-after.json"
node bench/matcher_report.mjs "$work/ours-before.json" "$work/obscenity.json" "$work/ours-after.json"
