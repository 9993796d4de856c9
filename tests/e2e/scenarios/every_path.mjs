// Issue 6 item 1: every way to post is guarded — each composer, the keyboard, threads,
// scheduled posts, both DM UIs, and the engagement actions; and the toolbar badge and popup
// show the account and the last verdicts. Written against the browser
// driver, so every_path.test.mjs runs it in Chromium and firefox_every_path.test.mjs in
// Firefox ESR.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createReplica } from '../replica/replica.mjs';
import { ACCOUNTS, ACME, STRANGER } from '../support/fixtures.mjs';
import { waitFor } from '../support/guarded_browser.mjs';
import { useGuardedBrowser } from '../support/guarded_suite.mjs';
import { readBadge } from '../support/session.mjs';

const EDITOR = (i = 0) => `#layers [data-testid="tweetTextarea_${i}"]`;

// Registers the tests in `browserName` ('chromium' or 'firefox'); returns handles for tests
// of one browser only: the replica, and getters of the started browser and the user session.
export function everyPath(browserName) {
  const replica = createReplica({ accounts: ACCOUNTS });
  let browser;
  let driver;
  let user;
  useGuardedBrowser({ browser: browserName, replica }, (started) => ({ browser, driver, user } = started));
  const dismiss = () => driver.clickGuardButton('Edit post');

  test(`${browserName}: the modal composer (/compose/post)`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/compose/post');
    await user.type(EDITOR(), 'Cheap thrills');
    assert.match(await user.held(() => driver.click('#layers [data-testid="tweetButton"]')), /"cheap" is banned/);
    await dismiss();
    await user.type(EDITOR(), 'Thrills');
    const [sent] = await user.publishes(() => driver.click('#layers [data-testid="tweetButton"]'));
    assert.equal(sent.operation, 'CreateTweet');
    assert.equal(sent.body.variables.tweet_text, 'Thrills');
  });

  test(`${browserName}: Cmd+Enter is guarded like Ctrl+Enter`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/compose/post');
    await user.type(EDITOR(), 'So cheap');
    assert.match(await user.held(() => driver.press('Meta+Enter')), /"cheap" is banned/);
    await dismiss();
    await user.type(EDITOR(), 'So good');
    const [sent] = await user.publishes(() => driver.press('Meta+Enter'));
    assert.equal(sent.body.variables.tweet_text, 'So good');
  });

  test(`${browserName}: Post pressed again right after Edit gets a verdict, not silence`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/home');
    await user.type('[data-testid="tweetTextarea_0"]', 'Cheap again');
    for (const post of [() => driver.click('[data-testid="tweetButtonInline"]'), () => driver.press('Control+Enter')]) {
      assert.match(await user.held(post), /"cheap" is banned/);
      await dismiss();
      assert.match(await user.held(post), /"cheap" is banned/, 'pressed again at once');
      await dismiss();
    }
  });

  test(`${browserName}: an inline reply on a post's page`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/acmecars/status/1800000000000000042');
    await user.type('[data-testid="tweetTextarea_0"]', 'Cheap answer');
    assert.match(await user.held(() => driver.click('[data-testid="tweetButtonInline"]')), /"cheap" is banned/);
    await dismiss();
    await user.type('[data-testid="tweetTextarea_0"]', 'Thanks!');
    const [sent] = await user.publishes(() => driver.click('[data-testid="tweetButtonInline"]'));
    assert.deepEqual([sent.body.variables.tweet_text, sent.body.variables.reply.in_reply_to_tweet_id], ['Thanks!', '1800000000000000042']);
  });

  test(`${browserName}: the reply dialog`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/home');
    await driver.click('main [data-testid="reply"]');
    await user.type(EDITOR(), 'A cheap reply');
    assert.match(await user.held(() => driver.click('#layers [data-testid="tweetButton"]')), /"cheap" is banned/);
    await dismiss();
    await user.type(EDITOR(), 'A kind reply');
    const [sent] = await user.publishes(() => driver.click('#layers [data-testid="tweetButton"]'));
    assert.equal(sent.body.variables.reply.in_reply_to_tweet_id, '1800000000000000042');
  });

  test(`${browserName}: a long post, sent as CreateNoteTweet: judged, then out once`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/compose/post');
    const long = 'A long look at the new model. '.repeat(10).trim();
    await user.type(EDITOR(), `${long} So cheap.`);
    assert.match(await user.held(() => driver.click('#layers [data-testid="tweetButton"]')), /"cheap" is banned/);
    await dismiss();
    await user.type(EDITOR(), long);
    const [sent] = await user.publishes(() => driver.click('#layers [data-testid="tweetButton"]'));
    assert.deepEqual([sent.operation, sent.body.variables.tweet_text, sent.userId], ['CreateNoteTweet', long, ACME.user_id]);
  });

  test(`${browserName}: a quote`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/home');
    await driver.click('main [data-testid="retweet"]');
    await driver.click('#layers [data-quote]');
    await user.type(EDITOR(), 'Cheap, as quoted');
    assert.match(await user.held(() => driver.click('#layers [data-testid="tweetButton"]')), /"cheap" is banned/);
    await dismiss();
    await user.type(EDITOR(), 'Worth a look');
    const [sent] = await user.publishes(() => driver.click('#layers [data-testid="tweetButton"]'));
    assert.match(sent.body.variables.attachment_url, /\/status\/1800000000000000042$/);
  });

  test(`${browserName}: a thread: every post is checked, the verdict names the one that broke a rule, and Post all sends all`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/compose/post');
    await user.type(EDITOR(0), 'First post');
    await driver.click('#layers [data-testid="addButton"]');
    await user.type(EDITOR(1), 'Second post is cheap');
    assert.match(await driver.textOf('#layers [data-testid="tweetButton"]'), /Post all/);
    const dialog = await user.held(() => driver.click('#layers [data-testid="tweetButton"]'));
    assert.match(dialog, /post 2 of the thread/);
    assert.match(dialog, /"cheap" is banned/);
    await dismiss();
    await user.type(EDITOR(1), 'Second post');
    const sent = await user.publishes(() => driver.click('#layers [data-testid="tweetButton"]'), 2);
    assert.deepEqual(sent.map((s) => s.body.variables.tweet_text), ['First post', 'Second post']);
  });

  test(`${browserName}: a scheduled post`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/compose/post/schedule');
    await user.type(EDITOR(), 'Cheap Friday');
    assert.match(await user.held(() => driver.click('#layers [data-testid="tweetButton"]')), /"cheap" is banned/);
    await dismiss();
    await user.type(EDITOR(), 'Friday launch');
    const [sent] = await user.publishes(() => driver.click('#layers [data-testid="tweetButton"]'));
    assert.equal(sent.operation, 'CreateScheduledTweet');
    assert.equal(sent.body.variables.post_tweet_request.status, 'Friday launch');
  });

  test(`${browserName}: a legacy DM: the send button and Enter (which sends there) are guarded, Shift+Enter types a new line`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/messages/1500000000000000001-1500000000000000077');
    const input = '[data-testid="dmComposerTextInput"]';
    await user.type(input, 'cheap deal');
    await driver.press('Shift+Enter');
    await driver.typeText('for you');
    assert.equal(replica.published().filter((p) => p.operation === 'new2.json').length, 0, 'Shift+Enter did not send');
    assert.match(await user.held(() => driver.click('[data-testid="dmComposerSendButton"]')), /"cheap" is banned/);
    await dismiss();
    assert.match(await user.held(() => driver.press('Enter')), /"cheap" is banned/);
    await dismiss();
    await user.type(input, 'hello there');
    const [sent] = await user.publishes(() => driver.click('[data-testid="dmComposerSendButton"]'));
    assert.deepEqual([sent.operation, sent.body.text], ['new2.json', 'hello there']);
    await user.type(input, 'see you soon');
    const [byEnter] = await user.publishes(() => driver.press('Enter'));
    assert.deepEqual([byEnter.operation, byEnter.body.text], ['new2.json', 'see you soon']);
  });

  test(`${browserName}: a legacy DM the client sends as GraphQL useSendMessageMutation: judged in the page, released on the wire`, { timeout: 60_000 }, async () => {
    replica.configure({ dmGraphql: true });
    try {
      await user.open(ACME, 'https://x.com/messages/1500000000000000001-1500000000000000077');
      const input = '[data-testid="dmComposerTextInput"]';
      await user.type(input, 'cheap deal');
      assert.match(await user.held(() => driver.press('Enter')), /"cheap" is banned/);
      await dismiss();
      await user.type(input, 'see you at noon');
      const [sent] = await user.publishes(() => driver.press('Enter'));
      assert.deepEqual([sent.operation, sent.body.variables.message.text.text], ['useSendMessageMutation', 'see you at noon']);
    } finally {
      replica.configure({ dmGraphql: undefined });
    }
  });

  test(`${browserName}: XChat: Enter sends there, so Enter is guarded; Shift+Enter types a new line`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/i/chat/g1');
    const textarea = '[data-testid="dm-composer-textarea"]';
    await driver.click(textarea);
    await driver.typeText('so cheap');
    await driver.press('Shift+Enter');
    await driver.typeText('really');
    assert.equal(await driver.valueOf(textarea), 'so cheap\nreally');
    assert.match(await user.held(() => driver.press('Enter')), /"cheap" is banned/);
    await dismiss();
    // A handler that sends on Enter unless Shift is held sends on Alt+Enter too.
    assert.match(await user.held(() => driver.press('Alt+Enter')), /"cheap" is banned/);
    await dismiss();
    assert.match(await user.held(() => driver.click('[data-testid="dm-composer-send-button"]')), /"cheap" is banned/);
    await dismiss();
    await user.type(textarea, 'see you soon');
    const [sent] = await user.publishes(() => driver.press('Enter'));
    assert.equal(sent.operation, 'SendXChatMessage');
    assert.equal(await driver.valueOf(textarea), '');
  });

  test(`${browserName}: repost, like and follow go out from a managed account`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/home');
    await driver.click('main [data-testid="retweet"]');
    const [repost] = await user.publishes(() => driver.click('#layers [data-testid="retweetConfirm"]'));
    assert.equal(repost.operation, 'CreateRetweet');
    const [like] = await user.publishes(() => driver.click('main [data-testid="like"]'));
    assert.equal(like.operation, 'FavoriteTweet');
    const [follow] = await user.publishes(() => driver.click('main [data-testid$="-follow"]'));
    assert.equal(follow.operation, 'friendships/create.json'.split('/').pop());
  });

  test(`${browserName}: repost, like and follow are held for an account the policy does not cover`, { timeout: 60_000 }, async () => {
    await user.open(STRANGER, 'https://x.com/home');
    await driver.click('main [data-testid="retweet"]');
    assert.match(await user.held(() => driver.click('#layers [data-testid="retweetConfirm"]')), /not an account of this policy/);
    await dismiss();
    assert.match(await user.held(() => driver.click('main [data-testid="like"]')), /not an account of this policy/);
    await dismiss();
    assert.match(await user.held(() => driver.click('main [data-testid$="-follow"]')), /not an account of this policy/);
    await dismiss();
    assert.match(await driver.textOf('[data-testid="toast"]'), /Something went wrong/, 'the page saw the held request fail');
    await user.noDialog();
  });

  // Headless browsers have no toolbar to click: the popup is opened as a tab of its own page,
  // the same page the toolbar button shows, and the badge is read through the action API.
  test(`${browserName}: the toolbar badge and the popup show the account, the host, the policy and the last verdicts`, { timeout: 60_000 }, async () => {
    await user.open(ACME, 'https://x.com/home');
    await user.type('[data-testid="tweetTextarea_0"]', 'Cheap again');
    await user.held(() => driver.click('[data-testid="tweetButtonInline"]'));
    await dismiss();
    const popup = await driver.openExtensionPage('popup/popup.html');
    try {
      assert.deepEqual((await readBadge(popup)).slice(0, 2), ['acme', '@acmecars · Acme Cars']);
      await waitFor(async () => /serial 7, 2 accounts/.test(await popup.text('#status')), 'the policy in the popup');
      const shown = await popup.text('#status');
      assert.match(shown, /org\.handleguard\.host \d+\.\d+\.\d+ answers/);
      assert.match(shown, /@acmecars · Acme Cars · brand/);
      assert.match(shown, /block · post · @acmecars · acme-banned/);
    } finally {
      await popup.close();
      await driver.bringToFront();
    }
  });

  return { replica, browser: () => browser, user: () => user, dismiss };
}
