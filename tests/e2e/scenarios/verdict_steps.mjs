// Issue 6 item 4: what the user may do about a verdict, with the real host — confirm a warning
// (with the reason the rule asks for), a supervisor's override, nothing but edit or cancel on a
// hard block, the type-the-handle step, a release the host refuses, a scheduled post judged at
// its time, the work-as picker with the banner and the badge, and every outcome reported to the
// host. Written against the browser driver, so verdict_steps.test.mjs runs it in Chromium and
// firefox_verdict_steps.test.mjs in Firefox ESR.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import { createReplica } from '../replica/replica.mjs';
import { BIN_DIR, waitFor } from '../support/guarded_browser.mjs';
import { useGuardedBrowser } from '../support/guarded_suite.mjs';
import { readBadge, session } from '../support/session.mjs';

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

const HOME_EDITOR = '[data-testid="tweetTextarea_0"]';
const HOME_POST = '[data-testid="tweetButtonInline"]';

// Registers the tests in `browserName` ('chromium' or 'firefox').
export function verdictSteps(browserName) {
  const replica = createReplica({ accounts: [ACME, ZEN, PACED] });
  let browser;
  let driver;
  let user;
  useGuardedBrowser({ browser: browserName, policy: POLICY, replica }, (started) => ({ browser, driver, user } = started));

  const dialogShows = (pattern, what, timeout = 5000) => waitFor(async () => {
    const { dialog } = await driver.view();
    return pattern.test(dialog) && dialog;
  }, what, timeout);
  // The composer's text as X keeps it: one Draft.js block a line.
  const composerText = () => driver.evaluate((selector) => [...document.querySelector(selector).querySelectorAll('[data-block="true"]')]
    .map((block) => block.textContent).join('\n'), HOME_EDITOR);

  // Returns the audit events the host recorded for `account` (the real CLI reads the real log).
  function auditEvents(account) {
    const out = execFileSync(path.join(BIN_DIR, 'handleguard'), ['log', 'show', '--json', '--account', account, '--limit', '0'], { env: { ...process.env, HANDLEGUARD_HOME: browser.home } });
    return out.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  }
  const eventsOf = (account, type) => auditEvents(account).filter((event) => (event.type ?? event.event) === type);
  const waitForEvent = (account, type, predicate = () => true) =>
    waitFor(() => eventsOf(account, type).find((event) => predicate(JSON.stringify(event))), `a "${type}" event for @${account}`);

  test(`${browserName}: a hard block offers only Edit and Cancel; Edit returns to the composer with the text kept`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    await user.type(HOME_EDITOR, 'So cheap');
    const dialog = await user.held(() => driver.click(HOME_POST));
    assert.match(dialog, /Blocked: .*Acme never calls its cars cheap\./);
    assert.match(dialog, /Guidelines for @acmecars\s*Friendly, never pushy\./);
    assert.deepEqual(await driver.guardHighlights(), [{ text: 'cheap', severity: 'block' }], 'the offending word is marked');
    assert.deepEqual(await driver.guardButtons(), ['Edit post', 'Cancel post']);
    await driver.clickGuardButton('Edit post');
    await waitFor(() => driver.evaluate((selector) => document.activeElement?.matches(selector) ?? false, HOME_EDITOR), 'the caret back in the composer');
    await driver.typeText(' cars');
    assert.equal(await composerText(), 'So cheap cars', 'the caret is back in the composer, the text kept');
    await waitForEvent(ACME.handle, 'outcome', (event) => /"edited"/.test(event)); // edited after the verdict
    assert.equal(replica.published().length, 0);
  });

  test(`${browserName}: a warning whose rule asks for a reason goes out only with one, and the host records it and the outcome`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    await user.type(HOME_EDITOR, 'We guarantee delivery');
    const dialog = await user.held(() => driver.click(HOME_POST));
    assert.match(dialog, /Warning: .*Legal must approve promises\./);
    assert.deepEqual(await driver.guardHighlights(), [{ text: 'guarantee', severity: 'warn' }]);
    assert.deepEqual(await driver.guardButtons(), ['Edit post', 'Cancel post', 'Post anyway']);
    await driver.clickGuardButton('Post anyway');
    await dialogShows(/Give a reason/, 'the missing reason');
    assert.equal(replica.published().length, 0);
    await driver.typeInGuardField('Reason (recorded with the post)', 'Legal signed off, ticket 42');
    const [sent] = await user.publishes(() => driver.clickGuardButton('Post anyway'));
    assert.equal(sent.body.variables.tweet_text, 'We guarantee delivery');
    await user.noDialog();
    await waitForEvent(ACME.handle, 'confirmation', (event) => /Legal signed off, ticket 42/.test(event));
    await waitForEvent(ACME.handle, 'outcome', (event) => /"posted"/.test(event));
    // The popup's last verdicts say what became of each post.
    const popup = await driver.openExtensionPage('popup/popup.html');
    await waitFor(async () => /warn · post · @acmecars · legal · confirmed → posted/.test(await popup.text('#status')), 'the posted warning in the popup');
    assert.match(await popup.text('#status'), /block · post · @acmecars · never-cheap → edited/);
    await popup.close();
    await driver.bringToFront();
  });

  test(`${browserName}: a block a supervisor may override: a wrong passphrase keeps it held, the right one sends it`, { timeout: 90_000 }, async () => {
    await user.open(ACME);
    await user.type(HOME_EDITOR, 'A discount for you');
    const published = replica.published().length;
    await user.held(() => driver.click(HOME_POST));
    assert.deepEqual(await driver.guardButtons(), ['Edit post', 'Cancel post', 'Override and post']);
    await driver.typeInGuardField('Reason (recorded with the post)', 'CEO approved the spring sale');
    await driver.typeInGuardField("Supervisor's passphrase", 'not the passphrase');
    await driver.clickGuardButton('Override and post');
    await dialogShows(/passphrase is wrong/, 'the refusal', 30_000); // Argon2id at 256 MiB: slow on purpose
    assert.equal(replica.published().length, published, 'nothing reached x.com');
    // Selected in its field, the passphrase is still not the page's to read: a password field
    // gives the page's selection only its bullets.
    await driver.evaluate(() => {
      window.seenSelections = [];
      document.addEventListener('selectionchange', () => window.seenSelections.push(String(getSelection())));
    });
    await driver.typeInGuardField("Supervisor's passphrase", PASSPHRASE);
    await driver.press('Control+a');
    const seen = await driver.evaluate(() => [...window.seenSelections, String(getSelection())].join('|'));
    assert.match(seen, /•/, 'the passphrase was selected');
    assert.ok(!seen.includes(PASSPHRASE), 'the page read the passphrase through its selection');
    const before = replica.published().length;
    await driver.clickGuardButton('Override and post');
    await waitFor(() => replica.published().length > before, 'the overridden post to reach the replica', 30_000);
    assert.equal(replica.published().at(-1).body.variables.tweet_text, 'A discount for you');
    await waitForEvent(ACME.handle, 'override', (event) => /CEO approved the spring sale/.test(event));
    assert.ok(eventsOf(ACME.handle, 'override_refused').length >= 1, 'the wrong passphrase was recorded');
  });

  test(`${browserName}: the confirmation step: posting from a brand account that asks for it needs its handle typed`, { timeout: 60_000 }, async () => {
    await user.open(ZEN);
    await user.type(HOME_EDITOR, 'Rates are unchanged');
    const dialog = await user.held(() => driver.click(HOME_POST));
    assert.match(dialog, /Confirm the account/);
    assert.deepEqual(await driver.guardButtons(), ['Edit post', 'Cancel post', 'Post']);
    await driver.typeInGuardField('Type @zenbank to post from this account', 'acmecars');
    await driver.clickGuardButton('Post');
    await dialogShows(/That is not @zenbank/, 'the wrong handle');
    await driver.typeInGuardField('Type @zenbank to post from this account', '');
    await driver.press('Control+a');
    await driver.typeText('@ZenBank');
    const [sent] = await user.publishes(() => driver.press('Enter'));
    assert.deepEqual([sent.body.variables.tweet_text, sent.userId], ['Rates are unchanged', ZEN.user_id]);
    // Ctrl+Enter goes through the same step.
    await user.type(HOME_EDITOR, 'Second note');
    await user.held(() => driver.press('Control+Enter'));
    assert.match((await driver.view()).dialog, /Type @zenbank/);
    await driver.clickGuardButton('Cancel post');
    await user.noDialog();
    assert.equal(await composerText(), 'Second note', 'a cancelled post keeps its text');
    // A repost, held on the network, asks for the handle too.
    await driver.click('main [data-testid="retweet"]');
    const repost = await user.held(() => driver.click('#layers [data-testid="retweetConfirm"]'));
    assert.match(repost, /Type @zenbank/);
    await driver.typeInGuardField('Type @zenbank to post from this account', 'zenbank');
    const [reposted] = await user.publishes(() => driver.clickGuardButton('Post'));
    assert.deepEqual([reposted.operation, reposted.userId], ['CreateRetweet', ZEN.user_id]);
  });

  test(`${browserName}: a release the host refuses (another tab took the last slot of the hour) stays held`, { timeout: 90_000 }, async () => {
    await user.open(PACED);
    await user.type(HOME_EDITOR, 'I promise it is good');
    await user.held(() => driver.click(HOME_POST));
    // Meanwhile another tab posts for the same account and takes the hour's only slot.
    const other = await driver.newTab();
    const otherUser = session(other, replica);
    await otherUser.open(PACED);
    await otherUser.type(HOME_EDITOR, 'Morning all');
    const [first] = await otherUser.publishes(() => other.click(HOME_POST));
    assert.equal(first.body.variables.tweet_text, 'Morning all');
    await other.close();
    await driver.bringToFront();
    const before = replica.published().length;
    await driver.clickGuardButton('Post anyway');
    const dialog = await dialogShows(/did not release/, 'the refused release');
    assert.match(dialog, /rate limit/);
    assert.equal(replica.published().length, before, 'nothing reached x.com');
    await driver.clickGuardButton('Edit post');
    assert.equal(await composerText(), 'I promise it is good', 'the text stays in the composer');
  });

  test(`${browserName}: a scheduled post is judged at the time it goes out, not at the time it is written`, { timeout: 60_000 }, async () => {
    const SUNDAY = 1900000000; // 2030-03-17T17:46:40Z
    const MONDAY_10AM = 1900058400; // 2030-03-18T10:00:00Z
    replica.configure({ executeAt: SUNDAY });
    await user.open(ACME, 'https://x.com/compose/post/schedule');
    await user.type('#layers [data-testid="tweetTextarea_0"]', 'Spring is here');
    const dialog = await user.held(() => driver.click('#layers [data-testid="tweetButton"]'));
    assert.match(dialog, /outside the posting hours \(Mon,Tue,Wed,Thu,Fri 09:00-17:00\) at Sun 2030-03-17 17:46 UTC/);
    await driver.clickGuardButton('Cancel post');
    replica.configure({ executeAt: MONDAY_10AM });
    await user.open(ACME, 'https://x.com/compose/post/schedule');
    await user.type('#layers [data-testid="tweetTextarea_0"]', 'Spring is here');
    const [sent] = await user.publishes(() => driver.click('#layers [data-testid="tweetButton"]'));
    assert.deepEqual([sent.operation, sent.body.variables.execute_at], ['CreateScheduledTweet', MONDAY_10AM]);
    replica.configure({ executeAt: undefined });
  });

  test(`${browserName}: the work-as picker: declaring another account holds posts from this one; the banner and a red badge say so`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    const popup = await driver.openExtensionPage('popup/popup.html');
    await popup.waitFor('#work-as-account');
    assert.deepEqual(await popup.texts('#work-as-account option'), ['@acmecars · Acme Cars', '@zenbank · Zen Bank', '@pacedco · Paced Co']);
    await popup.select('#work-as-account', 'zenbank');
    await popup.select('#work-as-minutes', '60');
    await popup.click('#work-as-set');
    await waitFor(async () => /@zenbank until/.test(await popup.text('#status')), 'the declaration in the popup');
    await waitFor(async () => /you declared you work as @zenbank, but @acmecars is logged in/.test((await driver.view()).banner), 'the banner naming both accounts');
    const badge = async () => (await readBadge(popup))[0];
    await waitFor(async () => (await badge()) === '!', 'the held badge');
    assert.deepEqual((await readBadge(popup))[2], [0xc0, 0x16, 0x1f, 255], 'the badge is red');
    await driver.bringToFront();
    await user.type(HOME_EDITOR, 'Hello from Acme');
    const dialog = await user.held(() => driver.click(HOME_POST));
    assert.match(dialog, /zenbank/);
    assert.deepEqual(await driver.guardButtons(), ['Edit post', 'Cancel post'], 'the wrong account cannot be overridden');
    await driver.clickGuardButton('Cancel post');
    await popup.click('#work-as-clear');
    await waitFor(async () => /nobody declared/.test(await popup.text('#status')), 'the cleared declaration');
    await waitFor(async () => /Posting as @acmecars/.test((await driver.view()).banner), 'the banner back to normal');
    await waitFor(async () => (await badge()) === 'acme', 'the account\'s badge back');
    await popup.close();
    await driver.bringToFront();
    const [sent] = await user.publishes(() => driver.click(HOME_POST));
    assert.equal(sent.body.variables.tweet_text, 'Hello from Acme');
  });
}
