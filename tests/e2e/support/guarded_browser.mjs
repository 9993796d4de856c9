// Starts Debian's Chromium with the extension, a throw-away profile and HANDLEGUARD_HOME, the
// host registered only in that profile, and the x.com replica answering every X request.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { X_ROUTE } from '../replica/replica.mjs';
import { writeChromiumPolicy } from './chromium_policy.mjs';
import { clickGuardButton, guardButtons, guardHighlights, guardView, selectGuardDialogText, typeInGuardField } from './guard_view.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = process.env.HANDLEGUARD_SOURCE_DIR ?? path.resolve(here, '../../..');
export const BIN_DIR = process.env.HANDLEGUARD_BIN_DIR ?? path.join(SOURCE_DIR, 'build/bin');
export const EXTENSION_DIR = path.join(SOURCE_DIR, 'extension');
export const CHROMIUM = process.env.HANDLEGUARD_CHROMIUM ?? '/usr/lib/chromium/chromium';
export const EXTENSION_ID = 'cnfeiacfghelhamjicbmagoojgalpelg';

export function writePolicy(home, policy) {
  mkdirSync(path.join(home, 'config'), { recursive: true });
  writeFileSync(path.join(home, 'config', 'policy.json'), `${JSON.stringify(policy, null, 2)}\n`);
}

// Registers the host for `profile` with the real CLI (optionally another host binary).
export function registerHost(profile, home, hostPath) {
  const args = ['install', '--browser', 'chromium', '--user-data-dir', profile];
  if (hostPath) args.push('--host-path', hostPath);
  execFileSync(path.join(BIN_DIR, 'handleguard'), args, { env: { ...process.env, HANDLEGUARD_HOME: home }, stdio: 'pipe' });
}

export function unregisterHost(profile) {
  rmSync(path.join(profile, 'NativeMessagingHosts'), { recursive: true, force: true });
}

// Returns the pids of host processes started for `home` (found by their environment, so only
// processes this test started); `programs` are the executables' names.
export function hostPids(home, programs = ['handleguard-host']) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (!environ.includes(`HANDLEGUARD_HOME=${home}`)) continue;
      if (programs.includes(path.basename(readlinkSync(`/proc/${entry}/exe`)))) pids.push(Number(entry));
    } catch {
      continue; // the process ended while we looked, or is not ours to read
    }
  }
  return pids;
}

// Ends the hosts started for `home` (and the stand-in `sleep` of the silent-host test). Hosts
// go first: a browser waits for a host that ignores its pipe closing before it exits.
export function killHosts(home) {
  for (const pid of hostPids(home, ['handleguard-host', 'sleep'])) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
  }
}

// Returns a user's hands on the Playwright `page`; guarded_firefox.mjs gives Firefox the same.
export function chromiumDriver(page) {
  return {
    page,
    goto: (url) => page.goto(url),
    logIn: (userId, domain) => logIn(page.context(), userId, domain),
    click: (selector) => page.click(selector),
    press: (combo) => page.keyboard.press(combo),
    typeText: (text) => page.keyboard.type(text),
    async type(selector, text) {
      await page.locator(selector).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(text);
    },
    textOf: (selector) => page.locator(selector).textContent(),
    valueOf: (selector) => page.inputValue(selector),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    view: () => guardView(page),
    clickGuardButton: (label) => clickGuardButton(page, label),
    guardButtons: () => guardButtons(page),
    guardHighlights: () => guardHighlights(page),
    typeInGuardField: (label, text) => typeInGuardField(page, label, text),
    selectGuardDialogText: () => selectGuardDialogText(page),
    pause: (ms) => page.waitForTimeout(ms),
    // Another tab of the same browser, with the same hands.
    newTab: async () => chromiumDriver(await page.context().newPage()),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
    // Opens the extension's page `pagePath` (e.g. 'popup/popup.html') in a new tab.
    async openExtensionPage(pagePath) {
      const tab = await page.context().newPage();
      await tab.goto(`chrome-extension://${EXTENSION_ID}/${pagePath}`);
      return {
        text: (selector) => tab.locator(selector).innerText(),
        waitFor: (selector) => tab.waitForSelector(selector),
        select: (selector, value) => tab.selectOption(selector, value),
        async click(selector) {
          await tab.bringToFront(); // a user clicks the page they look at
          await tab.click(selector);
        },
        texts: (selector) => tab.locator(selector).allInnerTexts(),
        count: (selector) => tab.locator(selector).count(),
        evaluate: (fn, arg) => tab.evaluate(fn, arg),
        close: () => tab.close(),
      };
    },
    // Stops the extension's service worker as Chromium does when it ends an idle or crashed
    // worker (the DevTools protocol closes its target); resolves once it is gone.
    async stopBackground() {
      const cdp = await page.context().newCDPSession(page);
      try {
        const [target] = await extensionWorkers(cdp);
        if (!target) throw new Error('no service worker of the extension runs');
        await cdp.send('Target.closeTarget', { targetId: target.targetId });
        await waitFor(async () => (await extensionWorkers(cdp)).length === 0, 'the service worker to stop');
      } finally {
        await cdp.detach();
      }
    },
    async backgroundRuns() {
      const cdp = await page.context().newCDPSession(page);
      try {
        return (await extensionWorkers(cdp)).length === 1;
      } finally {
        await cdp.detach();
      }
    },
  };
}

async function extensionWorkers(cdp) {
  return (await cdp.send('Target.getTargets')).targetInfos
    .filter((target) => target.type === 'service_worker' && target.url === `chrome-extension://${EXTENSION_ID}/background/service_worker.js`);
}

// `withExtension: false` starts the same browser without the guard (benchmarks' baseline);
// `managedSettings` are IT's settings for the extension (chromium_policy.mjs: needs root).
export async function launchGuarded({ policy, replica, register = true, withExtension = true, managedSettings = null }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hg-e2e-'));
  const profile = path.join(dir, 'profile');
  const home = path.join(dir, 'home');
  mkdirSync(profile);
  writePolicy(home, policy);
  if (register) registerHost(profile, home);
  const removePolicy = managedSettings ? writeChromiumPolicy(EXTENSION_ID, managedSettings) : () => undefined;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: withExtension ? ['--disable-extensions'] : [],
    env: { ...process.env, HANDLEGUARD_HOME: home },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--no-default-browser-check',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(withExtension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : []),
    ],
  });
  await context.route(X_ROUTE, (route) => replica.serve(route));
  const worker = withExtension ? context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 })) : null;
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    name: 'chromium',
    context,
    worker,
    page,
    driver: chromiumDriver(page),
    dir,
    profile,
    home,
    hostManifestDir: path.join(profile, 'NativeMessagingHosts'),
    registerHost: (hostPath) => registerHost(profile, home, hostPath),
    unregisterHost: () => unregisterHost(profile),
    async close() {
      killHosts(home);
      await context.close();
      removePolicy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Logs `page`'s context in as `userId` (the twid cookie, as X sets it) on `domain`.
export async function logIn(context, userId, domain = '.x.com') {
  await context.addCookies([
    { name: 'twid', value: encodeURIComponent(`u=${userId}`), domain, path: '/', secure: true },
    { name: 'ct0', value: 'csrf0123', domain, path: '/', secure: true },
  ]);
}

// Waits until `predicate()` is truthy; returns its value. Fails with `what` after `timeout` ms.
export async function waitFor(predicate, what, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
