// The options page's "Checks of this computer": the service worker asks the real host for its
// doctor checks (those of `handleguard doctor`, for the browser that started it), and the page
// shows one item per check with its status in words and its fix.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { JSDOM } from 'jsdom';

import { createGuardService } from '../../extension/background/guard_service.js';
import { BIN_DIR, EXTENSION_DIR, EXTENSION_ID, EXTENSION_ORIGIN, FROM_OPTIONS, FROM_X, hostClients, POLICY, t, tempHome } from './support.mjs';

const { home, remove } = tempHome();
const userHome = path.join(home, 'user'); // HOME: where the host finds the browsers' manifests
const policyFile = path.join(home, 'config', 'policy.json');
const hosts = hostClients({ home, timeoutMs: 2000, env: { HOME: userHome } });
after(() => {
  hosts.closeAll();
  remove();
});

// The host registered for Chromium in the fake HOME, as `handleguard install` does for a user.
mkdirSync(userHome);
execFileSync(path.join(BIN_DIR, 'handleguard'), ['install', '--browser', 'chromium'],
  { env: { ...process.env, HOME: userHome, HANDLEGUARD_HOME: home }, stdio: 'pipe' });

function writePolicy(policy) {
  writeFileSync(policyFile, JSON.stringify(policy));
  chmodSync(policyFile, 0o600);
}

// A fresh host per service: it reads the policy at start.
function service() {
  return createGuardService({ client: hosts.connect(), readCookie: async () => null, extensionId: EXTENSION_ID, extensionOrigin: EXTENSION_ORIGIN });
}

function optionsPage() {
  const html = readFileSync(path.join(EXTENSION_DIR, 'options/options.html'), 'utf8').replace(/<script[^>]*><\/script>/g, '');
  const dom = new JSDOM(html, { runScripts: 'outside-only' });
  dom.window.eval(readFileSync(path.join(EXTENSION_DIR, 'options/status_view.js'), 'utf8'));
  return dom.window;
}

test('a healthy set-up: the host answers for this browser, finds its manifest, and nothing fails', async () => {
  writePolicy(POLICY);
  const report = await service().handle({ what: 'doctor' }, FROM_OPTIONS);
  assert.equal(report.ok, true, JSON.stringify(report));
  const subjects = report.checks.map((check) => check.subject);
  assert.match(report.checks.find((check) => check.subject === 'host').message, /^answering Chromium extension cnfeiacfghelhamjicbmagoojgalpelg over the browser's pipe/);
  assert.match(report.checks.find((check) => check.subject === 'chromium (user)').message, /org\.handleguard\.host\.json is in place$/);
  assert.ok(!subjects.some((subject) => subject.startsWith('firefox')), 'Firefox is another browser\'s business');
  assert.ok(report.checks.some((check) => check.subject === 'policy' && check.status === 'warn' && check.message === 'unsigned; signing not required (no trust settings)'),
    'a warning does not fail');
});

test('an expired policy: the check fails with its fix, and the page shows both', async () => {
  writePolicy({ ...POLICY, expires: '2020-01-31' });
  const report = await service().handle({ what: 'doctor' }, FROM_OPTIONS);
  assert.equal(report.ok, false);
  const expired = report.checks.find((check) => check.status === 'fail');
  assert.deepEqual({ ...expired }, {
    status: 'fail', subject: 'policy', message: 'expired on 2020-01-31T00:00:00Z: every post is blocked', fix: 'issue a renewed policy with a later "expires"',
  });

  const window = optionsPage();
  window.handleguardStatusView.renderDoctor(window.document, t, report);
  const summary = window.document.getElementById('doctor-summary');
  assert.equal(summary.getAttribute('role'), 'status', 'screen readers hear the outcome');
  assert.equal(summary.textContent, '1 check(s) failed: posts may be held until they are fixed.');
  const failed = [...window.document.querySelectorAll('#doctor-checks li.fail')];
  assert.equal(failed.length, 1);
  assert.equal(failed[0].querySelector('strong').textContent, 'Failed', 'the status in words, not only a colour');
  assert.match(failed[0].textContent, /policy: expired on 2020-01-31T00:00:00Z: every post is blocked/);
  assert.equal(failed[0].querySelector('.fix').textContent, 'To fix: issue a renewed policy with a later "expires"');
  assert.equal(window.document.querySelectorAll('#doctor-checks li').length, report.checks.length, 'one item per check');
  const heading = window.document.getElementById(window.document.getElementById('doctor').getAttribute('aria-labelledby'));
  assert.equal(t(heading.getAttribute('data-i18n')), 'Checks of this computer', 'the section is labelled by its heading');
});

test('only the extension\'s own pages may ask: the checks name files of this machine', async () => {
  assert.equal((await service().handle({ what: 'doctor' }, FROM_X)).failed, 'sender not allowed');
});

test('no host: the page says the checks could not run, and why', async () => {
  const client = hosts.connect({ program: path.join(home, 'missing-host') });
  const guard = createGuardService({ client, readCookie: async () => null, extensionId: EXTENSION_ID, extensionOrigin: EXTENSION_ORIGIN });
  const report = await guard.handle({ what: 'doctor' }, FROM_OPTIONS);
  assert.equal(report.problem.code, 'host_unavailable');
  const window = optionsPage();
  window.handleguardStatusView.renderDoctor(window.document, t, report);
  const summary = window.document.getElementById('doctor-summary');
  assert.match(summary.textContent, /^The host could not run its checks: host_unavailable: /);
  assert.equal(summary.className, 'bad');
  assert.equal(window.document.querySelectorAll('#doctor-checks li').length, 0);
});

test('warnings alone: nothing is broken, and no fix line where nothing is to be done', () => {
  const window = optionsPage();
  window.handleguardStatusView.renderDoctor(window.document, t, { ok: true, checks: [{ status: 'ok', subject: 'policy', message: 'fine', fix: '' }, { status: 'warn', subject: 'policy', message: 'unsigned', fix: '' }] });
  assert.equal(window.document.getElementById('doctor-summary').textContent, 'Nothing is broken; 1 warning(s) below.');
  assert.equal(window.document.querySelectorAll('#doctor-checks .fix').length, 0, 'no fix line where nothing is to be done');
});
