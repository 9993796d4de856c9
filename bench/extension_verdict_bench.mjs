// Measures, in real headless Chromium with the extension and a warm host, the time from a
// trusted click on Post to the guard's verdict on screen (its dialog taking focus), over many
// posts. Timed in the page itself: the click's pointerup timeStamp to the `focusin` the guard's
// dialog causes on its (closed) host element, so the driver's own round trips do not count.
// A benchmark, not a test: it prints figures. Usage: node bench/extension_verdict_bench.mjs [POSTS]
import os from 'node:os';

import { createReplica } from '../tests/e2e/replica/replica.mjs';
import { ACCOUNTS, ACME, POLICY } from '../tests/e2e/support/fixtures.mjs';
import { launchGuarded, logIn, waitFor } from '../tests/e2e/support/guarded_browser.mjs';

const posts = Number(process.argv[2] ?? 200);
const warmup = 10;
const replica = createReplica({ accounts: ACCOUNTS });
const browser = await launchGuarded({ policy: POLICY, replica });
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await logIn(browser.context, ACME.user_id);
  await page.goto('https://x.com/home');
  await page.evaluate(() => {
    window.verdictTimes = [];
    let clickedAt = null;
    // The guard stops the click itself before any page listener; the pointerup that ends the
    // same click is not stopped and comes a moment before it.
    window.addEventListener('pointerup', (event) => { clickedAt = event.timeStamp; }, true);
    document.addEventListener('focusin', (event) => {
      if (event.target.localName === 'handleguard-ui' && clickedAt !== null) {
        window.verdictTimes.push(performance.now() - clickedAt);
        clickedAt = null;
      }
    });
  });
  await page.click('[data-testid="tweetTextarea_0"]');
  await page.keyboard.type('A cheap offer'); // a block verdict: the dialog shows every time
  for (let i = 0; i < warmup + posts; i += 1) {
    await page.click('[data-testid="tweetButtonInline"]');
    await waitFor(() => page.evaluate((n) => window.verdictTimes.length > n, i), 'the verdict');
    await page.keyboard.press('Escape'); // closes the dialog; the post stays held
  }
  const times = (await page.evaluate(() => window.verdictTimes)).slice(warmup).sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  if (replica.posts().length !== 0) throw new Error('a held post reached the replica');
  console.log(`click → verdict on screen, ${times.length} posts after ${warmup} warm-up, host warm`);
  console.log(`machine: ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`);
  console.log(`median ${at(0.5).toFixed(1)} ms   p95 ${at(0.95).toFixed(1)} ms   p99 ${at(0.99).toFixed(1)} ms   max ${times.at(-1).toFixed(1)} ms   (goal: p95 <= 25 ms)`);
} finally {
  await browser.close();
}
