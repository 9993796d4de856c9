// The npm package `obscenity` (pinned in package.json) on the matcher benchmark's corpus,
// in-process: the same work as bench/matcher_bench.cpp does with our matcher, i.e. every match
// with its position (getAllMatches) for every post. Prints one JSON object of the same shape.
//   node bench/obscenity_bench.mjs CORPUS_JSON SYNTHETIC_LEXICON LABELLED_TSV
// Times are CPU time of this process per call (process.cpuUsage, microsecond resolution) and
// wall time: on a shared machine wall time also measures the neighbours.
import { readFileSync } from 'node:fs';

import { DataSet, englishDataset, englishRecommendedTransformers, parseRawPattern, RegExpMatcher } from 'obscenity';

const [corpusPath, syntheticPath, labelledPath] = process.argv.slice(2);
if (!labelledPath) {
  console.error('usage: node bench/obscenity_bench.mjs CORPUS_JSON SYNTHETIC_LEXICON LABELLED_TSV');
  process.exit(64);
}
const corpus = JSON.parse(readFileSync(corpusPath, 'utf8'));

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

// Build time in CPU time, as ours: on a shared machine wall time measures the neighbours too.
function build(makeDataset) {
  const start = cpuMicros();
  const matcher = new RegExpMatcher({ ...makeDataset().build(), ...englishRecommendedTransformers });
  return { matcher, buildMs: (cpuMicros() - start) / 1e3 };
}

// What one timing costs with nothing timed (both clocks read as around a call, median of many),
// subtracted from every sample as matcher_bench.cpp does on our side.
function clockOverhead() {
  const cpu = [];
  const wall = [];
  for (let i = 0; i < 20001; i += 1) {
    const wallStart = process.hrtime.bigint();
    const cpuStart = cpuMicros();
    cpu.push(cpuMicros() - cpuStart);
    wall.push(Number(process.hrtime.bigint() - wallStart) / 1e3);
  }
  cpu.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  return { cpu: cpu[10000], wall: wall[10000] };
}
let overhead;

// Times every call; repeats the set until `minCalls` calls and at least `minMillis` have passed.
function measure(matcher, posts, minCalls, minMillis) {
  overhead ??= clockOverhead();
  let matches = 0;
  for (const text of posts) matches += matcher.getAllMatches(text).length; // warm-up
  const cpu = [];
  const wall = [];
  const started = process.hrtime.bigint();
  while (cpu.length < minCalls || Number(process.hrtime.bigint() - started) / 1e6 < minMillis) {
    for (const text of posts) {
      const wallStart = process.hrtime.bigint();
      const cpuStart = cpuMicros();
      const found = matcher.getAllMatches(text);
      cpu.push(Math.max(0, cpuMicros() - cpuStart - overhead.cpu));
      wall.push(Math.max(0, Number(process.hrtime.bigint() - wallStart) / 1e3 - overhead.wall));
      if (found.length > text.length) console.error('impossible'); // keeps the call
      if (cpu.length >= minCalls && Number(process.hrtime.bigint() - started) / 1e6 >= minMillis) break;
    }
  }
  cpu.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  const at = (sorted, q) => sorted[Math.floor(q * (sorted.length - 1))];
  return {
    posts: posts.length, calls: cpu.length, median_us: at(cpu, 0.5), p99_us: at(cpu, 0.99), max_us: cpu.at(-1),
    wall_median_us: at(wall, 0.5), wall_p99_us: at(wall, 0.99), matches_per_pass: matches,
    clock_overhead_us: overhead.cpu,
  };
}

function labelled(matcher) {
  const out = { match_lines: 0, found: 0, hard_lines: 0, hard_found: 0, clean_lines: 0, false_positives: 0 };
  for (const line of readFileSync(labelledPath, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [expect, kind, ...rest] = line.split('\t');
    const flagged = matcher.hasMatch(rest.join('\t'));
    if (expect === 'match') {
      out.match_lines += 1;
      out.found += flagged ? 1 : 0;
      if (kind.startsWith('hard-')) {
        out.hard_lines += 1;
        out.hard_found += flagged ? 1 : 0;
      }
    } else {
      out.clean_lines += 1;
      out.false_positives += flagged ? 1 : 0;
    }
  }
  return out;
}

const english = build(() => englishDataset);
const syntheticWords = readFileSync(syntheticPath, 'utf8').split('\n').filter(Boolean);
const synthetic = build(() => {
  const dataset = new DataSet();
  for (const word of syntheticWords) dataset.addPhrase((phrase) => phrase.addPattern(parseRawPattern(word)));
  return dataset;
});

const out = {
  engine: 'obscenity',
  english: {
    terms: englishDataset.build().blacklistedTerms.length, build_ms: english.buildMs,
    short: measure(english.matcher, corpus.short, 2000, 1000), long: measure(english.matcher, corpus.long, 40, 1000),
  },
  synthetic: {
    terms: syntheticWords.length, build_ms: synthetic.buildMs,
    short: measure(synthetic.matcher, corpus.short, 100, 1000), long: measure(synthetic.matcher, corpus.long, 5, 1000),
  },
  labelled: labelled(english.matcher),
};
console.log(JSON.stringify(out));
