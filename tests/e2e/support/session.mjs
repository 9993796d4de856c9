// A user's session on the replica, in either browser: typing, posting, and reading what the
// guard shows. `driver` is a browser's hands (guarded_browser.mjs, guarded_firefox.mjs).
import assert from 'node:assert/strict';

import { waitFor } from './guarded_browser.mjs';

export function session(driver, replica) {
  const self = {
    driver,
    async open(account, url = 'https://x.com/home') {
      await driver.logIn(account.user_id);
      await driver.goto(url);
      await waitFor(async () => /Posting as|Posts held|Guard offline/.test((await driver.view()).banner), 'the guard banner');
    },
    // Types `text` into the editor matched by `selector` (replacing what it held).
    type: (selector, text) => driver.type(selector, text),
    banner: async () => (await driver.view()).banner,
    dialog: () => waitFor(async () => (await driver.view()).dialog, 'the verdict dialog'),
    async noDialog() {
      assert.equal((await driver.view()).dialog, '');
    },
    // Runs `act` and waits until `count` more publishing requests reached the replica; returns them.
    async publishes(act, count = 1) {
      const before = replica.published().length;
      await act();
      await waitFor(() => replica.published().length >= before + count, `${count} request(s) to reach the replica`);
      await driver.pause(50);
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

// Returns [text, title, [r, g, b, a] colour] of the toolbar badge on the first tab matching `urlPattern`, read in
// `extensionPage` (an extension page opened with driver.openExtensionPage) through the same
// action API the guard sets it with.
export function readBadge(extensionPage, urlPattern = 'https://x.com/*') {
  return extensionPage.evaluate(async (pattern) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const [tab] = await api.tabs.query({ url: pattern });
    return [await api.action.getBadgeText({ tabId: tab.id }), await api.action.getTitle({ tabId: tab.id }), await api.action.getBadgeBackgroundColor({ tabId: tab.id })];
  }, urlPattern);
}
