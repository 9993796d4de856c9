// Issue 6 item 1: every way to post is guarded — each composer, the keyboard, threads,
// scheduled posts, both DM UIs, and the engagement actions — in real Chromium.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createReplica } from './replica/replica.mjs';
import { ACCOUNTS, ACME, STRANGER } from './support/fixtures.mjs';
import { clickGuardButton, guardView } from './support/guard_view.mjs';
import { useGuardedBrowser } from './support/guarded_suite.mjs';

const replica = createReplica({ accounts: ACCOUNTS });
let browser;
let user;
let page;

useGuardedBrowser({ replica }, (started) => ({ browser, page, user } = started));

const EDITOR = (i = 0) => `#layers [data-testid="tweetTextarea_${i}"]`;
const dismiss = () => clickGuardButton(page, 'Edit post');

test('the modal composer (/compose/post)', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/compose/post');
  await user.type(EDITOR(), 'Cheap thrills');
  assert.match(await user.held(() => page.click('#layers [data-testid="tweetButton"]')), /"cheap" is banned/);
  await dismiss();
  await user.type(EDITOR(), 'Thrills');
  const [sent] = await user.publishes(() => page.click('#layers [data-testid="tweetButton"]'));
  assert.equal(sent.operation, 'CreateTweet');
  assert.equal(sent.body.variables.tweet_text, 'Thrills');
});

test('Cmd+Enter is guarded like Ctrl+Enter', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/compose/post');
  await user.type(EDITOR(), 'So cheap');
  assert.match(await user.held(() => page.keyboard.press('Meta+Enter')), /"cheap" is banned/);
  await dismiss();
  await user.type(EDITOR(), 'So good');
  const [sent] = await user.publishes(() => page.keyboard.press('Meta+Enter'));
  assert.equal(sent.body.variables.tweet_text, 'So good');
});

test('an inline reply on a post\'s page', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/acmecars/status/1800000000000000042');
  await user.type('[data-testid="tweetTextarea_0"]', 'Cheap answer');
  assert.match(await user.held(() => page.click('[data-testid="tweetButtonInline"]')), /"cheap" is banned/);
  await dismiss();
  await user.type('[data-testid="tweetTextarea_0"]', 'Thanks!');
  const [sent] = await user.publishes(() => page.click('[data-testid="tweetButtonInline"]'));
  assert.deepEqual([sent.body.variables.tweet_text, sent.body.variables.reply.in_reply_to_tweet_id], ['Thanks!', '1800000000000000042']);
});

test('the reply dialog', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/home');
  await page.click('main [data-testid="reply"]');
  await user.type(EDITOR(), 'A cheap reply');
  assert.match(await user.held(() => page.click('#layers [data-testid="tweetButton"]')), /"cheap" is banned/);
  await dismiss();
  await user.type(EDITOR(), 'A kind reply');
  const [sent] = await user.publishes(() => page.click('#layers [data-testid="tweetButton"]'));
  assert.equal(sent.body.variables.reply.in_reply_to_tweet_id, '1800000000000000042');
});

test('a quote', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/home');
  await page.click('main [data-testid="retweet"]');
  await page.click('#layers [data-quote]');
  await user.type(EDITOR(), 'Cheap, as quoted');
  assert.match(await user.held(() => page.click('#layers [data-testid="tweetButton"]')), /"cheap" is banned/);
  await dismiss();
  await user.type(EDITOR(), 'Worth a look');
  const [sent] = await user.publishes(() => page.click('#layers [data-testid="tweetButton"]'));
  assert.match(sent.body.variables.attachment_url, /\/status\/1800000000000000042$/);
});

test('a thread: every post is checked, the verdict names the one that broke a rule, and Post all sends all', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/compose/post');
  await user.type(EDITOR(0), 'First post');
  await page.click('#layers [data-testid="addButton"]');
  await user.type(EDITOR(1), 'Second post is cheap');
  assert.match(await page.locator('#layers [data-testid="tweetButton"]').textContent(), /Post all/);
  const dialog = await user.held(() => page.click('#layers [data-testid="tweetButton"]'));
  assert.match(dialog, /post 2 of the thread/);
  assert.match(dialog, /"cheap" is banned/);
  await dismiss();
  await user.type(EDITOR(1), 'Second post');
  const sent = await user.publishes(() => page.click('#layers [data-testid="tweetButton"]'), 2);
  assert.deepEqual(sent.map((s) => s.body.variables.tweet_text), ['First post', 'Second post']);
});

test('a scheduled post', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/compose/post/schedule');
  await user.type(EDITOR(), 'Cheap Friday');
  assert.match(await user.held(() => page.click('#layers [data-testid="tweetButton"]')), /"cheap" is banned/);
  await dismiss();
  await user.type(EDITOR(), 'Friday launch');
  const [sent] = await user.publishes(() => page.click('#layers [data-testid="tweetButton"]'));
  assert.equal(sent.operation, 'CreateScheduledTweet');
  assert.equal(sent.body.variables.post_tweet_request.status, 'Friday launch');
});

test('a legacy DM: the send button is guarded, Enter types a new line', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/messages/1500000000000000001-1500000000000000077');
  const input = '[data-testid="dmComposerTextInput"]';
  await user.type(input, 'cheap deal');
  await page.keyboard.press('Enter');
  await page.keyboard.type('for you');
  assert.equal(replica.published().filter((p) => p.operation === 'new2.json').length, 0, 'Enter did not send');
  assert.match(await user.held(() => page.click('[data-testid="dmComposerSendButton"]')), /"cheap" is banned/);
  await dismiss();
  await user.type(input, 'hello there');
  const [sent] = await user.publishes(() => page.click('[data-testid="dmComposerSendButton"]'));
  assert.deepEqual([sent.operation, sent.body.text], ['new2.json', 'hello there']);
});

test('XChat: Enter sends there, so Enter is guarded; Shift+Enter types a new line', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/i/chat/g1');
  const textarea = '[data-testid="dm-composer-textarea"]';
  await page.click(textarea);
  await page.keyboard.type('so cheap');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('really');
  assert.equal(await page.inputValue(textarea), 'so cheap\nreally');
  assert.match(await user.held(() => page.keyboard.press('Enter')), /"cheap" is banned/);
  await dismiss();
  assert.match(await user.held(() => page.click('[data-testid="dm-composer-send-button"]')), /"cheap" is banned/);
  await dismiss();
  await page.fill(textarea, 'see you soon');
  const [sent] = await user.publishes(() => page.press(textarea, 'Enter'));
  assert.equal(sent.operation, 'SendXChatMessage');
  assert.equal(await page.inputValue(textarea), '');
});

test('repost, like and follow go out from a managed account', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/home');
  await page.click('main [data-testid="retweet"]');
  const [repost] = await user.publishes(() => page.click('#layers [data-testid="retweetConfirm"]'));
  assert.equal(repost.operation, 'CreateRetweet');
  const [like] = await user.publishes(() => page.click('main [data-testid="like"]'));
  assert.equal(like.operation, 'FavoriteTweet');
  const [follow] = await user.publishes(() => page.click('main [data-testid$="-follow"]'));
  assert.equal(follow.operation, 'friendships/create.json'.split('/').pop());
});

test('repost, like and follow are held for an account the policy does not cover', { timeout: 60_000 }, async () => {
  await user.open(STRANGER, 'https://x.com/home');
  await page.click('main [data-testid="retweet"]');
  assert.match(await user.held(() => page.click('#layers [data-testid="retweetConfirm"]')), /not an account of this policy/);
  await dismiss();
  assert.match(await user.held(() => page.click('main [data-testid="like"]')), /not an account of this policy/);
  await dismiss();
  assert.match(await user.held(() => page.click('main [data-testid$="-follow"]')), /not an account of this policy/);
  await dismiss();
  assert.match(await page.locator('[data-testid="toast"]').textContent(), /Something went wrong/, 'the page saw the held request fail');
  assert.equal((await guardView(page)).dialog, '');
});

test('the toolbar badge and the popup show the account, the host, the policy and the last verdicts', { timeout: 60_000 }, async () => {
  await user.open(ACME, 'https://x.com/home');
  await user.type('[data-testid="tweetTextarea_0"]', 'Cheap again');
  await user.held(() => page.click('[data-testid="tweetButtonInline"]'));
  await dismiss();
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
