// The popup and options page: policy signer, work-as picker, IT's settings and the values the
// guard ignored — rendered from the service worker's `status` answer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { JSDOM } from 'jsdom';

import { EXTENSION_DIR, t } from './support.mjs';

function page(file) {
  const html = readFileSync(path.join(EXTENSION_DIR, file), 'utf8').replace(/<script[^>]*><\/script>/g, '');
  const dom = new JSDOM(html, { runScripts: 'outside-only' });
  dom.window.eval(readFileSync(path.join(EXTENSION_DIR, 'options/status_view.js'), 'utf8'));
  return dom.window;
}

const STATUS = {
  hello: { host: { name: 'org.handleguard.host', version: '0.1.0' }, policy: { loaded: true, serial: 9, accounts: 2, signer: 'agency-2026', error: null } },
  workAs: { workAs: { handle: 'acmecars', until: '2030-01-01T12:00:00Z' }, required: true, accounts: [{ handle: 'acmecars', client: 'Acme Cars' }, { handle: 'zenbank', client: 'Zen Bank' }], error: null },
  settings: { nativeHostName: 'org.handleguard.host', hostTimeoutMs: 2000, workAsMinutes: 480, managed: [], ignored: [{ name: 'hostTimeoutMs', expected: 'an integer from 200 to 30000' }], workAsMinutesFixed: false },
  lastVerdicts: [],
};

test('the status names the policy signer, the declaration, the settings and what IT set that was ignored', () => {
  const window = page('options/options.html');
  window.handleguardStatusView.render(window.document, t, STATUS, '0.1.0');
  const text = window.document.getElementById('status').textContent;
  assert.match(text, /serial 9, 2 accounts · signed by agency-2026/);
  assert.match(text, /Working as@acmecars until/);
  assert.match(text, /host org\.handleguard\.host, timeout 2000 ms, work-as 480 min/);
  assert.match(text, /ignored hostTimeoutMs: expected an integer from 200 to 30000/);
});

test('the picker offers the host\'s accounts and durations, and declares what the user chose', async () => {
  const window = page('popup/popup.html');
  const asked = [];
  window.handleguardStatusView.renderPicker(window.document, t, STATUS, async (handle, minutes) => {
    asked.push([handle, minutes]);
    return {};
  });
  const form = window.document.getElementById('work-as');
  assert.equal(form.hidden, false);
  assert.deepEqual([...form.querySelectorAll('#work-as-account option')].map((o) => o.textContent), ['@acmecars · Acme Cars', '@zenbank · Zen Bank']);
  assert.equal(form.querySelector('#work-as-account').value, 'acmecars', 'the current declaration is selected');
  assert.equal(form.querySelector('#work-as-minutes').value, '480');
  assert.match(form.textContent, /requires a declaration/);
  form.querySelector('#work-as-account').value = 'zenbank';
  form.querySelector('#work-as-minutes').value = '120';
  form.querySelector('#work-as-set').click();
  form.querySelector('#work-as-clear').click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(asked, [['zenbank', 120], [null, 120]]);
});

test('with no accounts to offer, there is no picker', () => {
  const window = page('popup/popup.html');
  window.handleguardStatusView.renderPicker(window.document, t, { ...STATUS, workAs: null }, async () => ({}));
  assert.equal(window.document.getElementById('work-as').hidden, true);
});

test('the last verdicts come from the host\'s log: every window\'s, with the confirmation, the outcome and X\'s reason', () => {
  const window = page('popup/popup.html');
  const lastVerdicts = [
    { checkId: 'c3', time: '2030-01-01T12:00:03.000Z', handle: 'acmecars', action: 'post', verdict: 'allow', rules: [], staff: 'me', pid: 11, override: null, outcome: { outcome: 'failed', detail: 'Status is a duplicate. (187)', time: null } },
    { checkId: 'c2', time: '2030-01-01T12:00:02.000Z', handle: 'acmecars', action: 'reply', verdict: 'warn', rules: ['acme-careful'], staff: 'me', pid: 12, override: { type: 'confirmation', reason: 'ok' }, outcome: { outcome: 'posted', detail: null, time: null } },
    { checkId: 'c1', time: '2030-01-01T12:00:01.000Z', handle: 'acmecars', action: 'post', verdict: 'block', rules: ['acme-banned'], staff: 'me', pid: 11, override: null, outcome: { outcome: 'edited', detail: null, time: null } },
  ];
  window.handleguardStatusView.render(window.document, t, { ...STATUS, lastVerdicts }, '0.1.0');
  const lines = [...window.document.querySelectorAll('#last-verdicts li')].map((item) => item.textContent.replace(/^.*? (?=allow |warn |block )/, ''));
  assert.deepEqual(lines, [
    'allow · post · @acmecars → failed on X (Status is a duplicate. (187))',
    'warn · reply · @acmecars · acme-careful · confirmed → posted',
    'block · post · @acmecars · acme-banned → edited',
  ]);
  assert.deepEqual([...window.document.querySelectorAll('#last-verdicts li')].map((item) => item.className), ['', 'bad', 'bad']);
});

test('a log the host cannot read is said, not shown as "no verdicts"', () => {
  const window = page('popup/popup.html');
  window.handleguardStatusView.render(window.document, t, { ...STATUS, lastVerdictsProblem: { code: 'host_error', detail: 'internal: the audit log cannot be read' } }, '0.1.0');
  assert.match(window.document.getElementById('status').textContent, /The last verdicts cannot be read: internal: the audit log cannot be read/);
});

test('a page adds its own sections after the common ones (the options page\'s diagnostics)', () => {
  const window = page('options/options.html');
  const { render, SECTIONS } = window.handleguardStatusView;
  const fixes = render(window.document, t, STATUS, '0.1.0', [...SECTIONS, ({ row, fixes: found }) => {
    row('Extra check', 'failed', true);
    found.push('Fix the extra check.');
  }]);
  const list = window.document.getElementById('status');
  assert.equal(list.lastElementChild.textContent, 'failed');
  assert.equal(list.lastElementChild.className, 'bad');
  assert.deepEqual([...fixes], ['Fix the extra check.']);
});
