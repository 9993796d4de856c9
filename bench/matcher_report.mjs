// Prints the matcher benchmark's table from the two JSON results (ours, obscenity's): time per
// post (CPU median and p99, wall median), the ratio of medians, build times, and the labelled set.
import { readFileSync } from 'node:fs';

const [ours, theirs] = process.argv.slice(2).map((path) => JSON.parse(readFileSync(path, 'utf8')));
const us = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} ms` : `${value.toFixed(1)} µs`);
const rows = [];
for (const lexicon of ['english', 'synthetic']) {
  for (const size of ['short', 'long']) {
    const a = ours[lexicon][size];
    const b = theirs[lexicon][size];
    rows.push({
      lexicon: `${lexicon} (${ours[lexicon].terms} vs ${theirs[lexicon].terms} terms)`,
      post: size === 'short' ? '280 chars' : '25,000 chars',
      'ours median': us(a.median_us),
      'ours p99': us(a.p99_us),
      'obscenity median': us(b.median_us),
      'obscenity p99': us(b.p99_us),
      'ratio (medians)': `${(b.median_us / a.median_us).toFixed(0)}×`,
      'wall medians (ours / obscenity)': `${us(a.wall_median_us)} / ${us(b.wall_median_us)}`,
    });
  }
}
console.log('Time per post (CPU time per call; p99 over all calls):');
console.table(rows);
console.log(`Build: ours ${ours.english.build_ms.toFixed(1)} ms (english), ${ours.synthetic.build_ms.toFixed(0)} ms (10k); ` +
  `obscenity ${theirs.english.build_ms.toFixed(1)} ms, ${theirs.synthetic.build_ms.toFixed(0)} ms`);
const labelled = (name, l) => ({
  engine: name,
  recall: `${l.found}/${l.match_lines} (${((100 * l.found) / l.match_lines).toFixed(1)}%)`,
  'recall, hard- classes': `${l.hard_found}/${l.hard_lines}`,
  'false positives': `${l.false_positives}/${l.clean_lines} (${((100 * l.false_positives) / l.clean_lines).toFixed(1)}%)`,
});
console.log('Labelled set (tests/data/matcher/labelled.tsv; ours: default lexicon, obscenity: its English dataset):');
console.table([labelled('handleguard', ours.labelled), labelled('obscenity', theirs.labelled)]);
