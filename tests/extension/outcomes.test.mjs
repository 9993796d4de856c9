// What became of a post, as the content script judges it: X's answer read for posted or
// failed (X answers 200 with an `errors` list to many refusals), and approvals that expire
// unused (reported cancelled). Pure logic, on a fake clock where time matters.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { contentWindow } from './support.mjs';

const { handleguard: page } = contentWindow('');
// The page's objects come from the jsdom window's realm: compare them as plain data.
const plain = (value) => JSON.parse(JSON.stringify(value));
const hg = { ...page, answerOutcome: (...args) => plain(page.answerOutcome(...args)) };
const created = (id) => JSON.stringify({ data: { create_tweet: { tweet_results: { result: { rest_id: id } } } } });
const DUPLICATE = JSON.stringify({ errors: [{ message: 'Authorization: Status is a duplicate.', code: 187, kind: 'Permissions' }], data: {} });

test('a 2xx answer with the created post is posted, and names the post', () => {
  assert.deepEqual(hg.answerOutcome('CreateTweet', 200, created('1900000000000000001')), { outcome: 'posted', createdId: '1900000000000000001' });
  const note = JSON.stringify({ data: { notetweet_create: { tweet_results: { result: { rest_id: '7' } } } } });
  assert.deepEqual(hg.answerOutcome('CreateNoteTweet', 200, note), { outcome: 'posted', createdId: '7' });
  assert.deepEqual(hg.answerOutcome('FavoriteTweet', 200, JSON.stringify({ data: { favorite_tweet: 'Done' } })), { outcome: 'posted' });
  assert.deepEqual(hg.answerOutcome('new2.json', 200, 'not json'), { outcome: 'posted' }, 'a REST call read by its status');
});

test('a 200 with errors and nothing created failed, in X\'s words', () => {
  assert.deepEqual(hg.answerOutcome('CreateTweet', 200, DUPLICATE), { outcome: 'failed', detail: 'Authorization: Status is a duplicate. (187)' });
  const limited = JSON.stringify({ errors: [{ message: 'You are over the daily limit for sending posts.', code: 344 }, { message: 'Try later' }] });
  assert.deepEqual(hg.answerOutcome('CreateTweet', 200, limited), { outcome: 'failed', detail: 'You are over the daily limit for sending posts. (344); Try later' });
  const notLiked = JSON.stringify({ errors: [{ message: 'Already favorited', code: 139 }], data: { favorite_tweet: null } });
  assert.equal(hg.answerOutcome('FavoriteTweet', 200, notLiked).outcome, 'failed');
  const long = JSON.stringify({ errors: [{ message: 'x'.repeat(2000) }] });
  assert.equal(hg.answerOutcome('CreateTweet', 200, long).detail.length, 500, 'kept short for the audit log');
});

test('errors beside a created post (a partial warning) still posted', () => {
  const warned = JSON.stringify({ ...JSON.parse(created('9')), errors: [{ message: 'media could not be attached', code: 324 }] });
  assert.deepEqual(hg.answerOutcome('CreateTweet', 200, warned), { outcome: 'posted', createdId: '9' });
});

test('any other status failed, with the status as the reason', () => {
  assert.deepEqual(hg.answerOutcome('CreateTweet', 403, DUPLICATE), { outcome: 'failed', detail: 'HTTP 403' });
  assert.deepEqual(hg.answerOutcome('CreateTweet', 0, null), { outcome: 'failed', detail: 'no answer from X (network error)' });
  assert.equal(hg.answerOutcome('CreateTweet', 302, null).outcome, 'failed');
});

test('an approval not used within its lifetime expires: it no longer releases, and sweep() reports it once', () => {
  let now = 0;
  const store = hg.createApprovalStore({ now: () => now });
  assert.equal(hg.APPROVAL_TTL_MS, 120_000, 'two minutes');
  store.add({ text: 'used in time', userId: '1', action: 'post', checkId: 'a' });
  store.add({ text: 'never sent', userId: '1', action: 'post', checkId: 'b' });
  now = 60_000;
  assert.equal(store.take({ text: 'used in time', userId: '1', action: 'post' }).checkId, 'a');
  assert.equal(store.sweep().length, 0, 'nothing expired yet');
  now = 119_999;
  assert.equal(store.size, 1, 'still live a moment before two minutes');
  now = 120_000;
  assert.equal(store.take({ text: 'never sent', userId: '1', action: 'post' }), null, 'expired: it releases nothing');
  assert.deepEqual(plain(store.sweep().map((approval) => approval.checkId)), ['b'], 'reported for its count to be given back');
  assert.equal(store.sweep().length, 0, 'once');
});

test('IT may shorten an approval\'s life, never lengthen it', () => {
  let now = 0;
  const store = hg.createApprovalStore({ now: () => now });
  store.add({ text: 'short', userId: '1', action: 'post', checkId: 's', lifetimeMs: 10_000 });
  store.add({ text: 'capped', userId: '1', action: 'post', checkId: 'c', lifetimeMs: 3_600_000 });
  now = 10_000;
  assert.deepEqual(plain(store.sweep().map((approval) => approval.checkId)), ['s']);
  now = 120_000;
  assert.deepEqual(plain(store.sweep().map((approval) => approval.checkId)), ['c'], 'two minutes at most');
});
