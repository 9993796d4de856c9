// The logged-in account: twid is required; page signals must agree with each other.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseTwid, resolveAccount, xOriginOf } from '../../extension/background/account.js';

test('twid values as X sets them', () => {
  assert.equal(parseTwid('u%3D1500000000000000001'), '1500000000000000001');
  assert.equal(parseTwid('"u=1500000000000000001"'), '1500000000000000001');
  for (const bad of [null, undefined, '', 'u%3D', 'u%3Dabc', 'x%3D1', '%E0%A4%A', 'u=1;u=2', `u=${'9'.repeat(21)}`]) {
    assert.equal(parseTwid(bad), null, String(bad));
  }
});

test('the cookie alone identifies the account on layouts without signals', () => {
  assert.deepEqual(resolveAccount({ twid: 'u%3D42', signals: {} }),
    { userId: '42', handle: null, signals: { switcherAvatar: null, switcherText: null, profileLink: null, initialState: null }, problem: null });
});

test('agreeing signals give the handle, whatever their case', () => {
  const account = resolveAccount({ twid: 'u%3D42', signals: { switcherAvatar: 'AcmeCars', switcherText: 'acmecars', profileLink: 'ACMECARS' } });
  assert.equal(account.handle, 'acmecars');
  assert.equal(account.problem, null);
});

test('no cookie, or disagreeing signals, make the account unknown and name the signals', () => {
  assert.equal(resolveAccount({ twid: null, signals: { switcherAvatar: 'acmecars' } }).problem.code, 'no_twid');
  const split = resolveAccount({ twid: 'u%3D42', signals: { switcherAvatar: 'acmecars', profileLink: 'zenbank' } });
  assert.deepEqual(split.problem, { code: 'signals_disagree', detail: 'switcherAvatar=@acmecars, profileLink=@zenbank' });
  assert.equal(split.handle, null);
});

test('junk from the page is not a signal', () => {
  const account = resolveAccount({ twid: 'u%3D42', signals: { switcherAvatar: '<img onerror>', profileLink: 42, extra: 'x' } });
  assert.deepEqual(account.signals, { switcherAvatar: null, switcherText: null, profileLink: null, initialState: null });
});

test('only X\'s origins are X', () => {
  assert.equal(xOriginOf('https://x.com/home'), 'https://x.com');
  assert.equal(xOriginOf('https://pro.x.com/i/decks/1'), 'https://pro.x.com');
  assert.equal(xOriginOf('https://x.com.evil.example/'), null);
  assert.equal(xOriginOf('http://x.com/'), null);
  assert.equal(xOriginOf('not a url'), null);
});

test('the page state gives the handle of the cookie\'s user id, and must agree with the other signals', () => {
  const users = { 42: 'AcmeCars', 77: 'zenbank' };
  const alone = resolveAccount({ twid: 'u%3D42', signals: { pageStateUsers: users } });
  assert.deepEqual([alone.handle, alone.signals.initialState, alone.problem], ['acmecars', 'AcmeCars', null]);
  const split = resolveAccount({ twid: 'u%3D77', signals: { switcherAvatar: 'acmecars', pageStateUsers: users } });
  assert.deepEqual(split.problem, { code: 'signals_disagree', detail: 'switcherAvatar=@acmecars, initialState=@zenbank' });
});

test('a page state from before a switch, which lacks the new user id, is no signal', () => {
  const account = resolveAccount({ twid: 'u%3D99', signals: { switcherAvatar: 'zenbank', pageStateUsers: { 42: 'acmecars' } } });
  assert.deepEqual([account.handle, account.signals.initialState, account.problem], ['zenbank', null, null]);
});

test('junk in the page state is not a signal', () => {
  for (const pageStateUsers of [{ 42: '<img onerror>' }, { 42: 42 }, '42', ['acmecars'], Object.create({ 42: 'acmecars' })]) {
    assert.equal(resolveAccount({ twid: 'u%3D42', signals: { pageStateUsers } }).signals.initialState, null, JSON.stringify(pageStateUsers));
  }
});
