// Measures, in a real headless browser with the extension and a warm host, the time from a
// trusted click on Post to the guard's verdict on screen, over many posts. Timed in the page
// itself, from the click's pointerup timeStamp to the task that renders the dialog in the
// guard's (closed) shadow root, so the driver's own round trips do not count.
// A benchmark, not a test: it prints figures.
// Usage: node bench/extension_verdict_bench.mjs [POSTS] [--browser chromium|firefox]
import { createReplica } from '../tests/e2e/replica/replica.mjs';
import { ACCOUNTS, ACME, POLICY } from '../tests/e2e/support/fixtures.mjs';
import { waitFor } from '../tests/e2e/support/guarded_browser.mjs';
import { launchBrowser } from '../tests/e2e/support/guarded_suite.mjs';
import { benchArguments, machineLine, summary } from './browser_bench_support.mjs';

const { browser: browserName, count: posts } = benchArguments(200);
const warmup = 10;
const replica = createReplica({ accounts: ACCOUNTS });
const browser = await launchBrowser(browserName, { policy: POLICY, replica });
try {
  const { driver } = browser;
  await driver.logIn(ACME.user_id);
  await driver.goto('https://x.com/home');
  await waitFor(async () => /Posting as/.test((await driver.view()).banner), 'the banner');
  await driver.evaluate(() => {
    window.verdictTimes = [];
    let clickedAt = null;
    // The guard stops the click itself before any page listener; the pointerup that ends the
    // same click is not stopped and comes a moment before it.
    window.addEventListener('pointerup', (event) => { clickedAt = event.timeStamp; }, true);
    // The end: the guard re-mounts its host element (setting data-theme) in the same task that
    // renders the dialog, so this observer runs right after the dialog is in the page. (Focus
    // events would do in Chromium, but headless Firefox has no focused window and sends none.)
    new MutationObserver(() => {
      if (clickedAt === null) return;
      window.verdictTimes.push(performance.now() - clickedAt);
      clickedAt = null;
    }).observe(document.querySelector('handleguard-ui'), { attributes: true, attributeFilter: ['data-theme'] });
  });
  await driver.type('[data-testid="tweetTextarea_0"]', 'A cheap offer'); // a block verdict: the dialog shows every time
  for (let i = 0; i < warmup + posts; i += 1) {
    await driver.click('[data-testid="tweetButtonInline"]');
    await waitFor(() => driver.evaluate((n) => window.verdictTimes.length > n, i), 'the verdict');
    if (!/"cheap" is banned/.test((await driver.view()).dialog)) throw new Error('the timed event came without the verdict dialog');
    await driver.press('Escape'); // closes the dialog; the post stays held
  }
  const times = (await driver.evaluate(() => window.verdictTimes)).slice(warmup);
  if (replica.posts().length !== 0) throw new Error('a held post reached the replica');
  const version = browserName === 'firefox' ? await browser.browser.version() : `Chromium ${browser.context.browser()?.version() ?? ''}`;
  console.log(`${browserName}: click → verdict on screen, ${times.length} posts after ${warmup} warm-up, host warm`);
  console.log(machineLine(version));
  console.log(`${summary(times)}   (goal: p95 <= 25 ms)`);
} finally {
  await browser.close();
}
