// Issue 6 item 4: what the user may do about a verdict, in real Chromium with the real host —
// confirm a warning (with the reason the rule asks for), a supervisor's override, nothing but
// edit or cancel on a hard block, the type-the-handle step, a release the host refuses, a
// scheduled post judged at its time, the work-as picker, and every outcome reported to the host.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import { createReplica } from './replica/replica.mjs';
import { clickGuardButton, guardButtons, guardView, typeInGuardField } from './support/guard_view.mjs';
import { BIN_DIR, chromiumDriver, EXTENSION_ID, waitFor } from './support/guarded_browser.mjs';
import { useGuardedBrowser } from './support/guarded_suite.mjs';
import { session } from './support/session.mjs';

// docs/examples/policy.json's supervisor passphrase.
const PASSPHRASE = 'correct horse battery staple';
const PASSPHRASE_HASH = '$argon2id$v=19$m=262144,t=3,p=1$ED5gZTDkGiHRwQf7E6gbLQ$p9/TzfpTPDjJ55dhWpvAyWSj7Ls9sJUVMf0+i2SCCQY';
const ACME = { user_id: '1500000000000000001', handle: 'acmecars', name: 'Acme Cars' };
const ZEN = { user_id: '1500000000000000002', handle: 'zenbank', name: 'Zen Bank' };
const PACED = { user_id: '1500000000000000003', handle: 'pacedco', name: 'Paced Co' };
const POLICY = {
  schema: 1,
  serial: 11,
  unknown_account: 'block',
  accounts: [
    {
      handle: ACME.handle, user_id: ACME.user_id, display_name: ACME.name, client: 'Acme Cars', kind: 'brand',
      guidelines: 'Friendly, never pushy. Prices only from the price list.',
      rules: [
        { id: 'never-cheap', kind: 'banned_terms', severity: 'block', message: 'Acme never calls its cars cheap.', terms: ['cheap'] },
        { id: 'legal', kind: 'banned_terms', severity: 'warn', message: 'Legal must approve promises.', terms: ['guarantee'], override: { mode: 'confirm', reason_required: true } },
        { id: 'no-discounts', kind: 'banned_terms', severity: 'block', message: 'Discounts need the CEO.', terms: ['discount'], override: { mode: 'supervisor', passphrase_hash: PASSPHRASE_HASH } },
        { id: 'office-hours', kind: 'schedule', severity: 'block', actions: ['schedule'], windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }] },
      ],
    },
    { handle: ZEN.handle, user_id: ZEN.user_id, display_name: ZEN.name, client: 'Zen Bank', kind: 'brand', confirm_handle: true, rules: [] },
    {
      handle: PACED.handle, user_id: PACED.user_id, display_name: PACED.name, client: 'Paced Co', kind: 'personal',
      rules: [
        { id: 'one-an-hour', kind: 'rate', severity: 'block', per_hour: 1 },
        { id: 'careful', kind: 'banned_terms', severity: 'warn', message: 'Careful with promises.', terms: ['promise'] },
      ],
    },
  ],
};

const replica = createReplica({ accounts: [ACME, ZEN, PACED] });
let browser;
let page;
let user;

useGuardedBrowser({ policy: POLICY, replica }, (started) => ({ browser, page, user } = started));

const HOME_EDITOR = '[data-testid="tweetTextarea_0"]';
const HOME_POST = '[data-testid="tweetButtonInline"]';
const dialogShows = (pattern, what, timeout = 5000) => waitFor(async () => {
  const { dialog } = await guardView(page);
  return pattern.test(dialog) && dialog;
}, what, timeout);

// Returns the audit events the host recorded for `account` (the real CLI reads the real log).
function auditEvents(account) {
  const out = execFileSync(path.join(BIN_DIR, 'handleguard'), ['log', 'show', '--json', '--account', account, '--limit', '0'], { env: { ...process.env, HANDLEGUARD_HOME: browser.home } });
  return out.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}
const eventsOf = (account, type) => auditEvents(account).filter((event) => (event.type ?? event.event) === type);
const waitForEvent = (account, type, predicate = () => true) =>
  waitFor(() => eventsOf(account, type).find((event) => predicate(JSON.stringify(event))), `a "${type}" event for @${account}`);

test('a hard block offers only Edit and Cancel; Edit returns to the composer with the text kept', { timeout: 60_000 }, async () => {
  await user.open(ACME);
  await user.type(HOME_EDITOR, 'So cheap');
  const dialog = await user.held(() => page.click(HOME_POST));
  assert.match(dialog, /Blocked: .*Acme never calls its cars cheap\./);
  assert.match(dialog, /Guidelines for @acmecars\s*Friendly, never pushy\./);
  assert.deepEqual(await guardButtons(page), ['Edit post', 'Cancel post']);
  await clickGuardButton(page, 'Edit post');
  await page.waitForFunction(() => document.activeElement?.matches('[data-testid="tweetTextarea_0"]'), null, { timeout: 5000 });
  await page.keyboard.type(' cars');
  assert.equal(await page.locator(HOME_EDITOR).innerText(), 'So cheap cars', 'the caret is back in the composer, the text kept');
  await waitForEvent(ACME.handle, 'outcome', (event) => /"edited"/.test(event)); // edited after the verdict
  assert.equal(replica.published().length, 0);
});

test('a warning whose rule asks for a reason goes out only with one, and the host records it and the outcome', { timeout: 60_000 }, async () => {
  await user.open(ACME);
  await user.type(HOME_EDITOR, 'We guarantee delivery');
  const dialog = await user.held(() => page.click(HOME_POST));
  assert.match(dialog, /Warning: .*Legal must approve promises\./);
  assert.deepEqual(await guardButtons(page), ['Edit post', 'Cancel post', 'Post anyway']);
  await clickGuardButton(page, 'Post anyway');
  await dialogShows(/Give a reason/, 'the missing reason');
  assert.equal(replica.published().length, 0);
  await typeInGuardField(page, 'Reason (recorded with the post)', 'Legal signed off, ticket 42');
  const [sent] = await user.publishes(() => clickGuardButton(page, 'Post anyway'));
  assert.equal(sent.body.variables.tweet_text, 'We guarantee delivery');
  await user.noDialog();
  await waitForEvent(ACME.handle, 'confirmation', (event) => /Legal signed off, ticket 42/.test(event));
  await waitForEvent(ACME.handle, 'outcome', (event) => /"posted"/.test(event));
  // The popup's last verdicts say what became of each post.
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
  await waitFor(async () => /warn · post · @acmecars · legal · confirmed → posted/.test(await popup.locator('#status').innerText()), 'the posted warning in the popup');
  assert.match(await popup.locator('#status').innerText(), /block · post · @acmecars · never-cheap → edited/);
  await popup.close();
});

test('a block a supervisor may override: a wrong passphrase keeps it held, the right one sends it', { timeout: 90_000 }, async () => {
  await user.open(ACME);
  await user.type(HOME_EDITOR, 'A discount for you');
  const published = replica.published().length;
  await user.held(() => page.click(HOME_POST));
  assert.deepEqual(await guardButtons(page), ['Edit post', 'Cancel post', 'Override and post']);
  await typeInGuardField(page, 'Reason (recorded with the post)', 'CEO approved the spring sale');
  await typeInGuardField(page, "Supervisor's passphrase", 'not the passphrase');
  await clickGuardButton(page, 'Override and post');
  await dialogShows(/passphrase is wrong/, 'the refusal', 30_000); // Argon2id at 256 MiB: slow on purpose
  assert.equal(replica.published().length, published, 'nothing reached x.com');
  await typeInGuardField(page, "Supervisor's passphrase", PASSPHRASE);
  const before = replica.published().length;
  await clickGuardButton(page, 'Override and post');
  await waitFor(() => replica.published().length > before, 'the overridden post to reach the replica', 30_000);
  assert.equal(replica.published().at(-1).body.variables.tweet_text, 'A discount for you');
  await waitForEvent(ACME.handle, 'override', (event) => /CEO approved the spring sale/.test(event));
  assert.ok(eventsOf(ACME.handle, 'override_refused').length >= 1, 'the wrong passphrase was recorded');
});

test('the confirmation step: posting from a brand account that asks for it needs its handle typed', { timeout: 60_000 }, async () => {
  await user.open(ZEN);
  await user.type(HOME_EDITOR, 'Rates are unchanged');
  const dialog = await user.held(() => page.click(HOME_POST));
  assert.match(dialog, /Confirm the account/);
  assert.deepEqual(await guardButtons(page), ['Edit post', 'Cancel post', 'Post']);
  await typeInGuardField(page, 'Type @zenbank to post from this account', 'acmecars');
  await clickGuardButton(page, 'Post');
  await dialogShows(/That is not @zenbank/, 'the wrong handle');
  await typeInGuardField(page, 'Type @zenbank to post from this account', '');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('@ZenBank');
  const [sent] = await user.publishes(() => page.keyboard.press('Enter'));
  assert.deepEqual([sent.body.variables.tweet_text, sent.userId], ['Rates are unchanged', ZEN.user_id]);
  // Ctrl+Enter goes through the same step.
  await user.type(HOME_EDITOR, 'Second note');
  await user.held(() => page.keyboard.press('Control+Enter'));
  assert.match((await guardView(page)).dialog, /Type @zenbank/);
  await clickGuardButton(page, 'Cancel post');
  await user.noDialog();
  // A repost, held on the network, asks for the handle too.
  await page.click('main [data-testid="retweet"]');
  const repost = await user.held(() => page.click('#layers [data-testid="retweetConfirm"]'));
  assert.match(repost, /Type @zenbank/);
  await typeInGuardField(page, 'Type @zenbank to post from this account', 'zenbank');
  const [reposted] = await user.publishes(() => clickGuardButton(page, 'Post'));
  assert.deepEqual([reposted.operation, reposted.userId], ['CreateRetweet', ZEN.user_id]);
});

test('a release the host refuses (another tab took the last slot of the hour) stays held', { timeout: 90_000 }, async () => {
  await user.open(PACED);
  await user.type(HOME_EDITOR, 'I promise it is good');
  await user.held(() => page.click(HOME_POST));
  // Meanwhile another tab posts for the same account and takes the hour's only slot.
  const other = await browser.context.newPage();
  const otherUser = session(chromiumDriver(other), replica);
  await otherUser.open(PACED);
  await otherUser.type(HOME_EDITOR, 'Morning all');
  const [first] = await otherUser.publishes(() => other.click(HOME_POST));
  assert.equal(first.body.variables.tweet_text, 'Morning all');
  await other.close();
  await page.bringToFront();
  const before = replica.published().length;
  await clickGuardButton(page, 'Post anyway');
  const dialog = await dialogShows(/did not release/, 'the refused release');
  assert.match(dialog, /rate limit/);
  assert.equal(replica.published().length, before, 'nothing reached x.com');
  await clickGuardButton(page, 'Edit post');
  assert.equal(await page.locator(HOME_EDITOR).innerText(), 'I promise it is good', 'the text stays in the composer');
});

test('a scheduled post is judged at the time it goes out, not at the time it is written', { timeout: 60_000 }, async () => {
  const SUNDAY = 1900000000; // 2030-03-17T17:46:40Z
  const MONDAY_10AM = 1900058400; // 2030-03-18T10:00:00Z
  replica.configure({ executeAt: SUNDAY });
  await user.open(ACME, 'https://x.com/compose/post/schedule');
  await user.type('#layers [data-testid="tweetTextarea_0"]', 'Spring is here');
  const dialog = await user.held(() => page.click('#layers [data-testid="tweetButton"]'));
  assert.match(dialog, /outside the posting hours \(Mon,Tue,Wed,Thu,Fri 09:00-17:00\) at Sun 2030-03-17 17:46 UTC/);
  await clickGuardButton(page, 'Cancel post');
  replica.configure({ executeAt: MONDAY_10AM });
  await user.open(ACME, 'https://x.com/compose/post/schedule');
  await user.type('#layers [data-testid="tweetTextarea_0"]', 'Spring is here');
  const [sent] = await user.publishes(() => page.click('#layers [data-testid="tweetButton"]'));
  assert.deepEqual([sent.operation, sent.body.variables.execute_at], ['CreateScheduledTweet', MONDAY_10AM]);
  replica.configure({ executeAt: undefined });
});

test('the work-as picker: declaring another account holds posts from this one, and the banner says so', { timeout: 60_000 }, async () => {
  await user.open(ACME);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
  await popup.waitForSelector('#work-as-account');
  assert.deepEqual(await popup.locator('#work-as-account option').allInnerTexts(), ['@acmecars · Acme Cars', '@zenbank · Zen Bank', '@pacedco · Paced Co']);
  await popup.selectOption('#work-as-account', 'zenbank');
  await popup.selectOption('#work-as-minutes', '60');
  await popup.click('#work-as-set');
  await waitFor(async () => /@zenbank until/.test(await popup.locator('#status').innerText()), 'the declaration in the popup');
  await waitFor(async () => /you declared you work as @zenbank, but @acmecars is logged in/.test((await guardView(page)).banner), 'the banner naming both accounts');
  const badge = () => browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://x.com/*' });
    return chrome.action.getBadgeText({ tabId: tab.id });
  });
  await waitFor(async () => (await badge()) === '!', 'the held badge');
  await user.type(HOME_EDITOR, 'Hello from Acme');
  const dialog = await user.held(() => page.click(HOME_POST));
  assert.match(dialog, /zenbank/);
  assert.deepEqual(await guardButtons(page), ['Edit post', 'Cancel post'], 'the wrong account cannot be overridden');
  await clickGuardButton(page, 'Cancel post');
  await popup.click('#work-as-clear');
  await waitFor(async () => /nobody declared/.test(await popup.locator('#status').innerText()), 'the cleared declaration');
  await popup.close();
  await waitFor(async () => /Posting as @acmecars/.test((await guardView(page)).banner), 'the banner back to normal');
  await waitFor(async () => (await badge()) === 'acme', 'the account\'s badge back');
  const [sent] = await user.publishes(() => page.click(HOME_POST));
  assert.equal(sent.body.variables.tweet_text, 'Hello from Acme');
});
