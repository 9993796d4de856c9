// Issue 6 item 6: the Firefox build of the extension in real Firefox ESR, with the real host
// registered for it (allowed_extensions), against the x.com replica over loopback HTTPS: the
// walking skeleton's and host failure's scenarios, in one browser start to keep CI lean (every
// path and the network guard: firefox_every_path and firefox_network_guard).
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { createReplica } from './replica/replica.mjs';
import { ACCOUNTS, ACME, STRANGER, ZEN } from './support/fixtures.mjs';
import { hostPids, killHosts, waitFor } from './support/guarded_browser.mjs';
import { useGuardedBrowser } from './support/guarded_suite.mjs';

const replica = createReplica({ accounts: ACCOUNTS });
let browser;
let driver;
let user;
useGuardedBrowser({ browser: 'firefox', replica }, (started) => ({ browser, driver, user } = started));

const COMPOSER = '[data-testid="tweetTextarea_0"]';
const POST = '[data-testid="tweetButtonInline"]';
const composerText = () => driver.evaluate((selector) => [...document.querySelector(selector).querySelectorAll('[data-block="true"]')]
  .map((block) => block.textContent).join('\n'), COMPOSER);
const bannerShows = (pattern, what) => waitFor(async () => pattern.test(await user.banner()), what);

test('a managed account, clean text: the replica receives exactly that post, from that account', { timeout: 60_000 }, async () => {
  await user.open(ACME);
  assert.match(await user.banner(), /Posting as @acmecars · Acme Cars · brand/);
  await user.type(COMPOSER, 'New model out today');
  const [sent] = await user.publishes(() => driver.click(POST));
  assert.deepEqual([sent.operation, sent.body.variables.tweet_text, sent.userId], ['CreateTweet', 'New model out today', ACME.user_id]);
});

test('a banned term: held with the term and the reason; the text stays; Ctrl+Enter too', { timeout: 60_000 }, async () => {
  await user.open(ACME);
  await user.type(COMPOSER, 'Our cheap new model');
  const dialog = await user.held(() => driver.click(POST));
  assert.match(dialog, /Post held/);
  assert.match(dialog, /"cheap" is banned on @acmecars: Acme never calls its cars cheap\./);
  assert.equal(await composerText(), 'Our cheap new model', 'the held post keeps its text');
  await driver.clickGuardButton('Edit post');
  await user.noDialog();
  await driver.click(COMPOSER);
  assert.match(await user.held(() => driver.press('Control+Enter')), /"cheap" is banned/);
  await driver.clickGuardButton('Edit post');
});

test('an account the policy does not cover: held, and the page says why', { timeout: 60_000 }, async () => {
  await user.open(STRANGER);
  assert.match(await user.banner(), /Posts held: @someoneelse is not an account you may post from here/);
  await user.type(COMPOSER, 'Hello from an unmanaged account');
  assert.match(await user.held(() => driver.click(POST)), /@someoneelse is not an account of this policy/);
  await driver.clickGuardButton('Edit post');
});

test('an account switch without a reload: the banner follows, the post leaves from the new account', { timeout: 60_000 }, async () => {
  await user.open(ACME);
  await driver.click('[data-testid="SideNav_AccountSwitcher_Button"]');
  await driver.click(`button[aria-label="Switch to @${ZEN.handle}"]`);
  await bannerShows(/Posting as @zenbank · Zen Bank/, 'the banner to follow the switch');
  await user.type(COMPOSER, 'Hello from the bank');
  const [sent] = await user.publishes(() => driver.click(POST));
  assert.deepEqual([sent.body.variables.tweet_text, sent.userId], ['Hello from the bank', ZEN.user_id]);
});

test('host crashed and not installed: held with a message; installing it and Retry resume the guard', { timeout: 60_000 }, async () => {
  await user.open(ACME);
  const [pid] = hostPids(browser.home);
  assert.ok(pid, 'a host runs for this profile');
  browser.unregisterHost(); // no new host can start until we say so
  killHosts(browser.home);
  await waitFor(() => !hostPids(browser.home).includes(pid), 'the host to die');

  await user.type(COMPOSER, 'Launch day');
  const dialog = await user.held(() => driver.click(POST));
  assert.match(dialog, /Guard offline/);
  assert.match(dialog, /Posts are held until it answers/);
  await driver.clickGuardButton('Edit post');
  await bannerShows(/Guard offline: the handleguard host is not running or not installed/, 'the offline banner');

  browser.registerHost();
  await driver.clickGuardButton('Retry');
  await bannerShows(/Posting as @acmecars/, 'the banner to recover');
  const [sent] = await user.publishes(() => driver.click(POST));
  assert.deepEqual([sent.body.variables.tweet_text, sent.userId], ['Launch day', ACME.user_id]);
  const [fresh] = hostPids(browser.home);
  assert.ok(fresh && fresh !== pid, 'a new host gave the verdict');
});

test('a host that never answers: held after the timeout; a live host and Retry resume the guard', { timeout: 60_000 }, async () => {
  await user.open(ACME);
  const silent = path.join(browser.dir, 'silent-host.sh');
  writeFileSync(silent, '#!/bin/sh\n# Reads nothing and answers nothing.\nexec sleep 600\n');
  chmodSync(silent, 0o755);
  browser.registerHost(silent);
  killHosts(browser.home); // the next request needs a new host: the silent one

  await user.type(COMPOSER, 'Third post');
  const dialog = await user.held(() => driver.click(POST));
  assert.match(dialog, /did not answer in time/);
  assert.match(dialog, /no answer within 2000 ms/);
  await driver.clickGuardButton('Edit post');

  browser.registerHost();
  await driver.clickGuardButton('Retry');
  await bannerShows(/Posting as @acmecars/, 'the banner to recover');
  const [sent] = await user.publishes(() => driver.click(POST));
  assert.deepEqual([sent.body.variables.tweet_text, sent.userId], ['Third post', ACME.user_id]);
});
