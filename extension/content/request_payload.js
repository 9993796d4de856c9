// Reads what a request the network guard held would publish: which action, from which text.
// Runs in the isolated world on the body the page-world guard forwarded. Anything it cannot
// read on a guarded operation is reported as unreadable, which holds the request.
'use strict';
(() => {
  const hg = (globalThis.handleguard ??= {});

  const GRAPHQL = /\/graphql\/[A-Za-z0-9_-]+\/([A-Za-z][A-Za-z0-9_]*)$/;
  // Operation name → how to read it. `texts` returns the texts it publishes.
  const OPERATIONS = {
    CreateTweet: { action: tweetAction, texts: (v) => [v?.tweet_text] },
    CreateNoteTweet: { action: tweetAction, texts: (v) => [v?.tweet_text] },
    CreateScheduledTweet: { action: () => 'schedule', texts: (v) => [v?.post_tweet_request?.status] },
    CreateRetweet: { action: () => 'repost', texts: () => [''] },
    FavoriteTweet: { action: () => 'like', texts: () => [''] },
    useSendMessageMutation: { action: () => 'dm', texts: (v) => [v?.message?.text?.text] },
  };
  const REST = [
    { path: /\/1\.1\/dm\/new2?\.json$/, action: 'dm', field: 'text' },
    { path: /\/1\.1\/statuses\/update\.json$/, action: 'post', field: 'status' },
    { path: /\/1\.1\/friendships\/create\.json$/, action: 'follow', field: null },
    { path: /\/1\.1\/favorites\/create\.json$/, action: 'like', field: null },
    { path: /\/1\.1\/statuses\/retweet\/\d+\.json$/, action: 'repost', field: null },
  ];
  // Names of fields that carry a post's text in operations the guard does not know yet.
  const TEXT_FIELDS = ['tweet_text', 'status', 'text'];

  // Returns `seconds` since 1970 (a number or a string of digits, as X sends `execute_at`) as
  // ISO 8601 UTC without fractions, or null.
  function isoTimeOf(seconds) {
    const value = typeof seconds === 'string' && /^\d{1,12}$/.test(seconds) ? Number(seconds) : seconds;
    if (!Number.isInteger(value) || value <= 0 || value > 253_402_300_799) return null;
    return new Date(value * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  function tweetAction(variables) {
    if (variables?.batch_compose === 'BatchSubsequent') return 'post'; // the rest of a thread
    if (variables?.reply?.in_reply_to_tweet_id) return 'reply';
    if (variables?.attachment_url) return 'quote';
    return 'post';
  }

  // Returns where a post stands in a thread: {batch: 'first'|'subsequent'|null, inReplyTo}
  // (X's `batch_compose`; a later post replies to the one created before it).
  function threadPlace(variables) {
    const batch = { BatchFirst: 'first', BatchSubsequent: 'subsequent' }[variables?.batch_compose] ?? null;
    const inReplyTo = variables?.reply?.in_reply_to_tweet_id;
    return { batch, inReplyTo: typeof inReplyTo === 'string' ? inReplyTo : null };
  }

  function parseBody(body) {
    if (typeof body !== 'string') return null;
    const trimmed = body.trim();
    if (trimmed.startsWith('{')) {
      try {
        return JSON.parse(trimmed);
      } catch (error) {
        console.debug('handleguard: request body is not JSON:', error.message);
        return null;
      }
    }
    return Object.fromEntries(new URLSearchParams(trimmed));
  }

  // Returns the first string held under one of TEXT_FIELDS anywhere in `value` (depth-limited).
  function findText(value, depth = 0) {
    if (!value || typeof value !== 'object' || depth > 6) return undefined;
    for (const name of TEXT_FIELDS) if (typeof value[name] === 'string') return value[name];
    for (const inner of Object.values(value)) {
      const found = findText(inner, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  // Returns {guarded:false} for requests that publish nothing, else
  // {guarded:true, operation, action, texts:[...], scheduledAt?, batch?, inReplyTo?} (see
  // threadPlace) or {guarded:true, operation, unreadable:true}.
  function describeRequest(method, url, body) {
    if (String(method).toUpperCase() !== 'POST') return { guarded: false };
    let path;
    try {
      path = new URL(url, 'https://x.com/').pathname;
    } catch (error) {
      return { guarded: true, operation: 'unknown', unreadable: true, why: error.message };
    }
    const graphql = GRAPHQL.exec(path);
    if (graphql) {
      const operation = graphql[1];
      const known = OPERATIONS[operation];
      const parsed = parseBody(body);
      if (known) {
        const variables = typeof parsed?.variables === 'string' ? parseBody(parsed.variables) : parsed?.variables;
        const texts = variables ? known.texts(variables) : [undefined];
        if (!variables || texts.some((text) => typeof text !== 'string')) return { guarded: true, operation, unreadable: true };
        if (operation === 'CreateTweet' || operation === 'CreateNoteTweet') return { guarded: true, operation, action: known.action(variables), texts, ...threadPlace(variables) };
        if (operation !== 'CreateScheduledTweet') return { guarded: true, operation, action: known.action(variables), texts };
        // A scheduled post is judged at the time it goes out: without a readable time it is held.
        const scheduledAt = isoTimeOf(variables.execute_at);
        if (scheduledAt === null) return { guarded: true, operation, unreadable: true };
        return { guarded: true, operation, action: 'schedule', texts, scheduledAt };
      }
      // An operation the guard does not know: guard it if it carries a post's text.
      const text = findText(parsed);
      return text === undefined ? { guarded: false } : { guarded: true, operation, action: 'post', texts: [text] };
    }
    const rest = REST.find((entry) => entry.path.test(path));
    if (!rest) return { guarded: false };
    const operation = path.split('/').pop();
    if (rest.field === null) return { guarded: true, operation, action: rest.action, texts: [''] };
    const parsed = parseBody(body);
    const text = parsed?.[rest.field];
    if (typeof text !== 'string') return { guarded: true, operation, unreadable: true };
    return { guarded: true, operation, action: rest.action, texts: [text] };
  }

  const CREATED = {
    CreateTweet: (data) => data?.create_tweet?.tweet_results?.result?.rest_id,
    CreateNoteTweet: (data) => data?.notetweet_create?.tweet_results?.result?.rest_id,
  };
  const MAX_DETAIL_CHARS = 500;

  // Returns what became of a released request of `operation` from X's answer: {outcome:
  // 'posted'|'failed', detail?, createdId?}. Only a 2xx status can be posted, and X answers 200
  // with an `errors` list to many refusals (a duplicate post, a rate limit, a suspended
  // account): with errors and nothing created, the post failed, in X's words.
  function answerOutcome(operation, status, body) {
    if (!Number.isInteger(status) || status < 200 || status >= 300) {
      return { outcome: 'failed', detail: status === 0 || !Number.isInteger(status) ? 'no answer from X (network error)' : `HTTP ${status}` };
    }
    let answer = null;
    try {
      answer = typeof body === 'string' && body.trim() !== '' ? JSON.parse(body) : null;
    } catch (error) {
      console.debug('handleguard: X answered a post with something else than JSON:', error.message);
    }
    const createdId = CREATED[operation]?.(answer?.data);
    const created = typeof createdId === 'string' && createdId !== '';
    const errors = Array.isArray(answer?.errors) ? answer.errors : [];
    const madeSomething = created || (!(operation in CREATED) && Object.values(answer?.data ?? {}).some((value) => value !== null && value !== undefined));
    if (errors.length > 0 && !madeSomething) {
      const words = errors.map((error) => {
        const message = typeof error?.message === 'string' ? error.message : 'error';
        return Number.isInteger(error?.code) ? `${message} (${error.code})` : message;
      });
      return { outcome: 'failed', detail: words.join('; ').slice(0, MAX_DETAIL_CHARS) };
    }
    return created ? { outcome: 'posted', createdId } : { outcome: 'posted' };
  }

  Object.assign(hg, { describeRequest, answerOutcome });
})();
