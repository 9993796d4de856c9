// twitter-text (npm, X's own JavaScript) on the benchmark corpus, in-process: parseTweet and
// extractEntitiesWithIndices for every post. Prints one JSON line: median microseconds of CPU
// time per post (CPU time, because the machines this runs on are shared)
// for the 280- and 25,000-character sets, and a checksum of the results for comparing with ours.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const twitterText = require('twitter-text');
const { parseTweet, extractEntitiesWithIndices } = twitterText.default ?? twitterText;

const corpus = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function work(text) {
  const count = parseTweet(text);
  const entities = extractEntitiesWithIndices(text);
  let sum = count.weightedLength + count.validRangeEnd + (count.valid ? 1 : 0);
  for (const entity of entities) sum += 1 + entity.indices[0] + entity.indices[1];
  return sum;
}

function measure(posts, rounds) {
  let checksum = 0;
  for (const text of posts) checksum += work(text); // warm-up, and the checksum
  const perPost = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    for (const text of posts) work(text);
    const used = process.cpuUsage(start);
    perPost.push((used.user + used.system) / posts.length);
  }
  perPost.sort((a, b) => a - b);
  return { median_us: perPost[Math.floor(perPost.length / 2)], checksum };
}

const short = measure(corpus.short, 21);
const long = measure(corpus.long, 7);
console.log(JSON.stringify({ engine: `twitter-text ${require('twitter-text/package.json').version} on Node ${process.version}`, short, long }));
