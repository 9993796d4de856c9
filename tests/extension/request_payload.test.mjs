// What a held request would publish, read from the body the network guard forwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { contentWindow } from './support.mjs';

const { handleguard: hg } = contentWindow('');
const describe = (...args) => JSON.parse(JSON.stringify(hg.describeRequest(...args)));
const gql = (op) => `https://x.com/i/api/graphql/aB3dE5fG7h/${op}`;
const body = (variables) => JSON.stringify({ variables, features: {}, queryId: 'aB3dE5fG7h' });

test('CreateTweet: post, reply and quote', () => {
  assert.deepEqual(describe('POST', gql('CreateTweet'), body({ tweet_text: 'hi' })), { guarded: true, operation: 'CreateTweet', action: 'post', texts: ['hi'], batch: null, inReplyTo: null });
  assert.equal(describe('POST', gql('CreateTweet'), body({ tweet_text: 'hi', reply: { in_reply_to_tweet_id: '1', exclude_reply_user_ids: [] } })).action, 'reply');
  assert.equal(describe('POST', gql('CreateTweet'), body({ tweet_text: 'hi', attachment_url: 'https://twitter.com/i/status/1' })).action, 'quote');
});

test('a thread\'s posts say where they stand: the first, then each a reply to the post before', () => {
  const first = describe('POST', gql('CreateTweet'), body({ tweet_text: 'one', batch_compose: 'BatchFirst' }));
  assert.deepEqual([first.action, first.batch, first.inReplyTo], ['post', 'first', null]);
  const next = describe('POST', gql('CreateTweet'), body({ tweet_text: 'two', batch_compose: 'BatchSubsequent', reply: { in_reply_to_tweet_id: '19', exclude_reply_user_ids: [] } }));
  assert.deepEqual([next.action, next.batch, next.inReplyTo], ['post', 'subsequent', '19']);
  const replyThread = describe('POST', gql('CreateTweet'), body({ tweet_text: 'one', batch_compose: 'BatchFirst', reply: { in_reply_to_tweet_id: '7' } }));
  assert.deepEqual([replyThread.action, replyThread.batch, replyThread.inReplyTo], ['reply', 'first', '7']);
  assert.equal(describe('POST', gql('CreateTweet'), body({ tweet_text: 'odd', batch_compose: 'Other' })).batch, null);
});

test('long posts, scheduled posts and DMs', () => {
  assert.deepEqual(describe('POST', gql('CreateNoteTweet'), body({ tweet_text: 'long' })).texts, ['long']);
  assert.deepEqual(describe('POST', gql('CreateScheduledTweet'), body({ post_tweet_request: { status: 'later' }, execute_at: 1900000000 })),
    { guarded: true, operation: 'CreateScheduledTweet', action: 'schedule', texts: ['later'], scheduledAt: '2030-03-17T17:46:40Z' });
  assert.equal(describe('POST', gql('CreateScheduledTweet'), body({ post_tweet_request: { status: 'later' }, execute_at: '1900000000' })).scheduledAt, '2030-03-17T17:46:40Z');
  assert.deepEqual(describe('POST', 'https://x.com/i/api/1.1/dm/new2.json', JSON.stringify({ text: 'psst', conversation_id: '1-2' })),
    { guarded: true, operation: 'new2.json', action: 'dm', texts: ['psst'] });
  assert.deepEqual(describe('POST', 'https://x.com/i/api/1.1/dm/new2.json', 'text=form+encoded&conversation_id=1-2').texts, ['form encoded']);
  assert.deepEqual(describe('POST', gql('useSendMessageMutation'), body({ message: { text: { text: 'new dm' } } })).texts, ['new dm']);
});

test('a scheduled post without a readable time is held: the host must judge the time it goes out', () => {
  for (const executeAt of [undefined, null, 'soon', -5, 1.5, 1e15, '']) {
    assert.deepEqual(describe('POST', gql('CreateScheduledTweet'), body({ post_tweet_request: { status: 'later' }, execute_at: executeAt })),
      { guarded: true, operation: 'CreateScheduledTweet', unreadable: true }, String(executeAt));
  }
});

test('engagement calls are guarded with no text', () => {
  assert.equal(describe('POST', gql('CreateRetweet'), body({ tweet_id: '1' })).action, 'repost');
  assert.equal(describe('POST', gql('FavoriteTweet'), body({ tweet_id: '1' })).action, 'like');
  assert.equal(describe('POST', 'https://x.com/i/api/1.1/friendships/create.json', 'user_id=1').action, 'follow');
});

test('a guarded operation whose text cannot be read is reported unreadable (held)', () => {
  assert.equal(describe('POST', gql('CreateTweet'), 'not json').unreadable, true);
  assert.equal(describe('POST', gql('CreateTweet'), body({ text_missing: true })).unreadable, true);
  assert.equal(describe('POST', gql('CreateTweet'), null).unreadable, true);
});

test('an operation X adds later is guarded when it carries a post\'s text', () => {
  assert.deepEqual(describe('POST', gql('CreateTweetV2'), body({ post: { tweet_text: 'new composer' } })).texts, ['new composer']);
  assert.equal(describe('POST', gql('SomeNewMutation'), body({ status: 'hi' })).guarded, true);
  assert.equal(describe('POST', gql('DeleteTweet'), body({ tweet_id: '1' })).guarded, false);
});

test('reads and other calls pass', () => {
  assert.equal(describe('GET', gql('CreateTweet'), null).guarded, false);
  assert.equal(describe('POST', 'https://x.com/i/api/1.1/jot/client_event.json', 'x=1').guarded, false);
});
