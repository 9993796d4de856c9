// Issue 6: threads and what became of posts. "Post all" is judged as one thread, the dialog
// names each post that broke a rule, and the thread's requests leave only in order, each a
// reply to the post before; the audit log says what happened — X's refusal answered 200 with an
// `errors` list is `failed` with X's reason (never `posted`), Edit after a verdict is `edited`,
// Cancel is `cancelled`. Written against the browser driver: outcomes.test.mjs runs it in
// Chromium, firefox_outcomes.test.mjs in Firefox ESR.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import { createReplica } from '../replica/replica.mjs';
import { ACCOUNTS, ACME } from '../support/fixtures.mjs';
import { BIN_DIR, waitFor } from '../support/guarded_browser.mjs';
import { useGuardedBrowser } from '../support/guarded_suite.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
const POST = '[data-testid="tweetButtonInline"]';

// Registers the tests in `browserName` ('chromium' or 'firefox'); returns getters of the
// started browser and the user session, for tests of one browser only.
export function outcomes(browserName) {
  const replica = createReplica({ accounts: ACCOUNTS });
  let browser;
  let driver;
  let user;
  useGuardedBrowser({ browser: browserName, replica }, (started) => ({ browser, driver, user } = started));

  // The `outcome` events the host recorded for @acmecars (the real CLI reads the real log).
  const outcomeEvents = () => execFileSync(path.join(BIN_DIR, 'handleguard'), ['log', 'show', '--json', '--account', ACME.handle, '--limit', '0'], { env: { ...process.env, HANDLEGUARD_HOME: browser.home } })
    .toString().split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((event) => event.type === 'outcome');

  test(`${browserName}: Edit after a warning is reported edited, Cancel cancelled`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    await user.type(EDITOR, 'We guarantee it');
    assert.match(await user.held(() => driver.click(POST)), /Legal must approve promises/);
    await driver.clickGuardButton('Edit post');
    await waitFor(() => outcomeEvents().some((event) => event.verdict === 'warn' && event.outcome === 'edited'), 'an edited outcome');
    assert.match(await user.held(() => driver.click(POST)), /Legal must approve promises/);
    await driver.clickGuardButton('Cancel post');
    await waitFor(() => outcomeEvents().some((event) => event.verdict === 'warn' && event.outcome === 'cancelled'), 'a cancelled outcome');
    const warned = outcomeEvents().filter((event) => event.verdict === 'warn').map((event) => event.outcome);
    assert.deepEqual(warned, ['edited', 'cancelled']);
    assert.equal(replica.published().filter((p) => p.body?.variables?.tweet_text === 'We guarantee it').length, 0);
  });

  const MODAL_EDITOR = (i) => `#layers [data-testid="tweetTextarea_${i}"]`;
  const POST_ALL = '#layers [data-testid="tweetButton"]';
  async function writeThread(texts) {
    await user.open(ACME, 'https://x.com/compose/post');
    for (const [index, text] of texts.entries()) {
      if (index > 0) await driver.click('#layers [data-testid="addButton"]');
      await user.type(MODAL_EDITOR(index), text);
    }
    assert.match(await driver.textOf(POST_ALL), /Post all/);
  }

  test(`${browserName}: Post all: one verdict names each post that broke a rule; the fixed thread leaves in order, each a reply to the one before`, { timeout: 90_000 }, async () => {
    await writeThread(['We guarantee it', 'Fine words', 'So cheap']);
    const dialog = await user.held(() => driver.click(POST_ALL));
    assert.match(dialog, /Post 1 — Warning: .*Legal must approve promises\./);
    assert.match(dialog, /Post 3 — Blocked: .*Acme never calls its cars cheap\./);
    assert.doesNotMatch(dialog, /Post 2 —/);
    await driver.clickGuardButton('Edit post');
    await user.type(MODAL_EDITOR(0), 'We plan it');
    await user.type(MODAL_EDITOR(2), 'So good');
    const postedBefore = outcomeEvents().filter((event) => event.outcome === 'posted').length;
    const sent = await user.publishes(() => driver.click(POST_ALL), 3);
    assert.deepEqual(sent.map((s) => s.body.variables.tweet_text), ['We plan it', 'Fine words', 'So good']);
    assert.deepEqual(sent.map((s) => s.body.variables.batch_compose), ['BatchFirst', 'BatchSubsequent', 'BatchSubsequent']);
    const replies = sent.map((s) => s.body.variables.reply?.in_reply_to_tweet_id ?? null);
    assert.equal(replies[0], null);
    assert.ok(replies[1] && replies[2] && replies[1] !== replies[2], 'each later post replies to the one created before it');
    await waitFor(() => outcomeEvents().filter((event) => event.outcome === 'posted').length === postedBefore + 3, 'three posted outcomes');
    await user.noDialog();
  });

  test(`${browserName}: a thread's later post that does not reply to the post before is not released by the thread's approval`, { timeout: 90_000 }, async () => {
    replica.configure({ threadReplyTo: '1800000000000000042' }); // X's page answers another post
    try {
      await writeThread(['Part one', 'Part two: we guarantee it']);
      assert.match(await user.held(() => driver.click(POST_ALL)), /Post 2 — Warning: .*Legal must approve promises\./);
      const [first] = await user.publishes(() => driver.clickGuardButton('Post anyway'));
      assert.equal(first.body.variables.tweet_text, 'Part one');
      // The second request replies to another post: checked again on what it is, and held.
      const dialog = await user.dialog();
      assert.match(dialog, /Legal must approve promises/);
      assert.equal(replica.published().filter((p) => p.body?.variables?.tweet_text === 'Part two: we guarantee it').length, 0);
      await driver.clickGuardButton('Cancel post');
    } finally {
      replica.configure({ threadReplyTo: undefined });
    }
  });

  // Last, so the popup (outcomes.test.mjs) shows it first.
  test(`${browserName}: X refuses a post with 200 and an errors list: the log says failed, in X's words, never posted`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    replica.refuseNextPost({ message: 'Status is a duplicate.', code: 187 });
    await user.type(EDITOR, 'Said twice');
    const [sent] = await user.publishes(() => driver.click(POST));
    assert.equal(sent.body.variables.tweet_text, 'Said twice', 'the guard released it; X refused it');
    await waitFor(async () => /Status is a duplicate/.test(await driver.textOf('[data-testid="toast"]')), 'X\'s refusal on the page');
    const failed = await waitFor(() => outcomeEvents().find((event) => event.outcome === 'failed'), 'a failed outcome');
    assert.equal(failed.detail, 'Status is a duplicate. (187)');
    const story = outcomeEvents().filter((event) => event.check_id === failed.check_id).map((event) => event.outcome);
    assert.deepEqual(story, ['released', 'failed']);
  });

  return { replica, browser: () => browser, user: () => user };
}
