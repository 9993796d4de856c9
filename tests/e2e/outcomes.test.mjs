// Outcomes (scenarios/outcomes.mjs) in real Chromium, and the popup's last verdicts read from the
// host's audit log, which only Chromium's automation can open.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { outcomes } from './scenarios/outcomes.mjs';
import { EXTENSION_ID, waitFor } from './support/guarded_browser.mjs';

const suite = outcomes('chromium');

test('the popup shows the last verdicts from the host\'s log, with what became of each and X\'s reason', { timeout: 60_000 }, async () => {
  const popup = await suite.browser().context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
  const lines = () => popup.locator('#last-verdicts li').allInnerTexts();
  const shownNow = async () => (await lines()).map((line) => line.replace(/^.*? (?=allow |warn |block )/, ''));
  await waitFor(async () => (await shownNow())[0]?.startsWith('allow · post · @acmecars → failed'), 'the newest verdict in the popup');
  const shown = await shownNow();
  assert.equal(shown.length, 10, 'the last ten');
  assert.deepEqual(shown.slice(0, 4), [
    'allow · post · @acmecars → failed on X (Status is a duplicate. (187))',
    'warn · post · @acmecars · acme-careful → cancelled', // the thread's post that replied elsewhere, judged again
    // The thread's own approval for it, never used: given back when the next test logged in again.
    'warn · post · @acmecars · acme-careful · confirmed → cancelled',
    'allow · post · @acmecars → posted',
  ]);
  await popup.close();
});
