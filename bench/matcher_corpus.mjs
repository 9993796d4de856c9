// Writes the matcher benchmark's inputs to the folder named on the command line (deterministic:
// same seed, same files):
//   matcher-corpus.json  {"short": [...280-character posts], "long": [...25,000-character posts]}
//   synthetic-10k.txt    a lexicon of 10,000 made-up words, one a line
// Posts are English marketing prose with what agencies post (links, mentions, hashtags, emoji,
// numbers, prices) and, in about one post in five, a profanity, plain or disguised.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { seededRandom } from '../tools/seeded_random.mjs';

const random = seededRandom(0x6d617463);
const pick = (list) => list[Math.floor(random() * list.length)];

const prose = ('the new season starts today and we are ready for you come see what our team built this year ' +
  'with love from all of us thanks for the support our classic cocktail menu is back at the Scunthorpe ' +
  'store this weekend grab a glass and pass by the shop assess the damage title passage analysis ' +
  'document circumstance hello shell grape therapist Sussex Essex peacock cockpit Hancock butter ' +
  'free shipping on every order over fifty dollars limited time only sign up now').split(' ');
const extras = [
  () => `https://www.example.com/products/${Math.floor(random() * 1e6)}?utm_source=x`,
  () => `@${pick(['acmecars', 'acme_support', 'jane_doe', 'news'])}`,
  () => `#${pick(['NewSeason', 'Sale2024', 'ad', 'café'])}`,
  () => `$${Math.floor(random() * 500)}`,
  () => pick(['😀', '🎉', '👍🏽', '🇫🇷', '❤️', '🚗💨']),
  () => `${Math.floor(random() * 100)}% off`,
];
const profanity = ['fuck', 'shit', 'bitch', 'asshole', 'bastard', 'dick', 'pussy', 'cunt', 'slut'];
const disguises = [
  (w) => w,
  (w) => w.toUpperCase(),
  (w) => w.split('').join('.'),
  (w) => w.replace(/u/g, 'uuu'),
  (w) => w.replace(/s/g, '$').replace(/i/g, '1'),
  (w) => w.replace(/[aeiou]/, '*'),
  (w) => w.replace(/o/g, 'о').replace(/a/g, 'а'), // Cyrillic
];

function post(targetLength) {
  let text = '';
  while (text.length < targetLength) {
    const roll = random();
    const piece = roll < 0.01 ? pick(disguises)(pick(profanity)) : roll < 0.12 ? pick(extras)() : pick(prose);
    const next = text ? `${text}${random() < 0.03 ? '\n' : ' '}${piece}` : piece;
    if (next.length > targetLength) break;
    text = next;
  }
  return text;
}

function syntheticWord() {
  const consonants = 'bcdfghjklmnpqrstvwxz';
  const vowels = 'aeiouy';
  const length = 5 + Math.floor(random() * 6);
  let word = '';
  for (let i = 0; i < length; ++i) word += i % 2 === 0 ? pick(consonants) : pick(vowels);
  return word;
}

const out = process.argv[2];
if (!out) {
  console.error('usage: node bench/matcher_corpus.mjs OUT_DIR');
  process.exit(64);
}
mkdirSync(out, { recursive: true });
const corpus = {
  short: Array.from({ length: 1000 }, () => post(280)),
  long: Array.from({ length: 40 }, () => post(25000)),
};
writeFileSync(join(out, 'matcher-corpus.json'), JSON.stringify(corpus));
const words = new Set();
while (words.size < 10000) words.add(syntheticWord());
writeFileSync(join(out, 'synthetic-10k.txt'), [...words].join('\n') + '\n');
