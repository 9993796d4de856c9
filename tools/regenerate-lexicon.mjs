#!/usr/bin/env node
// Regenerates native-host/data/lexicons/en-profanity.txt, the default English lexicon, from the
// pinned npm package `naughty-words` (the "List of Dirty, Naughty, Obscene and Otherwise Bad
// Words", CC-BY-4.0). Run after changing the package's version in package.json:
//     npm ci && node tools/regenerate-lexicon.mjs
// The unit tests check that the committed file still holds every word of the installed package.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(require.resolve('naughty-words/package.json'), 'utf8'));
const words = JSON.parse(readFileSync(require.resolve('naughty-words/en.json'), 'utf8'));

// A lexicon line cannot hold a term without letters or digits (the matcher could never match
// it) nor one that starts like a comment or an allow-list entry without escaping.
const matchable = (word) => /[\p{L}\p{N}]/u.test(word);
const kept = [];
const dropped = [];
for (const raw of words) {
  const word = raw.trim().replace(/\s+/g, ' ');
  if (!matchable(word)) dropped.push(word);
  else kept.push(/^[!#]/.test(word) ? `\\${word}` : word);
}
// Roots that keep their meaning inside longer words ("fucked", "motherfucking", "bitchy",
// "fuckfuckfuck"): marked `substring`. Debian's `wamerican` word list has no innocent word
// holding one of them but the name Pissaro (allowed below, as is Scunthorpe). "shit" stays a
// whole word, for Japanese names and words hold it ("Yamashita", "aishiteru"): its compounds
// are listed below instead. Their disguises are still found as whole words (docs/matching.md).
const insideWords = new Set(['fuck', 'cunt', 'bitch', 'whore', 'jizz', 'piss', 'fxck', 'bxtch']);
const withOptions = (term) => (insideWords.has(term) ? `${term}  substring` : term);
// Common English profanity and insults the package does not list (it is mostly sexual terms),
// and spellings the disguise rules do not reach: an `x` for the vowel ("fxck"; reading any `x` as
// a mask would make "boxer" a "boner"), a `y` for the `i` ("shyt"; reading every `y` so doubled
// a 10,000-term lexicon's scan), no vowel at all ("fkn").
// Ours, not the package's: listed after its words. Left out on purpose: words with an innocent
// everyday sense ("prick", "slag", "hell", "damn", "crap") and abbreviations ("fck" is also a
// football club's, "wtf").
// The unit tests find these after this heading.
const ownTermsHeading = '# Terms of our own (handleguard):';
const own = ['arse', 'asshat', 'assclown', 'asswipe', 'batshit', 'bellend', 'beyotch', 'biatch',
  'bullshitter', 'chickenshit', 'cocksucker', 'dickface', 'dickhead', 'dickwad', 'dipshit', 'douche', 'douchebag',
  'dumbass', 'fatass', 'fckin', 'fcking', 'fkn', 'fxck', 'bxtch', 'shxt', 'shyt', 'bytch', 'kill yourself', 'goddamn', 'goddammit', 'horseshit', 'jackass',
  'jackoff', 'jerkoff', 'minge', 'mofo', 'piss', 'retard', 'retarded', 'scumbag', 'shitbag', 'shitfaced',
  'shithead', 'shithole', 'shitload', 'shitshow', 'shitstorm', 'shitted', 'shitter', 'shittier', 'shittiest', 'shitting',
  'skank', 'smartass', 'turd', 'twatwaffle', 'wanker', 'wankstain'];

// Words and names the matcher's disguise rules (docs/matching.md, "Disguises of spelling") would
// read as a term: a swap (Cnut, the king), a sound-alike (the dik-dik, an antelope; the song
// "Kum ba yah"; cook and kook, read as "cok"), a letter repeated (rapping, Bonner; tilt, where
// "l" is "i"). Found by running Debian's `wamerican` word list through the matcher; "tittles" and
// "twinkle" are left out: with "l" read as "i" they are the terms "titties" and "twinkie" as
// written. Terms are their plurals too: "annals" (a letter repeated in "anals") and the name
// Cummings were the plurals the same word list gave that are innocent where the singular is not
// read as a term. Ours, not the package's: listed as allow-list entries after its words.
// Phrases an agency's clients post that hold a listed word in its innocent sense (a university's
// "magna cum laude", a garden centre's "pussy willow", a birding club's "blue tits", a film or a
// band): allowed whole, so the word alone is still found. Not "great tits", which is as often not
// about birds.
const allow = ['scunthorpe', 'pissarro', 'pissaro', 'cnut', 'dik-dik', 'kum ba yah', 'kumbaya', 'cook', 'cooks', 'kook', 'kooks', 'rapping', 'tilt', 'tilts', 'bonner',
  'annals', 'cummings', 'cum laude', 'pussy willow', 'blue tit', 'blue tits', 'coal tit', 'coal tits', 'moby dick', 'dick van dyke', 'sex pistols'];

const lines = [
  '# Default English profanity lexicon for handleguard.',
  `# Source: npm package naughty-words@${packageJson.version} (${packageJson.repository?.url ?? 'LDNOOBW'}),`,
  `# file en.json, licence ${packageJson.license}: "List of Dirty, Naughty, Obscene and Otherwise Bad Words"`,
  '# by Shutterstock and contributors. Generated by tools/regenerate-lexicon.mjs: do not edit by hand.',
  '# Terms match whole words unless marked substring; see docs/matching.md for the format and the rules.',
  ...(dropped.length ? [`# Left out (no letter or digit to match): ${dropped.join(' ')}`] : []),
  '',
  ...kept.map(withOptions),
  '',
  `${ownTermsHeading} common profanity and insults the package does not list.`,
  ...own.map(withOptions),
  '',
  '# Allow-list (handleguard): innocent words the disguise rules would otherwise read as a term.',
  ...allow.map((word) => `!${word}`),
  '',
];
const target = join(root, 'native-host/data/lexicons/en-profanity.txt');
writeFileSync(`${target}.tmp`, lines.join('\n'));
renameSync(`${target}.tmp`, target);
console.log(`handleguard: wrote ${kept.length} + ${own.length} terms to ${target} (${dropped.length} left out)`);
