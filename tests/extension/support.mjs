// Loads the extension's content scripts into a jsdom window, as the browser's isolated world
// would, and offers the real _locales strings and a real host for background tests.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { JSDOM } from 'jsdom';

import { NativeClient } from '../../extension/background/native_client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = process.env.HANDLEGUARD_SOURCE_DIR ?? path.resolve(here, '../..');
export const BIN_DIR = process.env.HANDLEGUARD_BIN_DIR ?? path.join(SOURCE_DIR, 'build/bin');
export const EXTENSION_DIR = path.join(SOURCE_DIR, 'extension');
const CONTENT_SCRIPTS = ['common/client_colour.js', 'content/dom_signals.js', 'content/approvals.js', 'content/sending.js', 'content/request_payload.js', 'content/verdict_steps.js', 'content/guard_ui.js'];

export function fixture(name) {
  return readFileSync(path.join(here, 'fixtures', name), 'utf8');
}

// Returns a jsdom window holding `html` with the content scripts' pure modules loaded
// (window.handleguard), at `url`.
export function contentWindow(html, url = 'https://x.com/home') {
  const dom = new JSDOM(html, { url, runScripts: 'outside-only', pretendToBeVisual: true });
  for (const file of CONTENT_SCRIPTS) dom.window.eval(readFileSync(path.join(EXTENSION_DIR, file), 'utf8'));
  return dom.window;
}

// chrome.i18n.getMessage over the real _locales/en/messages.json.
const messages = JSON.parse(readFileSync(path.join(EXTENSION_DIR, '_locales/en/messages.json'), 'utf8'));
export function t(key, substitutions = []) {
  const entry = messages[key];
  if (!entry) throw new Error(`no message "${key}" in _locales/en`);
  const subs = Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$([a-z0-9_]+)\$/gi, (_, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n) => subs[Number(n) - 1] ?? '');
  });
}

// The pinned extension and the places its messages come from, as the service worker sees them.
export const EXTENSION_ID = 'cnfeiacfghelhamjicbmagoojgalpelg';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
export const FROM_X = { id: EXTENSION_ID, url: 'https://x.com/home', tab: { id: 1, url: 'https://x.com/home' } };
export const FROM_POPUP = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}popup/popup.html` };
export const FROM_OPTIONS = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}options/options.html` };

// NativeClients to real host processes (hostPort's options), all of them closed by closeAll():
// a test file calls it in `after`, so no host outlives its test run.
export function hostClients({ timeoutMs = 10_000, ...portOptions } = {}) {
  const clients = [];
  return {
    connect(overrides = {}) {
      const client = new NativeClient({ connect: () => hostPort({ ...portOptions, ...overrides }), timeoutMs });
      clients.push(client);
      return client;
    },
    closeAll() {
      for (const client of clients) client.reset();
    },
  };
}

export function tempHome(policy) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'hg-ext-'));
  mkdirSync(path.join(home, 'config'));
  if (policy) writeFileSync(path.join(home, 'config', 'policy.json'), JSON.stringify(policy));
  return { home, remove: () => rmSync(home, { recursive: true, force: true }) };
}

// A port to a real host process over its stdin/stdout with native messaging framing: the same
// shape browser_api.js's connectNative returns, so NativeClient runs unchanged. Like Chromium, it
// passes the calling extension's origin: the host answers no other caller.
// `env` adds to the host's environment (e.g. a fake HOME, where it looks for host manifests).
export function hostPort({ home, program = path.join(BIN_DIR, 'handleguard-host'),
                           args = [EXTENSION_ORIGIN], env = {} }) {
  const child = spawn(program, args, { env: { ...process.env, HANDLEGUARD_HOME: home, ...env }, stdio: ['pipe', 'pipe', 'ignore'] });
  const messageListeners = [];
  const disconnectListeners = [];
  let buffer = Buffer.alloc(0);
  let closed = false;
  const close = (reason) => {
    if (closed) return;
    closed = true;
    for (const listener of disconnectListeners) listener(reason);
  };
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 4) {
      const length = buffer.readUInt32LE(0);
      if (buffer.length < 4 + length) break;
      const message = JSON.parse(buffer.subarray(4, 4 + length).toString('utf8'));
      buffer = buffer.subarray(4 + length);
      for (const listener of messageListeners) listener(message);
    }
  });
  child.on('exit', () => close('Native host has exited.'));
  child.on('error', (error) => close(error.message));
  child.stdin.on('error', () => undefined); // a dead host: reported through 'exit'
  return {
    child,
    post(message) {
      const body = Buffer.from(JSON.stringify(message), 'utf8');
      const header = Buffer.alloc(4);
      header.writeUInt32LE(body.length);
      child.stdin.write(Buffer.concat([header, body]));
    },
    onMessage: (listener) => messageListeners.push(listener),
    onDisconnect: (listener) => disconnectListeners.push(listener),
    disconnect() {
      closed = true;
      child.kill('SIGTERM');
    },
  };
}

export const ACME = { handle: 'acmecars', user_id: '1500000000000000001' };
export const POLICY = {
  schema: 1,
  serial: 3,
  organization: 'Unit tests',
  unknown_account: 'block',
  accounts: [{
    handle: ACME.handle, user_id: ACME.user_id, display_name: 'Acme Cars', client: 'Acme Cars', kind: 'brand',
    rules: [
      { id: 'acme-banned', kind: 'banned_terms', severity: 'block', message: 'Never cheap.', terms: ['cheap'] },
      { id: 'acme-careful', kind: 'banned_terms', severity: 'warn', message: 'Legal approves promises.', terms: ['guarantee'] },
    ],
  }],
};
