// A post on its way to X is not sent again by a second press (sending.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { contentWindow } from './support.mjs';

const { handleguard: hg } = contentWindow('');

test('a request on the wire keeps its post busy until it ends; other texts, DMs and likes are never busy', () => {
  const log = hg.createSendingLog();
  const entry = log.begin({ texts: ['Friday launch'], action: 'schedule', onWire: true, lifetimeMs: 1000 });
  assert.equal(log.busy({ texts: ['Friday launch '], action: 'schedule' }, { onWire: true }), true, 'compared as approvals compare');
  assert.equal(log.busy({ texts: ['Friday launch'], action: 'post' }), true, 'the same post, whatever the page guessed its action');
  assert.equal(log.busy({ texts: ['Another post'], action: 'schedule' }), false);
  assert.equal(log.begin({ texts: ['ok'], action: 'dm', onWire: true, lifetimeMs: 1000 }), null, 'the same short DM twice is ordinary');
  assert.equal(log.busy({ texts: ['ok'], action: 'dm' }), false);
  assert.equal(log.busy({ texts: [''], action: 'like' }), false);
  log.end(entry);
  assert.equal(log.busy({ texts: ['Friday launch'], action: 'schedule' }), false, 'X answered: a new press is a new post');
});

test('a replayed press is busy until a request takes its approval, and only for presses', () => {
  const log = hg.createSendingLog();
  log.begin({ texts: ['First', 'Second'], action: 'post', checkIds: ['c1', 'c2'], lifetimeMs: 1000 });
  assert.equal(log.busy({ texts: ['Second'], action: 'post' }), true, 'a thread: any of its posts');
  assert.equal(log.busy({ texts: ['First'], action: 'post' }, { onWire: true }), false, 'its own request is not a second one');
  log.handedOver('c1');
  assert.equal(log.busy({ texts: ['Second'], action: 'post' }), false);
});

test('an entry ends by itself after its lifetime: a press X ignored does not stop the next for long', () => {
  let now = 0;
  const log = hg.createSendingLog({ now: () => now });
  log.begin({ texts: ['Launch day'], action: 'post', checkIds: ['c1'], lifetimeMs: 5000 });
  now = 4999;
  assert.equal(log.busy({ texts: ['Launch day'], action: 'post' }), true);
  now = 5000;
  assert.equal(log.busy({ texts: ['Launch day'], action: 'post' }), false);
});
