// "Post all": a thread is judged by the host in one `check_thread` request, through the
// service worker's answer to a real host — one verdict for the thread, one per post saying
// which post broke which rule, each with its own check id to confirm and report.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { createGuardService } from '../../extension/background/guard_service.js';
import { ACME, EXTENSION_ID, EXTENSION_ORIGIN, FROM_X, hostClients, POLICY, tempHome } from './support.mjs';

const { home, remove } = tempHome(POLICY);
const fromX = { ...FROM_X, url: 'https://x.com/compose/post', tab: { id: 1, url: 'https://x.com/compose/post' } };
const hosts = hostClients({ home });
const client = hosts.connect();
after(() => {
  hosts.closeAll();
  remove();
});
const results = [];
const guard = createGuardService({
  client,
  readCookie: async () => `u%3D${ACME.user_id}`,
  extensionId: EXTENSION_ID,
  extensionOrigin: EXTENSION_ORIGIN,
  onResult: (result) => results.push(result),
});
const checkThread = (texts, extra = {}) => guard.handle({ what: 'checkThread', signals: { switcherAvatar: ACME.handle }, texts, action: 'post', ...extra }, fromX);

test('one verdict for the thread, the worst; each post its own, naming the rule it broke', async () => {
  const thread = await checkThread(['First post', 'We guarantee it', 'Second is cheap']);
  assert.equal(thread.verdict, 'block');
  assert.equal(thread.problem, null);
  assert.deepEqual(thread.posts.map((post) => [post.verdict, post.violations.map((v) => v.rule).join(',')]), [
    ['allow', ''], ['warn', 'acme-careful'], ['block', 'acme-banned'],
  ]);
  assert.equal(new Set(thread.posts.map((post) => post.checkId)).size, 3, 'a check id per post');
  assert.deepEqual(thread.posts[2].violations[0].span, [10, 15], 'the span in that post\'s text');
  // Each post's release is claimed on its own: the allowed one may go, the blocked one may not.
  assert.equal((await guard.handle({ what: 'outcome', checkId: thread.posts[0].checkId, outcome: 'released' }, fromX)).counted, true);
  assert.match((await guard.handle({ what: 'outcome', checkId: thread.posts[2].checkId, outcome: 'released' }, fromX)).refused, /must stay held/);
  assert.deepEqual(results.at(-1).result.violations.map((v) => v.rule), ['acme-careful', 'acme-banned'], 'the badge hears every post\'s rules');
});

test('a clean thread is allowed as a whole', async () => {
  const thread = await checkThread(['One', 'Two']);
  assert.deepEqual([thread.verdict, ...thread.posts.map((post) => post.verdict)], ['allow', 'allow', 'allow']);
});

test('a thread the guard cannot read is held whole, before the host is asked', async () => {
  for (const texts of [undefined, [], ['ok', 5], Array.from({ length: 51 }, () => 'post')]) {
    const thread = await checkThread(texts);
    assert.equal(thread.verdict, 'block');
    assert.equal(thread.problem.code, 'bad_request', JSON.stringify(texts)?.slice(0, 40));
    assert.equal(thread.posts[0].checkId, null, 'nothing to release');
  }
  const scheduled = await checkThread(['a', 'b'], { scheduledAt: 'soon', action: 'schedule' });
  assert.equal(scheduled.problem.code, 'bad_request');
});
