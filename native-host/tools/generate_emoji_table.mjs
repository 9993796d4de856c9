// Writes native-host/src/text/emoji_table.cpp: every emoji sequence twitter-text's counting
// recognises, in the order its emoji parser prefers them. twitter-text's parseTweet finds emoji
// with twemoji-parser (the version its package.json pins), whose one regular expression lists
// the emoji of its own Unicode version — not ICU's newer set — with UTF-16 surrogate pairs that
// RE2 cannot read. The expression has no loops, so its language is finite: this script walks it
// and writes each sequence it can match, in the order a backtracking engine tries them (an
// alternative before the next, an optional part present before absent). The engine's match at a
// position is then the first listed sequence that starts there (text/emoji_sequence.cpp).
// Run after bumping the `twitter-text` devDependency:  node native-host/tools/generate_emoji_table.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const twitterTextRequire = createRequire(require.resolve('twitter-text'));
const parserPath = twitterTextRequire.resolve('twemoji-parser');
const parserVersion = twitterTextRequire('twemoji-parser/package.json').version;
const emojiRegex = twitterTextRequire('twemoji-parser/dist/lib/regex').default;
const source = emojiRegex.source;

// A parser for the subset of JavaScript regular expressions the file uses: alternation, groups
// ((?:…) and (…)), classes of \uXXXX escapes, literals and ranges, the `?` quantifier, and the
// negative lookahead (?!\ufe0e). Anything else stops the script: the table would be wrong.
let at = 0;
const fail = (why) => {
  throw new Error(`${parserPath}: ${why} at offset ${at}: ${source.slice(at, at + 40)}`);
};
function unit(inClass = false) {
  if (source[at] === '\\') {
    const match = /^\\u([0-9a-fA-F]{4})/.exec(source.slice(at));
    if (!match) fail('unsupported escape');
    at += 6;
    return parseInt(match[1], 16);
  }
  const code = source.charCodeAt(at);
  if ((inClass ? '[]\\' : '()[]|?*+{}.^$\\').includes(source[at])) fail('unexpected syntax');
  at += 1;
  return code;
}
function parseClass() {
  at += 1; // [
  if (source[at] === '^') fail('negated class');
  const units = [];
  while (source[at] !== ']') {
    const low = unit(true);
    if (source[at] === '-' && source[at + 1] !== ']') {
      at += 1;
      const high = unit(true);
      for (let u = low; u <= high; u++) units.push(u);
    } else units.push(low);
  }
  at += 1;
  return { type: 'class', units };
}
function parseAtom() {
  if (source[at] === '(') {
    if (source.startsWith('(?!', at)) {
      at += 3;
      const ahead = unit();
      if (source[at] !== ')') fail('lookahead longer than one character');
      at += 1;
      return { type: 'not-before', unit: ahead };
    }
    at += source.startsWith('(?:', at) ? 3 : 1;
    const inner = parseAlternation();
    if (source[at] !== ')') fail('unclosed group');
    at += 1;
    return inner;
  }
  if (source[at] === '[') return parseClass();
  return { type: 'class', units: [unit()] };
}
function parseSequence() {
  const items = [];
  while (at < source.length && source[at] !== '|' && source[at] !== ')') {
    let atom = parseAtom();
    if (source[at] === '?') {
      at += 1;
      atom = { type: 'optional', inner: atom };
    }
    items.push(atom);
  }
  return { type: 'sequence', items };
}
function parseAlternation() {
  const options = [parseSequence()];
  while (source[at] === '|') {
    at += 1;
    options.push(parseSequence());
  }
  return { type: 'alternation', options };
}
const tree = parseAlternation();
if (at !== source.length) fail('trailing syntax');

// Every path through the tree, in backtracking order. A path is its UTF-16 units and the
// lookahead it still owes at its end (the unit that must not follow), or null.
function paths(node) {
  switch (node.type) {
    case 'class':
      return node.units.map((u) => ({ units: [u], notBefore: null }));
    case 'not-before':
      return [{ units: [], notBefore: node.unit }];
    case 'optional':
      return [...paths(node.inner), { units: [], notBefore: null }];
    case 'alternation':
      return node.options.flatMap(paths);
    case 'sequence': {
      let out = [{ units: [], notBefore: null }];
      for (const item of node.items) {
        const next = [];
        for (const head of out) {
          for (const tail of paths(item)) {
            // A lookahead owed by the head is settled by the tail's first unit, if it has one.
            if (head.notBefore !== null && tail.units.length > 0) {
              if (tail.units[0] === head.notBefore) continue;
              next.push({ units: [...head.units, ...tail.units], notBefore: tail.notBefore });
            } else {
              next.push({ units: [...head.units, ...tail.units], notBefore: tail.notBefore ?? head.notBefore });
            }
          }
        }
        out = next;
      }
      return out;
    }
    default:
      throw new Error(`unknown node ${node.type}`);
  }
}

const all = paths(tree);
const seen = new Set();
const table = [];
for (const path of all) {
  if (path.units.length === 0) fail('an empty match');
  const text = String.fromCharCode(...path.units);
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) throw new Error(`a lone surrogate in ${JSON.stringify(text)}`);
  const key = `${text}|${path.notBefore}`;
  if (seen.has(key)) continue; // a later duplicate can never be the first match
  seen.add(key);
  if (path.notBefore !== null && path.notBefore !== 0xfe0e) throw new Error('a lookahead other than U+FE0E');
  table.push({ points: [...text].map((c) => c.codePointAt(0)), notBeforeFe0e: path.notBefore !== null });
}

// Self-check: for every listed sequence, alone and followed by U+FE0E, the first listed match
// must be what the package's own expression matches.
function firstListed(text) {
  for (const entry of table) {
    const candidate = String.fromCodePoint(...entry.points);
    if (!text.startsWith(candidate)) continue;
    if (entry.notBeforeFe0e && text.charCodeAt(candidate.length) === 0xfe0e) continue;
    return candidate;
  }
  return '';
}
for (const entry of table) {
  for (const suffix of ['', '\ufe0e', 'x']) {
    const text = String.fromCodePoint(...entry.points) + suffix;
    const expected = new RegExp(`^(?:${source})`).exec(text)?.[0] ?? '';
    if (firstListed(text) !== expected) throw new Error(`self-check failed on ${JSON.stringify(text)}`);
  }
}

const hex = (point) => `0x${point.toString(16).toUpperCase()}`;
const lines = table.map((entry) => `    {{{${entry.points.map(hex).join(', ')}}}, ${entry.notBeforeFe0e}},`);
const maxPoints = Math.max(...table.map((entry) => entry.points.length));
const out = `// Generated by native-host/tools/generate_emoji_table.mjs from twemoji-parser ${parserVersion}
// (MIT, Twitter Inc.; the emoji parser twitter-text's parseTweet uses; see docs/text-engine.md).
// Do not edit by hand.
#include "text/emoji_table.hpp"

namespace handleguard::text::detail {

// ${table.length} sequences, in the order twemoji-parser's expression prefers them.
std::span<const EmojiTableEntry> emoji_table() {
  static constexpr EmojiTableEntry entries[] = {
${lines.join('\n')}
  };
  return entries;
}

} // namespace handleguard::text::detail
`;
if (maxPoints > 10) throw new Error(`a sequence of ${maxPoints} code points; raise EmojiTableEntry's size`);
const target = fileURLToPath(new URL('../src/text/emoji_table.cpp', import.meta.url));
writeFileSync(target, out);
console.log(`wrote ${target}: ${table.length} sequences (longest ${maxPoints} code points) from twemoji-parser ${parserVersion}`);
