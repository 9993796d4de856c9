// The edges of a press the other suites do not reach: a page script's event dispatched inside
// the guard's own replayed click, a second press while the first is being checked, legacy DMs
// sent with Enter, and what page scripts can see of the keys typed into the guard's dialog.
// Written against the browser driver, so press_edges.test.mjs runs it in Chromium and
// firefox_press_edges.test.mjs in Firefox ESR.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { createReplica } from '../replica/replica.mjs';
import { ACCOUNTS, ACME, POLICY, ZEN } from '../support/fixtures.mjs';
import { hostPids, waitFor } from '../support/guarded_browser.mjs';
import { useGuardedBrowser } from '../support/guarded_suite.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
const POST = '[data-testid="tweetButtonInline"]';
// Posting from @zenbank asks for its handle typed into the guard's dialog.
const CONFIRMING = { ...POLICY, accounts: POLICY.accounts.map((account) => (account.handle === ZEN.handle ? { ...account, confirm_handle: true } : account)) };

// Registers the tests in `browserName` ('chromium' or 'firefox').
export function pressEdges(browserName) {
  const replica = createReplica({ accounts: ACCOUNTS });
  let browser;
  let driver;
  let user;
  useGuardedBrowser({ browser: browserName, policy: CONFIRMING, replica }, (started) => ({ browser, driver, user } = started));
  const bannerShows = (pattern, what) => waitFor(async () => pattern.test((await driver.view()).banner), what);

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

  test(`${browserName}: a second press while the first is being checked: the user is told, nothing goes out twice or unchecked`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    // A host that never answers keeps the first check in flight for the whole timeout (2 s).
    const silent = path.join(browser.dir, 'silent-host.sh');
    writeFileSync(silent, '#!/bin/sh\n# Reads nothing and answers nothing.\nexec sleep 600\n');
    chmodSync(silent, 0o755);
    browser.registerHost(silent);
    for (const pid of hostPids(browser.home)) process.kill(pid, 'SIGKILL'); // the next check starts it
    await user.type(EDITOR, 'Patience');
    const before = replica.requests.length;
    await driver.click(POST);
    await driver.click(POST);
    await bannerShows(/still checking this post/, 'the notice that the post is being checked');
    const dialog = await user.dialog();
    assert.match(dialog, /did not answer in time/);
    assert.equal(replica.requests.length, before, 'nothing reached x.com');
    await driver.clickGuardButton('Edit post');
    assert.doesNotMatch(await user.banner(), /still checking this post/, 'the notice ends with the check');

    browser.registerHost();
    await driver.clickGuardButton('Retry');
    await bannerShows(/Posting as @acmecars/, 'the banner to recover');
    const sent = await user.publishes(() => driver.click(POST));
    await driver.pause(1000);
    assert.deepEqual(replica.posts().slice(-1), [{ text: 'Patience', userId: ACME.user_id }]);
    assert.equal(sent.length, 1);
    assert.equal(replica.posts().filter((post) => post.text === 'Patience').length, 1, 'the post went out once');
  });

  test(`${browserName}: Post or Schedule pressed again while the first post is on its way to a slow X: one post, the user told`, { timeout: 60_000 }, async () => {
    const SCHEDULE = '#layers [data-testid="tweetButton"]';
    replica.configure({ answerDelayMs: 2500 }); // X takes its time: the post stays in flight
    try {
      for (const [url, editor, button, text] of [['https://x.com/compose/post/schedule', `#layers ${EDITOR}`, SCHEDULE, 'Friday launch'], ['https://x.com/home', EDITOR, POST, 'Launch day']]) {
        await user.open(ACME, url);
        await user.type(editor, text);
        const before = replica.published().length;
        await user.publishes(() => driver.click(button));
        await driver.click(button); // X has not answered yet, and leaves its button enabled
        await bannerShows(/already on its way to X/, 'the notice that the post is on its way');
        await driver.pause(3500); // past X's answer: a second post would have reached it
        const sent = replica.published().slice(before);
        assert.deepEqual(sent.map((s) => s.body.variables.tweet_text ?? s.body.variables.post_tweet_request.status), [text], `${text}: one post`);
      }
      // Schedule pressed twice in a row, the second maybe before X's first request is judged.
      await user.open(ACME, 'https://x.com/compose/post/schedule');
      await user.type(`#layers ${EDITOR}`, 'Double click');
      const before = replica.published().length;
      await Promise.all([driver.click(SCHEDULE), driver.click(SCHEDULE)]);
      await driver.pause(4000);
      assert.equal(replica.published().slice(before).length, 1, 'a double press: one post');
    } finally {
      replica.configure({ answerDelayMs: undefined });
    }
  });

  test(`${browserName}: a legacy DM sent with Enter is judged in the page, before X sends anything`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/messages/1500000000000000001-1500000000000000077');
    await user.type('[data-testid="dmComposerTextInput"]', 'cheap deal');
    assert.match(await user.held(() => driver.press('Enter')), /"cheap" is banned/);
    await driver.clickGuardButton('Cancel post');
    // Held at the key, X never tried to send: a request held by the network guard would fail
    // once the post is cancelled, and X would say so.
    await driver.pause(500);
    assert.equal(await driver.textOf('[data-testid="toast"]'), '');
    assert.equal(await driver.textOf('[data-testid="dmComposerTextInput"]'), 'cheap deal', 'the text stays');
  });

  test(`${browserName}: what is typed into the guard's dialog never reaches page scripts`, { timeout: 60_000 }, async () => {
    await user.open(ZEN);
    await user.type(EDITOR, 'Rates are unchanged');
    assert.match(await user.held(() => driver.click(POST)), /Confirm the account/);
    // A page script listening as early as it can for everything that carries keys or text.
    await driver.evaluate(() => {
      window.seenByPage = [];
      const types = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'textInput', 'compositionstart', 'compositionupdate', 'compositionend', 'paste', 'copy', 'cut'];
      for (const target of [window, document]) {
        for (const type of types) target.addEventListener(type, (event) => window.seenByPage.push(`${type}:${event.key ?? event.data ?? ''}`), true);
      }
    });
    await driver.typeInGuardField('Type @zenbank to post from this account', 'zenbank');
    const [sent] = await user.publishes(() => driver.press('Enter'));
    assert.deepEqual([sent.body.variables.tweet_text, sent.userId], ['Rates are unchanged', ZEN.user_id]);
    assert.deepEqual(await driver.evaluate(() => window.seenByPage), []);
  });

  test(`${browserName}: text selected by hand in the guard's dialog is not in the page's selection`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    await user.type(EDITOR, 'We guarantee delivery');
    assert.match(await user.held(() => driver.click(POST)), /Legal must approve promises/);
    // A page script that reads the selection whenever it changes, and at the end.
    await driver.evaluate(() => {
      window.seenSelections = [];
      document.addEventListener('selectionchange', () => window.seenSelections.push(String(getSelection())));
    });
    await driver.selectGuardDialogText();
    const seen = await driver.evaluate(() => [...window.seenSelections, String(getSelection())].join('|'));
    assert.doesNotMatch(seen, /Legal|approve|Check before|acmecars/, `the page read the dialog through its selection: ${seen.slice(-160)}`);
    await driver.clickGuardButton('Cancel post');
  });

  test(`${browserName}: a text box React replaces while the verdict is on screen: Ctrl+Enter still sends its text`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    await user.type(EDITOR, 'We guarantee a test drive');
    assert.match(await user.held(() => driver.press('Control+Enter')), /Legal must approve promises/);
    const replaced = await driver.evaluate((selector) => {
      const pressed = document.querySelector(selector);
      document.dispatchEvent(new CustomEvent('replica:rerender'));
      return !pressed.isConnected && document.querySelector(selector).textContent;
    }, EDITOR);
    assert.equal(replaced, 'We guarantee a test drive', 'a new text box, the same text');
    const [sent] = await user.publishes(() => driver.clickGuardButton('Post anyway'));
    assert.deepEqual([sent.body.variables.tweet_text, sent.userId], ['We guarantee a test drive', ACME.user_id]);
  });
}
