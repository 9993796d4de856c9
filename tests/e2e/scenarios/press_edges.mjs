// The edges of a press the other suites do not reach: a page script's event dispatched inside
// the guard's own replayed click, a second press while the first is being checked, legacy DMs
// sent with Enter, and what page scripts can see of the keys typed into the guard's dialog.
// Written against the browser driver, so press_edges.test.mjs runs it in Chromium and
// firefox_press_edges.test.mjs in Firefox ESR.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createReplica } from '../replica/replica.mjs';
import { ACCOUNTS, ACME } from '../support/fixtures.mjs';
import { useGuardedBrowser } from '../support/guarded_suite.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
const POST = '[data-testid="tweetButtonInline"]';

// Registers the tests in `browserName` ('chromium' or 'firefox').
export function pressEdges(browserName) {
  const replica = createReplica({ accounts: ACCOUNTS });
  let driver;
  let user;
  useGuardedBrowser({ browser: browserName, replica }, (started) => ({ driver, user } = started));

  test(`${browserName}: a page script's click dispatched inside the guard's replayed click is not the guard's: one post goes out`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    // A page script that clicks Post again from a handler of the (released) click.
    await driver.evaluate(() => {
      let again = true;
      document.addEventListener('click', (event) => {
        const button = event.target.closest?.('[data-testid^="tweetButton"]');
        if (!button || !again) return;
        again = false;
        // Not button.click(): a click already in progress on the element makes that a no-op.
        button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
      });
    });
    await user.type(EDITOR, 'Once only');
    const before = replica.posts().length;
    await user.publishes(() => driver.click(POST));
    await driver.pause(1500); // a second request, judged on the wire, would have left by now
    assert.deepEqual(replica.posts().slice(before), [{ text: 'Once only', userId: ACME.user_id }]);
  });
}
