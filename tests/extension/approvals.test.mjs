// Approvals are bound to exact text, account and action; used once; short-lived.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { contentWindow } from './support.mjs';

const { handleguard: hg } = contentWindow('');

test('an approval releases exactly its text from exactly its account, once', () => {
  const store = hg.createApprovalStore();
  store.add({ text: 'Hello world', userId: '1', action: 'post' });
  assert.equal(store.consume({ text: 'Hello world!', userId: '1', action: 'post' }), false, 'edited text');
  assert.equal(store.consume({ text: 'Hello world', userId: '2', action: 'post' }), false, 'another account');
  assert.equal(store.consume({ text: 'Hello world', userId: '1', action: 'reply' }), false, 'another action');
  assert.equal(store.consume({ text: 'Hello world', userId: '1', action: 'post' }), true);
  assert.equal(store.consume({ text: 'Hello world', userId: '1', action: 'post' }), false, 'used up');
});

test('editor and request differences that change nothing visible still match', () => {
  const store = hg.createApprovalStore();
  store.add({ text: 'caf\u0065\u0301\r\nnext\u00a0line ', userId: '1', action: 'post' });
  assert.equal(store.consume({ text: 'caf\u00e9\nnext line', userId: '1', action: 'post' }), true);
});

test('approvals expire, and clear() drops them all', () => {
  let now = 1000;
  const store = hg.createApprovalStore({ now: () => now, ttlMs: 50 });
  store.add({ text: 'a', userId: '1', action: 'post' });
  store.add({ text: 'b', userId: '1', action: 'post' });
  now += 60;
  assert.equal(store.consume({ text: 'a', userId: '1', action: 'post' }), false);
  store.add({ text: 'c', userId: '1', action: 'post' });
  store.clear();
  assert.equal(store.size, 0);
});

test('no approval without an account', () => {
  const store = hg.createApprovalStore();
  store.add({ text: 'x', userId: null, action: 'post' });
  store.add({ text: 'x', userId: '', action: 'post' });
  assert.equal(store.size, 0);
});

test('an approval names its verdict, and can be dropped by it (a post X never sent)', () => {
  const hg = contentWindow('<main></main>').handleguard;
  const store = hg.createApprovalStore();
  store.add({ text: 'Hi', userId: '1', action: 'post', checkId: 'c1' });
  store.add({ text: 'Yo', userId: '1', action: 'post', checkId: 'c2' });
  assert.equal(store.take({ text: 'Hi', userId: '1', action: 'post' }).checkId, 'c1');
  assert.equal(store.drop('c1'), false, 'already used');
  assert.equal(store.drop('c2'), true);
  assert.equal(store.size, 0);
  store.add({ text: 'Again', userId: '1', action: 'post', checkId: 'c3' });
  assert.deepEqual(JSON.parse(JSON.stringify(store.clear().map((a) => a.checkId))), ['c3']);
});

test('a thread\'s approvals leave in order: the first as the thread\'s first, each later one only as a reply to the post created before it', () => {
  const store = hg.createApprovalStore();
  const thread = (index) => ({ key: 't1', index });
  store.add({ text: 'one', userId: '1', action: 'post', checkId: 'a', thread: thread(0) });
  store.add({ text: 'two', userId: '1', action: 'post', checkId: 'b', thread: thread(1) });
  store.add({ text: 'three', userId: '1', action: 'post', checkId: 'c', thread: thread(2) });
  assert.equal(store.take({ text: 'one', userId: '1', action: 'post' }), null, 'not as a single post');
  assert.equal(store.take({ text: 'two', userId: '1', action: 'post', batch: 'first' }), null, 'not out of order');
  assert.equal(store.take({ text: 'two', userId: '1', action: 'post', batch: 'subsequent', inReplyTo: '99' }), null, 'not before the first was created');
  assert.equal(store.take({ text: 'one', userId: '1', action: 'post', batch: 'first' }).checkId, 'a');
  store.posted('a', '901');
  assert.equal(store.take({ text: 'two', userId: '1', action: 'post', batch: 'subsequent', inReplyTo: '555' }), null, 'a reply to another post');
  assert.equal(store.take({ text: 'three', userId: '1', action: 'post', batch: 'subsequent', inReplyTo: '901' }), null, 'the third cannot skip the second');
  assert.equal(store.take({ text: 'two', userId: '2', action: 'post', batch: 'subsequent', inReplyTo: '901' }), null, 'another account');
  assert.equal(store.take({ text: 'two', userId: '1', action: 'post', batch: 'subsequent', inReplyTo: '901' }).checkId, 'b');
  store.posted('b', '902');
  assert.equal(store.take({ text: 'three', userId: '1', action: 'post', batch: 'subsequent', inReplyTo: '902' }).checkId, 'c');
  assert.equal(store.size, 0);
});

test('a single post\'s approval is not a thread\'s first post', () => {
  const store = hg.createApprovalStore();
  store.add({ text: 'solo', userId: '1', action: 'post', checkId: 'a' });
  assert.equal(store.take({ text: 'solo', userId: '1', action: 'post', batch: 'first' }), null);
  assert.equal(store.take({ text: 'solo', userId: '1', action: 'post', batch: null }).checkId, 'a');
});
