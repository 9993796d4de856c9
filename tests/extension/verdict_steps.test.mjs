// The steps after a verdict, through the service worker's answers to the real host: confirming a
// warning (with a reason), a supervisor's override, typing the handle, claiming the release
// (rate limits re-checked), reporting outcomes, the work-as declaration, and IT's settings.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { createGuardService } from '../../extension/background/guard_service.js';
import { DEFAULT_SETTINGS, resolveSettings } from '../../extension/background/settings.js';
import { contentWindow, EXTENSION_ID, EXTENSION_ORIGIN, FROM_POPUP as fromPopup, FROM_X as fromX, hostClients, tempHome } from './support.mjs';

// docs/examples/policy.json's supervisor passphrase, "correct horse battery staple".
const PASSPHRASE = 'correct horse battery staple';
const PASSPHRASE_HASH = '$argon2id$v=19$m=262144,t=3,p=1$ED5gZTDkGiHRwQf7E6gbLQ$p9/TzfpTPDjJ55dhWpvAyWSj7Ls9sJUVMf0+i2SCCQY';
const ACME = { handle: 'acmecars', user_id: '1500000000000000001' };
const ZEN = { handle: 'zenbank', user_id: '1500000000000000002' };
const POLICY = {
  schema: 1,
  serial: 4,
  unknown_account: 'block',
  accounts: [
    {
      handle: ACME.handle, user_id: ACME.user_id, client: 'Acme Cars', kind: 'brand', guidelines: 'Friendly, never pushy.', confirm_handle: true,
      rules: [
        { id: 'never-cheap', kind: 'banned_terms', severity: 'block', message: 'Never cheap.', terms: ['cheap'] },
        { id: 'legal', kind: 'banned_terms', severity: 'warn', message: 'Legal approves promises.', terms: ['guarantee'], override: { mode: 'confirm', reason_required: true } },
        { id: 'no-discounts', kind: 'banned_terms', severity: 'block', message: 'Discounts need the CEO.', terms: ['discount'], override: { mode: 'supervisor', passphrase_hash: PASSPHRASE_HASH } },
      ],
    },
    { handle: ZEN.handle, user_id: ZEN.user_id, client: 'Zen Bank', kind: 'brand', rules: [{ id: 'one-an-hour', kind: 'rate', severity: 'block', per_hour: 1 }] },
  ],
};

const { home, remove } = tempHome(POLICY);
const hosts = hostClients({ home });
after(() => {
  hosts.closeAll();
  remove();
});

function service(account = ACME, settings = resolveSettings({})) {
  const client = hosts.connect();
  let told = 0;
  const guard = createGuardService({
    client,
    readCookie: async () => `u%3D${account.user_id}`,
    extensionId: EXTENSION_ID,
    extensionOrigin: EXTENSION_ORIGIN,
    settings: () => settings,
    onWorkAsChanged: () => {
      told += 1;
    },
  });
  const check = (text, extra = {}) => guard.handle({ what: 'check', signals: { switcherAvatar: account.handle }, text, action: 'post', ...extra }, fromX);
  return { guard, check, told: () => told };
}

const steps = (results) => JSON.parse(JSON.stringify(contentWindow('<main></main>').handleguard.nextSteps(results)));

test('a warning needs the typed handle and a reason; the release is refused until both are granted', async () => {
  const { guard, check } = service();
  const warn = await check('We guarantee it');
  assert.equal(warn.verdict, 'warn');
  assert.match(warn.checkId, /^[0-9a-f]{32}$/);
  assert.deepEqual(warn.confirmation, { required: true, handle: 'acmecars' });
  assert.deepEqual(warn.override, { mode: 'confirm', reasonRequired: true });
  assert.equal(warn.guidelines, 'Friendly, never pushy.');
  assert.deepEqual(steps([warn]), { kind: 'confirm', reasonRequired: true, handle: 'acmecars', pending: [steps([warn]).pending[0]] });
  const early = await guard.handle({ what: 'outcome', checkId: warn.checkId, outcome: 'released' }, fromX);
  assert.match(early.refused, /must stay held/, 'no release before the user confirmed');
  const noReason = await guard.handle({ what: 'override', checkId: warn.checkId, typedHandle: 'acmecars' }, fromX);
  assert.deepEqual([noReason.granted, noReason.missing], [false, 'reason']);
  const wrongHandle = await guard.handle({ what: 'override', checkId: warn.checkId, typedHandle: 'zenbank', reason: 'ok' }, fromX);
  assert.deepEqual([wrongHandle.granted, wrongHandle.missing], [false, 'typed_handle']);
  const granted = await guard.handle({ what: 'override', checkId: warn.checkId, typedHandle: '@AcmeCars', reason: 'Legal said yes' }, fromX);
  assert.equal(granted.granted, true);
  const released = await guard.handle({ what: 'outcome', checkId: warn.checkId, outcome: 'released' }, fromX);
  assert.deepEqual(released, { counted: true });
  assert.deepEqual(await guard.handle({ what: 'outcome', checkId: warn.checkId, outcome: 'posted' }, fromX), { counted: true });
});

test('a block without override cannot be released; a supervisor\'s block needs the right passphrase', async () => {
  const { guard, check } = service();
  const hard = await check('So cheap');
  assert.deepEqual(hard.override, { mode: 'none', reasonRequired: false });
  assert.equal(steps([hard]).kind, 'hard');
  const refused = await guard.handle({ what: 'override', checkId: hard.checkId, typedHandle: 'acmecars', reason: 'please' }, fromX);
  assert.deepEqual([refused.granted, refused.missing], [false, 'none']);
  const block = await check('A discount today');
  assert.deepEqual(block.override, { mode: 'supervisor', reasonRequired: true });
  assert.deepEqual([steps([block]).kind, steps([block]).reasonRequired], ['supervisor', true]);
  const wrong = await guard.handle({ what: 'override', checkId: block.checkId, typedHandle: 'acmecars', reason: 'CEO', passphrase: 'not it at all' }, fromX);
  assert.deepEqual([wrong.granted, wrong.missing], [false, 'passphrase']);
  const right = await guard.handle({ what: 'override', checkId: block.checkId, typedHandle: 'acmecars', reason: 'CEO', passphrase: PASSPHRASE }, fromX);
  assert.equal(right.granted, true);
  assert.equal((await guard.handle({ what: 'outcome', checkId: block.checkId, outcome: 'released' }, fromX)).counted, true);
});

test('a release the rate limit no longer allows is refused (another window took the slot), and a cancelled one is given back', async () => {
  const first = service(ZEN);
  const second = service(ZEN);
  const a = await first.check('Morning');
  const b = await second.check('Also morning');
  assert.deepEqual([a.verdict, b.verdict], ['allow', 'allow']);
  assert.equal(steps([a]).kind, 'none');
  assert.deepEqual(await first.guard.handle({ what: 'outcome', checkId: a.checkId, outcome: 'released' }, fromX), { counted: true });
  const late = await second.guard.handle({ what: 'outcome', checkId: b.checkId, outcome: 'released' }, fromX);
  assert.match(late.refused, /rate limit/);
  assert.deepEqual(await first.guard.handle({ what: 'outcome', checkId: a.checkId, outcome: 'cancelled' }, fromX), { counted: false });
  assert.deepEqual(await second.guard.handle({ what: 'outcome', checkId: b.checkId, outcome: 'released' }, fromX), { counted: true }, 'the slot was given back');
});

test('a scheduled post is judged at its time; a time that is not ISO 8601 is held', async () => {
  const { check } = service();
  const at = await check('Later', { action: 'schedule', scheduledAt: '2030-03-17T17:46:40Z' });
  assert.equal(at.at, '2030-03-17T17:46:40Z');
  for (const scheduledAt of ['tomorrow', '2030-03-17 17:46', 1900000000]) {
    const held = await check('Later', { action: 'schedule', scheduledAt });
    assert.deepEqual([held.verdict, held.problem.code], ['block', 'bad_request'], String(scheduledAt));
  }
  const wrongAction = await check('Now', { scheduledAt: '2030-03-17T17:46:40Z' });
  assert.equal(wrongAction.problem.code, 'bad_request');
});

test('malformed overrides and outcomes are refused without reaching the host', async () => {
  const { guard } = service();
  assert.equal((await guard.handle({ what: 'override', checkId: 'nope' }, fromX)).granted, false);
  assert.match((await guard.handle({ what: 'outcome', checkId: 'a'.repeat(32), outcome: 'shipped' }, fromX)).refused, /could not be read/);
  const unknown = await guard.handle({ what: 'outcome', checkId: 'a'.repeat(32), outcome: 'released' }, fromX);
  assert.ok(unknown.refused, 'a verdict this host never gave is refused');
});

test('work-as: the picker lists the accounts, declares from the extension\'s pages only, and the identify answer carries it', async () => {
  const { guard, told } = service();
  const before = await guard.handle({ what: 'workAs' }, fromX);
  assert.deepEqual(before.accounts.map((a) => a.handle), ['acmecars', 'zenbank']);
  assert.equal(before.workAs, null);
  assert.equal((await guard.handle({ what: 'workAsSet', handle: 'zenbank' }, fromX)).failed, 'sender not allowed', 'a page on X cannot declare');
  const declared = await guard.handle({ what: 'workAsSet', handle: '@zenbank', minutes: 60 }, fromPopup);
  assert.equal(declared.workAs.handle, 'zenbank');
  assert.ok(Date.parse(declared.workAs.until) - Date.now() <= 60 * 60_000 + 5000);
  assert.equal(told(), 1, 'the tabs are told to look again');
  const identify = await guard.handle({ what: 'identify', signals: { switcherAvatar: 'acmecars' } }, fromX);
  assert.equal(identify.workAs.workAs.handle, 'zenbank');
  const wrong = await guard.handle({ what: 'check', signals: {}, text: 'hi', action: 'post' }, fromX);
  assert.ok(wrong.violations.some((v) => v.rule === 'wrong_account'), 'posting from another account is blocked');
  assert.equal((await guard.handle({ what: 'workAsSet', handle: null }, fromPopup)).workAs, null);
  assert.equal((await guard.handle({ what: 'workAsSet', handle: 'no such!' }, fromPopup)).problem.code, 'bad_request');
});

test('IT\'s managed settings: valid values are used, the rest ignored and named', async () => {
  assert.deepEqual(resolveSettings(undefined), { settings: { ...DEFAULT_SETTINGS }, managed: [], ignored: [] });
  const resolved = resolveSettings({ hostTimeoutMs: 5000, nativeHostName: 'com.example.guard', workAsMinutes: 0, colour: 'red' });
  assert.deepEqual(resolved.settings, { nativeHostName: 'com.example.guard', hostTimeoutMs: 5000, workAsMinutes: 480, approvalSeconds: 120 });
  assert.deepEqual(resolved.managed, ['hostTimeoutMs', 'nativeHostName']);
  assert.deepEqual(resolved.ignored.map((i) => i.name), ['workAsMinutes', 'colour']);
  assert.equal(resolveSettings({ approvalSeconds: 10 }).settings.approvalSeconds, 10, 'IT may shorten an approval\'s life');
  for (const bad of [{ hostTimeoutMs: '5000' }, { hostTimeoutMs: 10 }, { nativeHostName: 'Org Host' }, { nativeHostName: '../evil' }, { approvalSeconds: 121 }, { approvalSeconds: 9 }]) {
    assert.deepEqual(resolveSettings(bad).settings, DEFAULT_SETTINGS, JSON.stringify(bad));
  }
  // A duration IT fixed is the one declared, whatever the picker sent.
  const { guard } = service(ACME, resolveSettings({ workAsMinutes: 30 }));
  const declared = await guard.handle({ what: 'workAsSet', handle: 'acmecars', minutes: 600 }, fromPopup);
  assert.ok(Date.parse(declared.workAs.until) - Date.now() <= 30 * 60_000 + 5000);
  const status = await guard.handle({ what: 'status' }, fromPopup);
  assert.deepEqual([status.settings.workAsMinutes, status.settings.workAsMinutesFixed], [30, true]);
  await guard.handle({ what: 'workAsSet', handle: null }, fromPopup);
});
