// Prints the matcher benchmark's table from the JSON results (ours before obscenity's run,
// obscenity's, ours after it): time per post (CPU median and p99, wall median), the ratio of
// medians, build times, and the labelled set. Our timings are the mean of the runs around
// obscenity's, so that a change in the machine's speed during the bench moves both sides alike.
import { readFileSync } from 'node:fs';

const [oursBefore, theirs, oursAfter] = process.argv.slice(2).map((path) => JSON.parse(readFileSync(path, 'utf8')));
const timings = ['median_us', 'p99_us', 'wall_median_us'];
const ours = structuredClone(oursBefore);
if (oursAfter) {
  for (const lexicon of ['english', 'synthetic']) {
    for (const size of ['short', 'long']) {
      for (const key of timings) ours[lexicon][size][key] = (oursBefore[lexicon][size][key] + oursAfter[lexicon][size][key]) / 2;
    }
    ours[lexicon].build_ms = (oursBefore[lexicon].build_ms + oursAfter[lexicon].build_ms) / 2;
  }
  console.log('Ours before and after obscenity\'s run, 280-char English medians: ' +
    `${oursBefore.english.short.median_us.toFixed(2)} µs, ${oursAfter.english.short.median_us.toFixed(2)} µs (the mean is used)`);
}
const us = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} ms` : `${value.toFixed(1)} µs`);
const lines = [
  '| lexicon | post | ours median | ours p99 | obscenity median | obscenity p99 | ratio of medians |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];
for (const lexicon of ['english', 'synthetic']) {
  for (const size of ['short', 'long']) {
    const a = ours[lexicon][size];
    const b = theirs[lexicon][size];
    lines.push(`| ${lexicon} (${ours[lexicon].terms} / ${theirs[lexicon].terms} terms) | ` +
      `${size === 'short' ? '280 chars' : '25,000 chars'} | ${us(a.median_us)} | ${us(a.p99_us)} | ` +
      `${us(b.median_us)} | ${us(b.p99_us)} | ${(b.median_us / a.median_us).toFixed(0)}× |`);
  }
}
console.log(`Clock overhead subtracted from every sample (median of an empty timing): ours ` +
  `${us(ours.english.short.clock_overhead_us)}, obscenity ${us(theirs.english.short.clock_overhead_us)}`);
console.log('Time per post, CPU time per call (wall medians: ' +
  ['english', 'synthetic'].flatMap((l) => ['short', 'long'].map((s) =>
    `${l}/${s} ${us(ours[l][s].wall_median_us)} vs ${us(theirs[l][s].wall_median_us)}`)).join(', ') + '):');
console.log(lines.join('\n'));
console.log(`Build (CPU time): ours ${ours.english.build_ms.toFixed(1)} ms (english), ${ours.synthetic.build_ms.toFixed(0)} ms (10k); ` +
  `obscenity ${theirs.english.build_ms.toFixed(1)} ms, ${theirs.synthetic.build_ms.toFixed(0)} ms`);
const labelled = (name, l) => ({
  engine: name,
  recall: `${l.found}/${l.match_lines} (${((100 * l.found) / l.match_lines).toFixed(1)}%)`,
  'recall, hard- classes': `${l.hard_found}/${l.hard_lines}`,
  'false positives': `${l.false_positives}/${l.clean_lines} (${((100 * l.false_positives) / l.clean_lines).toFixed(1)}%)`,
});
console.log('Labelled set (tests/data/matcher/labelled.tsv; ours: default lexicon, obscenity: its English dataset):');
for (const row of [labelled('handleguard', ours.labelled), labelled('obscenity', theirs.labelled)]) {
  console.log(`  ${row.engine}: recall ${row.recall}, hard- classes ${row['recall, hard- classes']}, ` +
    `false positives ${row['false positives']}`);
}
