// The service worker's answers, with the real host behind them: verdicts, held posts, and who
// may ask.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';

import { createGuardService } from '../../extension/background/guard_service.js';
import { ACME, EXTENSION_ID, EXTENSION_ORIGIN, FROM_OPTIONS, FROM_POPUP, FROM_X as fromX, hostClients, POLICY, tempHome } from './support.mjs';

const { home, remove } = tempHome(POLICY);
const hosts = hostClients({ home, timeoutMs: 2000 });
after(() => {
  hosts.closeAll();
  remove();
});

function service({ cookies = { twid: `u%3D${ACME.user_id}` }, program } = {}) {
  const client = hosts.connect({ program });
  const cookieReads = [];
  const guard = createGuardService({
    client,
    readCookie: async (url, name) => {
      cookieReads.push(url);
      return cookies[name] ?? null;
    },
    extensionId: EXTENSION_ID,
    extensionOrigin: EXTENSION_ORIGIN,
  });
  return { guard, cookieReads };
}

test('a clean post from a managed account is allowed', async () => {
  const { guard, cookieReads } = service();
  const result = await guard.handle({ what: 'check', signals: { switcherAvatar: 'acmecars' }, text: 'New model', action: 'post' }, fromX);
  assert.equal(result.verdict, 'allow');
  assert.equal(result.identity.status, 'managed');
  assert.equal(result.account.userId, ACME.user_id);
  assert.deepEqual(cookieReads, ['https://x.com/'], 'the cookie of the sender\'s own site');
});

test('banned and warned terms come back with their spans', async () => {
  const { guard } = service();
  const block = await guard.handle({ what: 'check', signals: {}, text: 'So cheap', action: 'post' }, fromX);
  assert.equal(block.verdict, 'block');
  assert.deepEqual(block.violations.map((v) => [v.rule, v.span]), [['acme-banned', [3, 8]]]);
  const warn = await guard.handle({ what: 'check', signals: {}, text: 'We guarantee it', action: 'post' }, fromX);
  assert.equal(warn.verdict, 'warn');
});

test('no twid, or page signals that disagree, hold the post without asking the host', async () => {
  const noCookie = await service({ cookies: {} }).guard.handle({ what: 'check', signals: {}, text: 'x', action: 'post' }, fromX);
  assert.equal(noCookie.verdict, 'block');
  assert.equal(noCookie.problem.code, 'no_twid');
  const split = await service().guard.handle({ what: 'check', signals: { switcherAvatar: 'acmecars', profileLink: 'zenbank' }, text: 'x', action: 'post' }, fromX);
  assert.equal(split.verdict, 'block');
  assert.equal(split.problem.code, 'signals_disagree');
});

test('a handle the page shows that does not match the user id is a mismatch', async () => {
  const result = await service().guard.handle({ what: 'check', signals: { switcherAvatar: 'zenbank' }, text: 'x', action: 'post' }, fromX);
  assert.equal(result.verdict, 'block');
  assert.equal(result.identity.status, 'mismatch');
});

test('no host: the post is held and the problem named', async () => {
  const { guard } = service({ program: path.join(home, 'missing-host') });
  const result = await guard.handle({ what: 'check', signals: {}, text: 'x', action: 'post' }, fromX);
  assert.equal(result.verdict, 'block');
  assert.equal(result.problem.code, 'host_unavailable');
  const identify = await guard.handle({ what: 'identify', signals: {} }, fromX);
  assert.equal(identify.problem.code, 'host_unavailable');
});

test('bad requests are held, not guessed', async () => {
  const { guard } = service();
  for (const message of [
    { what: 'check', text: 42, action: 'post' },
    { what: 'check', text: 'x', action: 'launch' },
    { what: 'check', text: 'x'.repeat(100_001), action: 'post' },
    // Half an emoji (a lone UTF-16 surrogate) is no text at all: held at once, never sent to the host.
    { what: 'check', text: 'half an emoji \ud83d', action: 'post' },
    { what: 'checkThread', texts: ['fine', '\ude00 tail half'], action: 'post' },
  ]) {
    const result = await guard.handle(message, fromX);
    assert.equal(result.verdict, 'block');
    assert.equal(result.problem.code, 'bad_request', JSON.stringify(message).slice(0, 80));
  }
  assert.match((await guard.handle({ what: 'nope' }, fromX)).failed, /unknown message/);
});

test('only this extension\'s own pages and its content scripts on X may ask', async () => {
  const { guard } = service();
  const message = { what: 'check', text: 'x', action: 'post' };
  assert.equal((await guard.handle(message, { ...fromX, id: 'another-extension' })).failed, 'sender not allowed');
  assert.equal((await guard.handle(message, { id: EXTENSION_ID, url: 'https://evil.example/', tab: { id: 2 } })).failed, 'sender not allowed');
  assert.equal((await guard.handle(message, { id: EXTENSION_ID, url: 'https://evil.example/' })).failed, 'sender not allowed');
  const popup = await guard.handle({ what: 'status' }, FROM_POPUP);
  const inTab = await guard.handle({ what: 'status' }, { ...FROM_OPTIONS, tab: { id: 3 } });
  assert.equal(inTab.hello.policy.loaded, true, 'the options page opened in a tab');
  assert.equal(popup.hello.policy.loaded, true);
});
