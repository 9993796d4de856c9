// Writes the benchmark corpus of realistic posts (deterministic: same seed, same posts) to the
// file named on the command line: {"short": [...280-character posts], "long": [...25,000-character posts]}.
// Posts mix prose in several scripts with what agencies post: links with and without a
// protocol, @mentions, lists, #hashtags, $cashtags, emoji (ZWJ sequences, flags, skin tones).
import { writeFileSync } from 'node:fs';

import { seededRandom } from '../tools/seeded_random.mjs';

const random = seededRandom(0x5eed1234);
const pick = (list) => list[Math.floor(random() * list.length)];

const words = {
  en: 'the new season starts today and we are ready for you come see what our team built this year with love from all of us thanks for the support'.split(' '),
  es: 'la nueva temporada empieza hoy y estamos listos para ti ven a ver lo que construimos este año gracias'.split(' '),
  fr: 'la saison commence aujourd’hui nous sommes prêts venez découvrir ce que l’équipe a créé cette année merci'.split(' '),
  ja: '新しい シーズン が 今日 始まります 私たち は 準備 が できて います ぜひ 見に 来て ください'.split(' '),
  ar: 'يبدأ الموسم الجديد اليوم ونحن مستعدون لكم تعالوا وشاهدوا ما صنعناه هذا العام شكرا'.split(' '),
};
const extras = [
  () => `https://www.example.com/products/${Math.floor(random() * 1e6)}?utm_source=x&utm_medium=social`,
  () => `http://t.co/${Math.floor(random() * 36 ** 8).toString(36)}`,
  () => pick(['example.com', 'shop.example.co.uk/sale', 'news.example.org/2024/05/story', 'bit.ly/3xYz', 'www.example.de']),
  () => `@${pick(['acmecars', 'acme_support', 'jane_doe', 'XDevelopers', 'news'])}`,
  () => `@${pick(['acme', 'agency'])}/${pick(['team', 'clients-2024'])}`,
  () => `#${pick(['NewSeason', 'Sale2024', 'ad', 'sponsored', '日本', 'café', 'F1'])}`,
  () => `$${pick(['AAPL', 'TSLA', 'BTC', 'acme'])}`,
  () => pick(['😀', '🎉', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '❤️', '🏳️‍🌈', '1️⃣', '🚗💨']),
];

function post(targetLength) {
  const language = pick(Object.keys(words));
  let text = '';
  while (text.length < targetLength) {
    const piece = random() < 0.15 ? pick(extras)() : pick(words[language]);
    const next = text ? `${text}${random() < 0.03 ? '\n' : ' '}${piece}` : piece;
    if (next.length > targetLength) break;
    text = next;
  }
  return text;
}

const out = process.argv[2];
if (!out) {
  console.error('usage: node bench/text_corpus.mjs OUTPUT.json');
  process.exit(64);
}
const corpus = {
  short: Array.from({ length: 500 }, () => post(280)),
  long: Array.from({ length: 20 }, () => post(25000)),
};
writeFileSync(out, JSON.stringify(corpus));
