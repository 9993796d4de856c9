#!/usr/bin/env bash
# Our text engine against X's own twitter-text (npm), on the same corpus, each in its own
# process: parse (weighted length) + entity extraction per post. Prints medians and the ratio.
# Usage: bench/text_vs_twitter_text.sh   (from anywhere; builds what it needs into build/)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d node_modules/twitter-text ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
if [[ ! -f build/CMakeCache.txt ]]; then
  cmake --preset default >/dev/null
fi
cmake --build build --target handleguard_text_bench -j"$(nproc)" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bench/text_corpus.mjs "$work/corpus.json"
build/bin/handleguard_text_bench "$work/corpus.json" >"$work/ours.json"
node bench/twitter_text_bench.mjs "$work/corpus.json" >"$work/theirs.json"

node - "$work/ours.json" "$work/theirs.json" <<'JS'
const { readFileSync } = require('node:fs');
const [ours, theirs] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')));
const cpu = require('node:os').cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${cpu}, ${require('node:os').cpus().length} cores; CPU time per post, median of rounds`);
console.log(`ours:   ${ours.engine}`);
console.log(`theirs: ${theirs.engine}`);
let same = true;
for (const set of ['short', 'long']) {
  const label = set === 'short' ? '280-character posts   ' : '25,000-character posts';
  const ratio = theirs[set].median_us / ours[set].median_us;
  console.log(`${label}  ours ${ours[set].median_us.toFixed(2).padStart(9)} µs   twitter-text ${theirs[set].median_us
    .toFixed(2).padStart(9)} µs   ratio ${ratio.toFixed(1)}×  (target ≥ 20×)`);
  if (ours[set].checksum !== theirs[set].checksum) same = false;
}
if (!same) {
  console.log('RESULTS DIFFER: the two engines did not count or extract the same; the figures compare different work');
  process.exit(1);
}
console.log('results identical on every post (checksums of counts and entity indices match)');
JS
