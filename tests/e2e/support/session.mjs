// A user's session on the replica: typing, posting, and reading what the guard shows.
import assert from 'node:assert/strict';

import { guardView } from './guard_view.mjs';
import { logIn, waitFor } from './guarded_browser.mjs';

export function session(browser, replica, page) {
  const self = {
    page,
    async open(account, url = 'https://x.com/home') {
      await logIn(browser.context, account.user_id);
      await page.goto(url);
      await waitFor(async () => /Posting as|Posts held|Guard offline/.test((await guardView(page)).banner), 'the guard banner');
    },
    // Types `text` into the editor matched by `selector` (replacing what it held).
    async type(selector, text) {
      const field = page.locator(selector);
      await field.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(text);
    },
    dialog: () => waitFor(async () => (await guardView(page)).dialog, 'the verdict dialog'),
    async noDialog() {
      assert.equal((await guardView(page)).dialog, '');
    },
    // Runs `act` and waits until `count` more publishing requests reached the replica; returns them.
    async publishes(act, count = 1) {
      const before = replica.published().length;
      await act();
      await waitFor(() => replica.published().length >= before + count, `${count} request(s) to reach the replica`);
      await page.waitForTimeout(50);
      return replica.published().slice(before);
    },
    // Runs `act`, waits for the guard's verdict dialog, and checks nothing was published.
    async held(act) {
      const before = replica.published().length;
      await act();
      const dialog = await self.dialog();
      assert.equal(replica.published().length, before, 'nothing reached x.com');
      return dialog;
    },
  };
  return self;
}
