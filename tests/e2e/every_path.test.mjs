// Issue 6 item 1 in real Chromium: every way to post (scenarios/every_path.mjs), and the
// toolbar badge and popup, which only Chromium's automation can open.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { everyPath } from './scenarios/every_path.mjs';
import { ACME } from './support/fixtures.mjs';

const suite = everyPath('chromium');

test('the toolbar badge and the popup show the account, the host, the policy and the last verdicts', { timeout: 60_000 }, async () => {
  const [browser, user] = [suite.browser(), suite.user()];
  await user.open(ACME, 'https://x.com/home');
  await user.type('[data-testid="tweetTextarea_0"]', 'Cheap again');
  await user.held(() => browser.page.click('[data-testid="tweetButtonInline"]'));
  await suite.dismiss();
  const badge = await browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://x.com/*' });
    return [await chrome.action.getBadgeText({ tabId: tab.id }), await chrome.action.getTitle({ tabId: tab.id })];
  });
  assert.deepEqual(badge, ['acme', '@acmecars · Acme Cars']);
  const popup = await browser.context.newPage();
  await popup.goto('chrome-extension://cnfeiacfghelhamjicbmagoojgalpelg/popup/popup.html');
  await waitForText(popup, /serial 7, 2 accounts/);
  assert.match(await popup.locator('#status').innerText(), /org\.handleguard\.host \d+\.\d+\.\d+ answers/);
  assert.match(await popup.locator('#status').innerText(), /@acmecars · Acme Cars · brand/);
  assert.match(await popup.locator('#status').innerText(), /block · post · @acmecars · acme-banned/);
  await popup.close();
});

async function waitForText(target, pattern) {
  const end = Date.now() + 5000;
  while (!pattern.test(await target.locator('#status').innerText())) {
    if (Date.now() > end) throw new Error(`the popup never showed ${pattern}: ${await target.locator('#status').innerText()}`);
    await target.waitForTimeout(50);
  }
}
