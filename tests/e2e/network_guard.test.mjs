// Issue 6 items 2, 5 and 7 in real Chromium: the network guard (scenarios/network_guard.mjs),
// and a service worker stopped mid-session through the DevTools protocol.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { networkGuard } from './scenarios/network_guard.mjs';
import { ACME } from './support/fixtures.mjs';
import { clickGuardButton, guardView } from './support/guard_view.mjs';
import { hostPids, waitFor } from './support/guarded_browser.mjs';

const suite = networkGuard('chromium');

test('the service worker restarted mid-session: the next post is still judged and sent', { timeout: 60_000 }, async () => {
  const [browser, user] = [suite.browser(), suite.user()];
  const { page } = browser;
  await user.open(ACME);
  const hostBefore = hostPids(browser.home);
  assert.ok(hostBefore.length > 0, 'the worker holds a host');
  const cdp = await browser.context.newCDPSession(page);
  const workerTargets = async () => (await cdp.send('Target.getTargets')).targetInfos
    .filter((t) => t.type === 'service_worker' && t.url.includes('/background/service_worker.js'));
  const [target] = await workerTargets();
  await cdp.send('Target.closeTarget', { targetId: target.targetId }); // stops the worker
  await waitFor(async () => (await workerTargets()).length === 0, 'the worker to stop');
  await waitFor(() => hostBefore.every((pid) => !hostPids(browser.home).includes(pid)), 'the stopped worker\'s host to end');

  await user.type('[data-testid="tweetTextarea_0"]', 'Cheap after a restart');
  assert.match(await user.held(() => page.click('[data-testid="tweetButtonInline"]')), /"cheap" is banned/);
  await clickGuardButton(page, 'Edit post');
  await user.type('[data-testid="tweetTextarea_0"]', 'Fine after a restart');
  const [sent] = await user.publishes(() => page.click('[data-testid="tweetButtonInline"]'));
  assert.equal(sent.body.variables.tweet_text, 'Fine after a restart');
  assert.equal((await workerTargets()).length, 1, 'a new worker runs');
  await cdp.detach();
  assert.match((await guardView(page)).banner, /Posting as @acmecars/);
});
