// Issue 6 item 5: settings IT forces through managed storage reach the guard — another native
// host name, the host timeout, a fixed work-as duration and a shorter approval lifetime — and
// the options page shows what IT set. Each browser gets them the way an organisation delivers them to it: Chromium a policy file
// in /etc/chromium/policies/managed/ (support/chromium_policy.mjs; needs root), Firefox a managed
// storage manifest in the user's ~/.mozilla/managed-storage/ (support/guarded_firefox.mjs).
// Written against the browser driver, so managed_settings.test.mjs runs it in Chromium and
// firefox_managed_settings.test.mjs in Firefox ESR.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { createReplica } from '../replica/replica.mjs';
import { chromiumPolicyUnavailable } from '../support/chromium_policy.mjs';
import { ACCOUNTS, ACME } from '../support/fixtures.mjs';
import { BIN_DIR, hostPids, waitFor } from '../support/guarded_browser.mjs';
import { useGuardedBrowser } from '../support/guarded_suite.mjs';

const HOST_NAME = 'org.handleguard.e2e_managed';
const MANAGED = { nativeHostName: HOST_NAME, hostTimeoutMs: 1500, workAsMinutes: 30, approvalSeconds: 10 };

// Registers the host for `browser` under IT's host name only (none under the default name),
// optionally another program.
function registerUnderManagedName(browser, hostPath) {
  browser.registerHost(hostPath);
  const defaultManifest = path.join(browser.hostManifestDir, 'org.handleguard.host.json');
  const manifest = JSON.parse(readFileSync(defaultManifest, 'utf8'));
  writeFileSync(path.join(browser.hostManifestDir, `${HOST_NAME}.json`), JSON.stringify({ ...manifest, name: HOST_NAME }));
  rmSync(defaultManifest);
}

// Registers the tests in `browserName` ('chromium' or 'firefox').
export function managedSettings(browserName) {
  const replica = createReplica({ accounts: ACCOUNTS });
  const skip = browserName === 'chromium' ? chromiumPolicyUnavailable() : false;
  let browser;
  let driver;
  let user;
  if (!skip) {
    useGuardedBrowser({ browser: browserName, replica, register: false, managedSettings: MANAGED }, (started) => {
      ({ browser, driver, user } = started);
      registerUnderManagedName(browser);
    });
  }

  test(`${browserName}: the guard talks to the host IT named, and posts go out through it`, { timeout: 60_000, skip }, async () => {
    await user.open(ACME);
    assert.match(await user.banner(), /Posting as @acmecars/, 'only the managed host name is registered');
    await user.type('[data-testid="tweetTextarea_0"]', 'Managed hello');
    const [sent] = await user.publishes(() => driver.click('[data-testid="tweetButtonInline"]'));
    assert.equal(sent.body.variables.tweet_text, 'Managed hello');
  });

  test(`${browserName}: the options page shows what IT set, and the popup declares work-as for IT's duration only`, { timeout: 60_000, skip }, async () => {
    const options = await driver.openExtensionPage('options/options.html');
    await waitFor(async () => /Set by your administrator/.test(await options.text('#status')), 'the managed settings');
    const shown = await options.text('#status');
    assert.match(shown, /host org\.handleguard\.e2e_managed, timeout 1500 ms, work-as 30 min/);
    for (const name of Object.keys(MANAGED)) assert.match(shown, new RegExp(`Set by your administrator[^\n]*\n?[^\n]*${name}`), name);
    await options.close();

    const popup = await driver.openExtensionPage('popup/popup.html');
    await popup.waitFor('#work-as-account');
    assert.match(await popup.text('#work-as'), /for 30 minutes \(set by your administrator\)/);
    assert.equal(await popup.count('#work-as-minutes'), 0, 'no other duration to choose');
    await popup.select('#work-as-account', 'acmecars');
    await popup.click('#work-as-set');
    const until = await waitFor(async () => /@acmecars until (.+)/.exec(await popup.text('#status')), 'the declaration');
    assert.ok(until);
    await popup.click('#work-as-clear');
    await waitFor(async () => /nobody declared/.test(await popup.text('#status')), 'the cleared declaration');
    await popup.close();
    await driver.bringToFront();
  });

  test(`${browserName}: IT's approval lifetime: a released post X never sent is reported cancelled after 10 s, not two minutes`, { timeout: 60_000, skip }, async () => {
    // Not `log show --account`: it stops at the cleared work-as event (account null) of the test before.
    const outcomes = () => execFileSync(path.join(BIN_DIR, 'handleguard'), ['log', 'show', '--json', '--limit', '0'], { env: { ...process.env, HANDLEGUARD_HOME: browser.home } })
      .toString().split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((event) => event.type === 'outcome' && event.account === ACME.handle);
    replica.configure({ neverSend: true });
    try {
      await user.open(ACME);
      const published = replica.published().length;
      const before = outcomes().length;
      await user.type('[data-testid="tweetTextarea_0"]', 'Never sent');
      await driver.click('[data-testid="tweetButtonInline"]');
      const released = await waitFor(() => outcomes().slice(before).find((event) => event.outcome === 'released'), 'the release', 10_000);
      const cancelled = await waitFor(() => outcomes().find((event) => event.check_id === released.check_id && event.outcome === 'cancelled'), 'the expired approval', 30_000);
      const waited = Date.parse(cancelled.time) - Date.parse(released.time);
      assert.ok(waited >= 10_000 && waited < 30_000, `cancelled ${waited} ms after the release`);
      assert.equal(replica.published().length, published, 'nothing reached x.com');
    } finally {
      replica.configure({ neverSend: undefined });
    }
  });

  test(`${browserName}: IT's host timeout: a silent host holds the post after 1500 ms, not the default 2000`, { timeout: 60_000, skip }, async () => {
    const silent = path.join(browser.dir, 'silent-host.sh');
    writeFileSync(silent, '#!/bin/sh\n# Reads nothing and answers nothing.\nexec sleep 600\n');
    chmodSync(silent, 0o755);
    registerUnderManagedName(browser, silent);
    for (const pid of hostPids(browser.home)) process.kill(pid, 'SIGKILL'); // the next request needs a new host
    await user.type('[data-testid="tweetTextarea_0"]', 'Into the void');
    const published = replica.published().length;
    await driver.click('[data-testid="tweetButtonInline"]');
    const dialog = await waitFor(async () => {
      const { dialog: text } = await driver.view();
      return /did not answer in time/.test(text) && text;
    }, 'the timeout verdict', 8000);
    assert.match(dialog, /no answer within 1500 ms/);
    assert.equal(replica.published().length, published);
    await driver.clickGuardButton('Edit post');
  });
}
