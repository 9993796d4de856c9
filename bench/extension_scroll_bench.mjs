// Measures what the guard's content scripts add to scrolling X's timeline: the same scripted
// scroll through a virtualised timeline (cells with avatars, handles, links and action buttons
// appended below and dropped above, as X does) in the same browser with and without the
// extension, alternating rounds so both see the same machine load.
// Each step appends 5 cells, drops the oldest beyond 60, scrolls 500 px, forces layout, and
// yields one task, so the guard's MutationObserver callbacks and any timer work it queued run
// inside the measured time. A benchmark, not a test: it prints figures.
// Usage: node bench/extension_scroll_bench.mjs [STEPS] [--browser chromium|firefox]
import { createReplica } from '../tests/e2e/replica/replica.mjs';
import { ACCOUNTS, ACME, POLICY } from '../tests/e2e/support/fixtures.mjs';
import { waitFor } from '../tests/e2e/support/guarded_browser.mjs';
import { launchBrowser } from '../tests/e2e/support/guarded_suite.mjs';
import { benchArguments, machineLine, quantile, treeCpuMs } from './browser_bench_support.mjs';

const ROUNDS = 10;
const { browser: browserName, count: steps } = benchArguments(150);

// Runs in the page: scrolls `count` steps and returns {total, steps} in ms.
async function scrollTimeline(count) {
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  const cell = (n) => {
    const handle = `user${n % 97}`;
    return el('div', { 'data-testid': 'cellInnerDiv', style: 'min-height: 180px' },
      el('article', { 'data-testid': 'tweet', role: 'article' },
        el('div', { 'data-testid': `UserAvatar-Container-${handle}` }, el('img', { alt: '', src: 'data:,' })),
        el('div', { 'data-testid': 'User-Name' }, el('a', { href: `/${handle}`, role: 'link' }, `User ${n}`), el('span', {}, ` @${handle}`)),
        el('div', { 'data-testid': 'tweetText', lang: 'en' }, `Post number ${n}: a line of text long enough to wrap once or twice in the timeline column.`),
        el('div', { role: 'group' }, ...['reply', 'retweet', 'like', 'bookmark'].map((id) => el('button', { 'data-testid': id, type: 'button' }, id)))));
  };
  const timeline = el('div', { 'aria-label': 'Timeline: Your Home Timeline' });
  (document.querySelector('main') ?? document.body).append(timeline);
  const nextTask = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(0);
  });
  const times = [];
  const start = performance.now();
  for (let i = 0; i < count; i += 1) {
    const stepStart = performance.now();
    for (let k = 0; k < 5; k += 1) timeline.append(cell(i * 5 + k));
    while (timeline.childElementCount > 60) timeline.firstElementChild.remove();
    window.scrollBy(0, 500);
    void document.body.offsetHeight; // layout, as a scroll frame does
    await nextTask();
    times.push(performance.now() - stepStart);
  }
  const total = performance.now() - start;
  timeline.remove();
  return { total, steps: times };
}

async function openHome(browser, guarded) {
  await browser.driver.logIn(ACME.user_id);
  await browser.driver.goto('https://x.com/home');
  if (guarded) await waitFor(async () => /Posting as @acmecars/.test((await browser.driver.view()).banner), 'the banner');
}

const replica = createReplica({ accounts: ACCOUNTS });
const variants = [
  { name: 'without the extension', browser: await launchBrowser(browserName, { policy: POLICY, replica, withExtension: false }), runs: [] },
  { name: 'with the extension', browser: await launchBrowser(browserName, { policy: POLICY, replica }), runs: [], guarded: true },
];
try {
  for (const variant of variants) {
    await openHome(variant.browser, variant.guarded);
    await variant.browser.driver.evaluate(scrollTimeline, 30); // warm-up: JIT, layout caches
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const variant of variants) {
      await openHome(variant.browser, variant.guarded);
      const cpuBefore = treeCpuMs(variant.browser.home);
      const run = await variant.browser.driver.evaluate(scrollTimeline, steps);
      variant.runs.push({ ...run, cpu: treeCpuMs(variant.browser.home) - cpuBefore });
    }
  }
  const guard = variants[1].browser;
  const version = browserName === 'firefox' ? await guard.browser.version() : `Chromium ${guard.context.browser()?.version() ?? ''}`;
  console.log(`${browserName}: scrolling a virtualised timeline, ${steps} steps × ${ROUNDS} rounds (5 cells appended, 500 px each)`);
  console.log(machineLine(version));
  const f = (value) => `${value.toFixed(2)} ms`;
  for (const variant of variants) {
    const all = variant.runs.flatMap((run) => run.steps).sort((a, b) => a - b);
    const cpu = variant.runs.map((run) => run.cpu / steps).sort((a, b) => a - b);
    console.log(`${variant.name.padEnd(22)} wall per step: median ${f(quantile(all, 0.5))}  p95 ${f(quantile(all, 0.95))}  max ${f(all.at(-1))}   ` +
      `CPU per step (browser's processes): median ${f(quantile(cpu, 0.5))}, rounds ${f(cpu[0])}–${f(cpu.at(-1))}`);
  }
  // Rounds ran in pairs, one right after the other: the pair's difference cancels slow changes
  // in the machine's load.
  const added = variants[1].runs.map((run, i) => (run.cpu - variants[0].runs[i].cpu) / steps).sort((a, b) => a - b);
  const base = quantile(variants[0].runs.map((run) => run.cpu / steps).sort((a, b) => a - b), 0.5);
  console.log(`CPU added by the guard per step, paired rounds: median ${f(quantile(added, 0.5))} (${((quantile(added, 0.5) / base) * 100).toFixed(1)} %), ` +
    `middle half ${f(quantile(added, 0.25))} to ${f(quantile(added, 0.75))}; CPU clock: 10 ms ticks`);
} finally {
  for (const variant of variants) await variant.browser.close();
}
