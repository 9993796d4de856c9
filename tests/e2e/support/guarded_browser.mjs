// Starts Debian's Chromium with the extension, a throw-away profile and HANDLEGUARD_HOME, the
// host registered only in that profile, and the x.com replica answering every X request.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { X_ROUTE } from '../replica/replica.mjs';

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

export async function launchGuarded({ policy, replica, register = true }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hg-e2e-'));
  const profile = path.join(dir, 'profile');
  const home = path.join(dir, 'home');
  mkdirSync(profile);
  writePolicy(home, policy);
  if (register) registerHost(profile, home);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    env: { ...process.env, HANDLEGUARD_HOME: home },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--no-default-browser-check',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  await context.route(X_ROUTE, (route) => replica.serve(route));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  return {
    context,
    worker,
    dir,
    profile,
    home,
    async close() {
      // Hosts first: Chromium waits for a host that ignores its pipe closing before it exits.
      for (const pid of hostPids(home, ['handleguard-host', 'sleep'])) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch (error) {
          if (error.code !== 'ESRCH') throw error;
        }
      }
      await context.close();
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
