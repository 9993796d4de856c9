// The popup's last verdicts and the outcomes behind them, through the service worker's answers
// to real hosts: read back from the host's audit log (`last_verdicts`), so they show every
// window's verdicts and survive a restart; `edited` and a failed post's reason reach the log.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { createGuardService } from '../../extension/background/guard_service.js';
import { ACME, EXTENSION_ID, EXTENSION_ORIGIN, FROM_POPUP as fromPopup, FROM_X as fromX, hostClients, POLICY, tempHome } from './support.mjs';

const { home, remove } = tempHome(POLICY);
const hosts = hostClients({ home });
after(() => {
  hosts.closeAll();
  remove();
});

// One browser window: a service worker with its own host process.
function browserWindow() {
  const client = hosts.connect();
  const guard = createGuardService({
    client,
    readCookie: async () => `u%3D${ACME.user_id}`,
    extensionId: EXTENSION_ID,
    extensionOrigin: EXTENSION_ORIGIN,
    readRecent: async () => ({ lastAccount: null }),
  });
  const check = (text) => guard.handle({ what: 'check', signals: { switcherAvatar: ACME.handle }, text, action: 'post' }, fromX);
  const outcome = (checkId, what, detail) => guard.handle({ what: 'outcome', checkId, outcome: what, detail }, fromX);
  return { guard, client, check, outcome, status: () => guard.handle({ what: 'status' }, fromPopup) };
}

test('the popup shows every window\'s verdicts from the audit log, newest first, after a restart, with edited and X\'s reason', { timeout: 60_000 }, async () => {
  const first = browserWindow();
  const sent = await first.check('Said twice');
  assert.equal(sent.verdict, 'allow');
  assert.equal((await first.outcome(sent.checkId, 'released')).counted, true);
  const failed = await first.outcome(sent.checkId, 'failed', 'Authorization: Status is a duplicate. (187)');
  assert.equal(failed.refused, undefined, JSON.stringify(failed));
  const blocked = await first.check('So cheap');
  assert.equal(blocked.verdict, 'block');
  assert.deepEqual(await first.outcome(blocked.checkId, 'edited'), { counted: false });
  first.client.reset('the browser window closed'); // its host ends

  const second = browserWindow();
  const mine = await second.check('From the second window');
  const status = await second.status();
  assert.equal(status.lastVerdictsProblem, null);
  const shown = status.lastVerdicts.map((entry) => [entry.checkId, entry.verdict, entry.handle, entry.action, entry.rules.join(','), entry.outcome?.outcome ?? null, entry.outcome?.detail ?? null]);
  assert.deepEqual(shown, [
    [mine.checkId, 'allow', 'acmecars', 'post', '', null, null],
    [blocked.checkId, 'block', 'acmecars', 'post', 'acme-banned', 'edited', null],
    [sent.checkId, 'allow', 'acmecars', 'post', '', 'failed', 'Authorization: Status is a duplicate. (187)'],
  ]);
  assert.notEqual(status.lastVerdicts[0].pid, status.lastVerdicts[1].pid, 'two host processes (two windows)');
  assert.match(status.lastVerdicts[0].time, /^\d{4}-\d\d-\d\dT/);
});

test('a detail longer than the host keeps is shortened, not refused', { timeout: 60_000 }, async () => {
  const window = browserWindow();
  const sent = await window.check('Long story');
  await window.outcome(sent.checkId, 'released');
  const failed = await window.outcome(sent.checkId, 'failed', '€'.repeat(3000));
  assert.equal(failed.refused, undefined, JSON.stringify(failed));
  const [last] = (await window.status()).lastVerdicts;
  assert.equal(last.outcome.detail, '€'.repeat(500));
});

test('a detail cut inside an emoji still reaches the host', { timeout: 60_000 }, async () => {
  const window = browserWindow();
  const sent = await window.check('Emoji story');
  await window.outcome(sent.checkId, 'released');
  const failed = await window.outcome(sent.checkId, 'failed', `${'x'.repeat(499)}😀 and more`);
  assert.equal(failed.refused, undefined, JSON.stringify(failed));
  const [last] = (await window.status()).lastVerdicts;
  assert.equal(last.outcome.detail, `${'x'.repeat(499)}\ufffd`);
});
