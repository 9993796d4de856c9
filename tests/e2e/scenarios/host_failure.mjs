// Issue 2, scenario d: with no live host nothing is posted and the page says why; a host killed
// mid-session, or one that never answers, holds the next post until a live host has judged it,
// and the guard resumes without a reload. Written against the browser driver, so
// host_failure.test.mjs runs it in Chromium and firefox_host_failure.test.mjs in Firefox ESR.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { createReplica } from '../replica/replica.mjs';
import { ACCOUNTS, ACME } from '../support/fixtures.mjs';
import { hostPids, waitFor } from '../support/guarded_browser.mjs';
import { useGuardedBrowser } from '../support/guarded_suite.mjs';

const COMPOSER = '[data-testid="tweetTextarea_0"]';
const POST = '[data-testid="tweetButtonInline"]';
// What each browser reports when no host is registered under the name asked for.
const NO_HOST = { chromium: /Specified native messaging host not found/, firefox: /No such native application org\.handleguard\.host/ };

// Registers the tests in `browserName` ('chromium' or 'firefox').
export function hostFailure(browserName) {
  const replica = createReplica({ accounts: ACCOUNTS });
  let browser;
  let driver;

  const typePost = (text) => driver.type(COMPOSER, text);
  const bannerShows = (pattern, what) => waitFor(async () => pattern.test((await driver.view()).banner), what);
  const dialogShows = (pattern, what, timeout) => waitFor(async () => {
    const { dialog } = await driver.view();
    return pattern.test(dialog) && dialog;
  }, what, timeout);

  // Posts `text` and expects it to reach the replica.
  async function postGoesOut(text) {
    const before = replica.posts().length;
    await typePost(text);
    await driver.click(POST);
    await waitFor(() => replica.posts().length > before, `"${text}" to reach the replica`);
    assert.deepEqual(replica.posts().slice(before), [{ text, userId: ACME.user_id }]);
  }

  useGuardedBrowser({ browser: browserName, replica, register: false }, async (started) => {
    ({ browser, driver } = started);
    await driver.logIn(ACME.user_id);
  });

  test(`${browserName}: d. host not installed: nothing is sent, and the page says so clearly`, { timeout: 60_000 }, async () => {
    await driver.goto('https://x.com/home');
    await bannerShows(/Guard offline: the handleguard host is not running or not installed/, 'the offline banner');
    await typePost('Launch day');
    const before = replica.requests.length;
    await driver.click(POST);
    const dialog = await dialogShows(/Guard offline/, 'the offline verdict');
    assert.match(dialog, NO_HOST[browserName]);
    assert.match(dialog, /Posts are held until it answers/);
    assert.equal(replica.requests.length, before, 'nothing reached x.com');
    await driver.clickGuardButton('Edit post');

    // Installing the host and pressing Retry resumes the guard without a reload.
    browser.registerHost();
    await driver.clickGuardButton('Retry');
    await bannerShows(/Posting as @acmecars/, 'the banner to recover');
    await postGoesOut('Launch day');
  });

  test(`${browserName}: d. host killed mid-session: the next post waits for a live host's verdict`, { timeout: 60_000 }, async () => {
    const [pid] = hostPids(browser.home);
    assert.ok(pid, 'a host is running for this profile');
    browser.unregisterHost(); // no new host can start until we say so
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !hostPids(browser.home).includes(pid), 'the host to die');

    await typePost('Second post');
    const before = replica.requests.length;
    await driver.click(POST);
    assert.match(await dialogShows(/Guard offline/, 'the offline verdict'), /not running or not installed/);
    assert.equal(replica.requests.length, before, 'nothing reached x.com while no host answered');
    await driver.clickGuardButton('Edit post');

    browser.registerHost();
    await postGoesOut('Second post');
    const [fresh] = hostPids(browser.home);
    assert.ok(fresh && fresh !== pid, 'a new host gave the verdict');
  });

  test(`${browserName}: d. a host that never answers: the post is held after the timeout`, { timeout: 60_000 }, async () => {
    const silent = path.join(browser.dir, 'silent-host.sh');
    writeFileSync(silent, '#!/bin/sh\n# Reads nothing and answers nothing.\nexec sleep 600\n');
    chmodSync(silent, 0o755);
    browser.registerHost(silent);
    for (const pid of hostPids(browser.home)) process.kill(pid, 'SIGKILL'); // the next request needs a new host

    await typePost('Third post');
    const before = replica.requests.length;
    await driver.click(POST);
    const dialog = await dialogShows(/did not answer in time/, 'the timeout verdict', 8000);
    assert.match(dialog, /no answer within 2000 ms/);
    assert.equal(replica.requests.length, before);
    await driver.clickGuardButton('Edit post');

    browser.registerHost();
    await driver.clickGuardButton('Retry');
    await bannerShows(/Posting as @acmecars/, 'the banner to recover');
    await postGoesOut('Third post');
  });
}
