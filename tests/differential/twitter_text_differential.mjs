// Differential test: our text engine against X's own twitter-text (npm, 3.1.0) on texts nobody
// wrote by hand. A seeded random corpus (the same texts on every run) mixes what breaks text
// engines: keycaps, emoji sequences, URLs with and without a protocol, IDN hosts, t.co links,
// sigils, CJK, combining marks (NFC changes the text), invalid and directional characters,
// random code points and long texts. For each text, twitter-text's parseTweet and
// extractEntitiesWithIndices must equal what our engine returns (tests/differential/text_batch.cpp):
// weightedLength, valid, permillage, both ranges, and every entity's text and indices.
//
// Texts with lone surrogates are left out: our engine reads UTF-8, which cannot hold them (the
// CLI and host refuse such input before counting).
//
// Where twitter-text 3.1.0 disagrees with X's own conformance suite, the suite wins and the text
// is listed in `suiteWins` below with the reason; every other difference fails the test.
//
// Usage: node tests/differential/twitter_text_differential.mjs BUILD/bin/handleguard_text_batch [COUNT] [SEED]
// (SHOW=N prints up to N differing texts, 15 by default; DUMP=FILE writes them all as JSON.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { seededRandom } from '../../tools/seeded_random.mjs';

const require = createRequire(import.meta.url);
const twitterText = require('twitter-text');
const { parseTweet, extractEntitiesWithIndices, isValidUrl } = twitterText.default ?? twitterText;

const [batchBinary, countArgument, seedArgument] = process.argv.slice(2);
if (!batchBinary) {
  console.error('usage: node tests/differential/twitter_text_differential.mjs HANDLEGUARD_TEXT_BATCH [COUNT] [SEED]');
  process.exit(64);
}
const textCount = Number(countArgument ?? 4000);
const seed = Number(seedArgument ?? 0x7e57c0de) | 0;

const random = seededRandom(seed);
const below = (n) => Math.floor(random() * n);
const pick = (list) => list[below(list.length)];
const repeat = (n, make) => Array.from({ length: n }, make).join('');

const words = [
  'the', 'new', 'season', 'starts', 'today', 'Sale', 'café', 'naïve', 'München', 'straße', 'año',
  '新しい', 'シーズン', '今日', '日本語', '한국어', '中文字', 'يبدأ', 'الموسم', 'שלום', 'สวัสดี', 'नमस्ते',
  'Ελλάδα', 'Москва', 'ok', 'x', '_', '123', '1st', 'co', 'com', 'a.b', 'U.S.', 'e.g.',
];
// Pieces that change under NFC, and combining marks on their own.
const unnormalized = ['e\u0301', 'A\u030A', '\u1100\u1161', 'n\u0303', '\u0301', '\u0308', 'o\u0308\u0304', '\u212B', '\u2126', '\u0958', '\uFB2A'];
const emoji = [
  '😀', '🎉', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '🇺🇸🇬🇧', '❤️', '❤', '🏳️‍🌈', '🏴‍☠️', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '👩🏾‍💻', '🧑‍🎄', '🥲', '🫠', '❤️‍🔥',
  '🤌🏼', '🫶', '👁️‍🗨️', '🙋‍♀️', '🙋🏻‍♂️', '©', '©️', '®️', '™', '™️', '‼️', '↔️', '⌚', '☺', '☺️', '✌🏿', '🇦',
  '🇦🇦', '🏻', '\u200D', '\uFE0F', '\uFE0E', '☕\uFE0E', '\uE50A', '🦰', '👨‍🦰', '🦸‍♀️', '🧜🏽‍♂️', '🐈‍⬛', '😶‍🌫️',
  '🫱🏻‍🫲🏿', '🪿', '👨🏻‍❤️‍💋‍👨🏼', '💏🏽', '♀️', '⚕️', '🏃‍➡️',
];
const keycaps = ['1️⃣', '#️⃣', '*️⃣', '1⃣', '#⃣', '9\uFE0F', '0\uFE0F\u20E3\uFE0F', '🔟', '\u20E3', '#\uFE0E\u20E3'];
const invalid = ['\uFFFE', '\uFEFF', '\uFFFF'];
const directional = ['\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u061C'];
const spaces = [' ', ' ', ' ', '\n', '\t', '\u3000', '\u00A0', '\u2009', '\r\n', ''];
const punctuation = ['.', ',', '!', '?', ':', ';', '(', ')', '[', ']', '"', "'", '…', '-', '_', '/', '&', '=', '%', '~', '|', '*', '+', '「', '」', '、', '。'];
const hosts = [
  'example.com', 'www.example.co.uk', 'EXAMPLE.COM', 'sub.domain.example.org', 'example.com.', 'example.technology',
  'münchen.de', 'bücher.example.com', '例え.jp', 'ドメイン.テスト', 'xn--mnchen-3ya.de', 'xn--80ak6aa92e.com', 'россия.рф',
  'a.co', 'x.com', 't.co', 'bit.ly', 'goo.gl', 'foo_bar.example.com', '-bad.example.com', 'exa_mple.com', 'example.xyz',
  'localhost', '127.0.0.1', 'example.c', 'example.comm', 'a-b.example.info', 'example.ninja', 'test.みんな', 'example.ac.jp',
  'www.google.com', 'example.jp', 'exámple.com', 'ex\u200Bample.com', 'РОССИЯ.РФ', 'ПРИМЕР.РФ', 'παράδειγμα.ελ',
  'ɠexample.com', 'example.\u212Aim', 'example.ſexy', 'EXAMPLE.KIM',
];
const paths = [
  '', '/', '/path', '/a/b/c.html', '/path?query=1&b=2', '/?q=x#frag', '/wiki/Foo_(bar)', '/(a)', '/café', '/日本',
  '/path.', '/path,', '/path!', ':8080', ':8080/x', ':', '/~user/', '/%E2%9C%93', '/a@b', '/#!/x', '?a=b', '/@user',
  '/#hash', '/$cash', `/${repeat(30, () => 'x')}`, '/path)', '/x"y', '/-', '/a+b=c', '/\u212A\u212B\u017F', '/ɠ',
  '/\u1C80', '/\u0345\u0399', '?q=\u017F', '/ΑΒΓ', '/\u2013',
];

function url() {
  const protocol = pick(['', '', 'http://', 'https://', 'HTTPS://', 'ftp://', 'http:/', 'https://www.', 'http\u017F://']);
  return protocol + pick(hosts) + pick(paths);
}
function tco() {
  const slug = repeat(below(48) + 1, () => pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'));
  return `${pick(['https://', 'http://', ''])}t.co/${slug}${pick(['', '', '?x=1', '/more', '.', '#a'])}`;
}
function name() {
  return repeat(below(22) + 1, () => pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789______'));
}
function sigil() {
  switch (below(10)) {
    case 0: return `@${name()}`;
    case 1: return `＠${name()}`;
    case 2: return `@${name()}/${pick(['list', 'my-list', 'a', 'x'.repeat(26), '日本', '1'])}`;
    case 3: return `#${pick(['NewSeason', 'F1', '123', '_', 'café', '日本語', 'ハッシュタグ', 'ไทย', 'हिन्दी', 'x' + '\u0301', 'tag_1', '한국', 'تجربة', '🇫🇷', 'a‌b'])}`;
    case 4: return `＃${pick(['tag', 'タグ', '1'])}`;
    case 5: return `$${pick(['AAPL', 'TSLA', 'BRK.A', 'BRK.AA', 'abc', 'A1', '1', 'TOOLONGCASH', 'a_b', 'X'])}`;
    case 6: return pick(['@', '#', '$', '＠', '＃', '@@', '##', '#️⃣tag', '#\u20E3x']) + pick(['', name()]);
    case 7: return `${name()}@${name()}.com`;
    case 8: return `RT @${name()}: `;
    default: return `${pick(['', 'a', '1', '_', '!', '@', '#', '$', 'é'])}${pick(['@', '#', '$'])}${name()}`;
  }
}
// A code point from anywhere (no surrogates: UTF-8 cannot hold them), most often from the
// blocks posts use.
function randomCodePoint() {
  const ranges = [
    [0x20, 0x7e], [0xa0, 0x2ff], [0x300, 0x36f], [0x370, 0x52f], [0x590, 0x6ff], [0x900, 0x97f], [0xe00, 0xe7f],
    [0x1100, 0x11ff], [0x2000, 0x206f], [0x2100, 0x27ff], [0x3000, 0x30ff], [0x4e00, 0x9fff], [0xac00, 0xd7a3],
    [0xe000, 0xe0ff], [0xfe00, 0xfe0f], [0xff00, 0xffef], [0xfff0, 0xffff], [0x1f000, 0x1faff], [0x10000, 0x10ffff], [0, 0x1f],
  ];
  const [low, high] = pick(ranges);
  let point = low + below(high - low + 1);
  if (point >= 0xd800 && point <= 0xdfff) point = 0x20;
  return String.fromCodePoint(point);
}

const pieceMakers = [
  [30, () => pick(words)],
  [8, () => pick(unnormalized)],
  [14, () => pick(emoji)],
  [5, () => pick(keycaps)],
  [3, () => pick(invalid)],
  [4, () => pick(directional)],
  [14, url],
  [4, tco],
  [14, sigil],
  [8, () => pick(punctuation)],
  [8, randomCodePoint],
  [3, () => repeat(below(6) + 1, randomCodePoint)],
];
const totalWeight = pieceMakers.reduce((sum, [weight]) => sum + weight, 0);
function piece() {
  let roll = below(totalWeight);
  for (const [weight, make] of pieceMakers) {
    if (roll < weight) return make();
    roll -= weight;
  }
  return '';
}

function text() {
  // Mostly posts, some right around the 280 limit, a few long ones.
  const roll = random();
  const target = roll < 0.6 ? below(120) + 1 : roll < 0.9 ? 240 + below(90) : roll < 0.98 ? 1000 + below(4000) : 25000;
  let out = '';
  while (out.length < target) out += piece() + (random() < 0.7 ? pick(spaces) : '');
  return out;
}

// twitter-text's answer in the shape our engine prints.
function theirs(input) {
  const count = parseTweet(input);
  const entities = { urls: [], mentions: [], hashtags: [], cashtags: [] };
  for (const entity of extractEntitiesWithIndices(input)) {
    if (entity.url !== undefined) entities.urls.push({ text: entity.url, indices: entity.indices });
    else if (entity.screenName !== undefined) {
      const mention = { text: entity.screenName, indices: entity.indices };
      if (entity.listSlug) mention.listSlug = entity.listSlug;
      entities.mentions.push(mention);
    } else if (entity.hashtag !== undefined) entities.hashtags.push({ text: entity.hashtag, indices: entity.indices });
    else entities.cashtags.push({ text: entity.cashtag, indices: entity.indices });
  }
  return {
    weightedLength: count.weightedLength,
    valid: count.valid,
    permillage: count.permillage,
    displayRangeStart: count.displayRangeStart,
    displayRangeEnd: count.displayRangeEnd,
    validRangeStart: count.validRangeStart,
    validRangeEnd: count.validRangeEnd,
    entities,
  };
}

// Cases where twitter-text 3.1.0 contradicts X's conformance suite; there the suite wins.
// Each entry: a test that recognises such a text, and why ours answers differently.
const suiteWins = [];

// isValidUrl on URLs alone: the hosts and paths above, with userinfo and ports, and the
// characters where RE2's case folding and JavaScript's `i` flag part ways (the Kelvin sign
// U+212A, the Ångström sign U+212B and ſ U+017F fold to k, å and s in RE2; JavaScript without
// the `u` flag never maps non-ASCII to ASCII) in every part: scheme, userinfo, host, TLD, path,
// query, fragment and percent-encoding.
const foldingTraps = ['\u212A', '\u212B', '\u017F', 'k', 'K', 's', 'S', '\u00E5', '\u00C5', '\u0131', '\u0130', '\u1E9E', '\u00DF'];
function candidateUrl() {
  const trap = () => pick(foldingTraps);
  const scheme = pick(['', 'http://', 'https://', 'HTTP://', 'ftp://', `http${trap()}://`, `${trap()}ttp://`, 'h\u212Attp://']);
  const userinfo = pick(['', '', '', `user${trap()}@`, `${trap()}:pass@`, 'a%4B@', `%4${trap()}@`]);
  const host = pick([...hosts, `ex${trap()}mple.com`, `example.${trap()}im`, `example.co${trap()}`, `${trap()}.example.org`,
    '[::1]', '[fe80::A]', `[fe80::${trap()}]`, '192.168.0.1']);
  const port = pick(['', '', ':80', ':65535', ':123456']);
  const path = pick([...paths, `/${trap()}`, `/a${trap()}b`, `/%4${trap()}`, `/%${trap()}B`, `/\u1C80${trap()}`]);
  const query = pick(['', '', `?q=${trap()}`, `?${trap()}`, '?a=%4b']);
  const fragment = pick(['', '', `#${trap()}`, '#frag']);
  return scheme + userinfo + host + port + path + query + fragment;
}

const texts = Array.from({ length: textCount }, text);
const candidateUrls = Array.from({ length: Math.max(500, Math.floor(textCount / 2)) }, candidateUrl);
const work = mkdtempSync(join(tmpdir(), 'handleguard-differential-'));
let ours;
let ourUrlAnswers;
try {
  writeFileSync(join(work, 'texts.json'), JSON.stringify(texts));
  ours = JSON.parse(execFileSync(batchBinary, [join(work, 'texts.json')], { maxBuffer: 1 << 30, encoding: 'utf8' }));
  writeFileSync(join(work, 'urls.json'), JSON.stringify(candidateUrls));
  ourUrlAnswers = JSON.parse(execFileSync(batchBinary, ['--urls', join(work, 'urls.json')], { maxBuffer: 1 << 30, encoding: 'utf8' }));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const escape = (value) => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
let agreed = 0;
let excused = 0;
const differences = [];
texts.forEach((input, index) => {
  const expected = theirs(input);
  const actual = ours[index];
  if (JSON.stringify(expected) === JSON.stringify(actual)) {
    agreed++;
    return;
  }
  const reason = suiteWins.find((entry) => entry.matches(input));
  if (reason) {
    excused++;
    return;
  }
  differences.push({ index, input, expected, actual });
});

// What differs, field by field and entity by entity, with the text around a differing entity.
function describe(input, expected, actual) {
  const lines = [];
  for (const field of Object.keys(expected)) {
    if (field === 'entities' || expected[field] === actual?.[field]) continue;
    lines.push(`${field}: twitter-text ${expected[field]}, ours ${actual?.[field]}`);
  }
  for (const kind of Object.keys(expected.entities)) {
    const theirList = expected.entities[kind];
    const ourList = actual?.entities?.[kind] ?? [];
    for (let i = 0; i < Math.max(theirList.length, ourList.length); i++) {
      if (JSON.stringify(theirList[i]) === JSON.stringify(ourList[i])) continue;
      const where = (theirList[i] ?? ourList[i]).indices;
      lines.push(`${kind}[${i}]: twitter-text ${JSON.stringify(theirList[i])}, ours ${JSON.stringify(ourList[i])}`);
      lines.push(`  around it: ${escape(input.slice(Math.max(0, where[0] - 20), where[1] + 20))}`);
      break;
    }
  }
  return lines;
}
if (process.env.DUMP) writeFileSync(process.env.DUMP, JSON.stringify(differences.map((d) => d.input)));
for (const { index, input, expected, actual } of differences.slice(0, Number(process.env.SHOW ?? 15))) {
  console.log(`text #${index} (${input.length} UTF-16 units): ${input.length > 300 ? '(long)' : escape(input)}`);
  for (const line of describe(input, expected, actual)) console.log(`  ${line}`);
}
console.log(`${agreed}/${texts.length} texts agreed with twitter-text ${require('twitter-text/package.json').version}` +
  (excused ? ` (${excused} more differ where X's conformance suite wins over twitter-text, see suiteWins)` : ''));

let urlsAgreed = 0;
const urlDifferences = [];
candidateUrls.forEach((candidate, index) => {
  // isValidUrl answers null instead of false when a part does not match at all.
  const expected = [[true, true], [false, true], [true, false]].map(([unicode, protocol]) => Boolean(isValidUrl(candidate, unicode, protocol)));
  if (JSON.stringify(expected) === JSON.stringify(ourUrlAnswers[index])) urlsAgreed++;
  else urlDifferences.push({ candidate, expected, actual: ourUrlAnswers[index] });
});
for (const { candidate, expected, actual } of urlDifferences.slice(0, Number(process.env.SHOW ?? 15))) {
  console.log(`isValidUrl ${escape(candidate)} (unicode+protocol, ascii+protocol, unicode): twitter-text ${JSON.stringify(expected)}, ours ${JSON.stringify(actual)}`);
}
const validUrls = candidateUrls.filter((candidate) => Boolean(isValidUrl(candidate, true, true))).length;
console.log(`${urlsAgreed}/${candidateUrls.length} URLs got isValidUrl's answers (${validUrls} valid with unicode domains)`);
if (differences.length > 0 || urlDifferences.length > 0) {
  if (differences.length > 0) console.log(`${differences.length} texts differ`);
  if (urlDifferences.length > 0) console.log(`${urlDifferences.length} URLs differ in isValidUrl`);
  process.exit(1);
}
