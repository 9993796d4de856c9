// Issue 6 items 2, 5 and 7: the network guard in the page's own world holds every publishing
// request that no approval covers, page scripts cannot forge an approval, approvals are bound
// to exact text and used once, on every X origin, and the background stopped mid-session does
// not lose the guard. Written against the browser driver, so
// network_guard.test.mjs runs it in Chromium and firefox_network_guard.test.mjs in Firefox ESR.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createReplica } from '../replica/replica.mjs';
import { ACCOUNTS, ACME } from '../support/fixtures.mjs';
import { hostPids, waitFor } from '../support/guarded_browser.mjs';
import { useGuardedBrowser } from '../support/guarded_suite.mjs';

// Registers the tests in `browserName` ('chromium' or 'firefox'); returns handles for tests
// of one browser only: the replica, and getters of the started browser and the user session.
export function networkGuard(browserName) {
  const replica = createReplica({ accounts: ACCOUNTS });
  let browser;
  let driver;
  let user;
  useGuardedBrowser({ browser: browserName, replica }, (started) => ({ browser, driver, user } = started));

  // Runs in the page's own world, like a composer X might add tomorrow: posts `text` with fetch
  // or XHR and resolves what the page saw ('sent' or the error).
  function postFromPage(text, via = 'fetch', origin = '') {
    return driver.evaluate(([body, how, base]) => {
      const url = `${base}/i/api/graphql/nEwQu3ry1d/CreateTweet`;
      const payload = JSON.stringify({ variables: { tweet_text: body, media: { media_entities: [] } }, features: {}, queryId: 'nEwQu3ry1d' });
      if (how === 'fetch') return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload }).then(() => 'sent', (e) => String(e));
      if (how === 'request') return fetch(new Request(url, { method: 'POST', body: payload })).then(() => 'sent', (e) => String(e));
      return new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', url);
        xhr.onload = () => resolve('sent');
        xhr.onerror = () => resolve('error');
        xhr.send(payload);
      });
    }, [text, via, origin]);
  }

  test(`${browserName}: a composer the DOM guard does not know: held and judged on its actual payload`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    for (const via of ['fetch', 'request', 'xhr']) {
      const before = replica.published().length;
      const outcome = postFromPage(`A cheap trick via ${via}`, via);
      assert.match(await user.dialog(), /"cheap" is banned/);
      await driver.clickGuardButton('Edit post');
      assert.match(await outcome, via === 'xhr' ? /^error$/ : /held by handleguard/);
      assert.equal(replica.published().length, before, `nothing sent via ${via}`);
    }
    const [sent] = await user.publishes(() => postFromPage('A fair trick', 'xhr'));
    assert.equal(sent.body.variables.tweet_text, 'A fair trick');
  });

  test(`${browserName}: a page script cannot forge an approval`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    const before = replica.published().length;
    const attempt = await driver.evaluate(async () => {
      const seen = { port: false, messages: 0 };
      const fake = new MessageChannel();
      // 1. Ask for the guard's channel, as the isolated world would.
      document.addEventListener('handleguard:port', (event) => { if (event.ports[0] !== fake.port2) seen.port = true; }, true);
      document.dispatchEvent(new CustomEvent('handleguard:hello'));
      // 2. Offer the isolated world a port of our own, and listen on it for requests.
      fake.port1.onmessage = () => { seen.messages += 1; };
      document.dispatchEvent(new MessageEvent('handleguard:port', { ports: [fake.port2] }));
      // 3. Replace the built-ins the guard might use to read its answers, and shout releases.
      Object.defineProperty(MessageEvent.prototype, 'data', { get: () => ({ id: 1, release: true }), configurable: true });
      MessagePort.prototype.postMessage = function postMessage() {};
      const originalApply = Reflect.apply;
      Reflect.apply = (fn, self, args) => (args?.[0]?.release !== undefined ? true : originalApply(fn, self, args));
      for (let id = 0; id < 20; id += 1) {
        window.postMessage({ id, release: true }, '*');
        document.dispatchEvent(new CustomEvent('handleguard:answer', { detail: { id, release: true } }));
      }
      // 4. With all of that in place, post through X's usual XHR path.
      window.forgedOutcome = new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', '/i/api/graphql/nEwQu3ry1d/CreateTweet');
        xhr.onload = () => resolve('sent');
        xhr.onerror = () => resolve('error');
        xhr.send(JSON.stringify({ variables: { tweet_text: 'Forged and cheap' }, queryId: 'nEwQu3ry1d' }));
      });
      window.restoreBuiltins = () => { Reflect.apply = originalApply; };
      return { ...seen };
    });
    assert.match(await user.dialog(), /"cheap" is banned/);
    await driver.clickGuardButton('Edit post');
    assert.equal(await driver.evaluate(() => window.forgedOutcome), 'error');
    await driver.evaluate(() => window.restoreBuiltins());
    assert.deepEqual(attempt, { port: false, messages: 0 }, 'the page got no channel and no request');
    assert.equal(replica.published().length, before, 'nothing reached x.com');
  });

  test(`${browserName}: an approval is used once: the same text sent again needs a new verdict`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    await user.type('[data-testid="tweetTextarea_0"]', 'We guarantee it');
    await driver.click('[data-testid="tweetButtonInline"]');
    assert.match(await user.dialog(), /Check before posting/);
    const [sent] = await user.publishes(() => driver.clickGuardButton('Post anyway'));
    assert.equal(sent.body.variables.tweet_text, 'We guarantee it');
    // A page script replays the confirmed text.
    const before = replica.published().length;
    const replay = postFromPage('We guarantee it', 'xhr');
    assert.match(await user.dialog(), /Check before posting/);
    await driver.clickGuardButton('Edit post');
    assert.equal(await replay, 'error');
    assert.equal(replica.published().length, before);
  });

  test(`${browserName}: text changed between the verdict and the request is judged again`, { timeout: 60_000 }, async () => {
    replica.configure({ mangleText: ' (now cheap)' }); // the page alters the text after the click
    try {
      await user.open(ACME);
      await user.type('[data-testid="tweetTextarea_0"]', 'Fine words');
      const before = replica.published().length;
      await driver.click('[data-testid="tweetButtonInline"]');
      const dialog = await user.dialog();
      assert.match(dialog, /"cheap" is banned/);
      assert.match(dialog, /Fine words \(now cheap\)/, 'the dialog shows what would really have been sent');
      await driver.clickGuardButton('Edit post');
      assert.equal(replica.published().length, before);
    } finally {
      replica.configure({ mangleText: null });
    }
  });

  for (const origin of ['https://twitter.com', 'https://mobile.x.com', 'https://mobile.twitter.com', 'https://pro.x.com']) {
    test(`${browserName}: ${origin} is guarded too`, { timeout: 60_000 }, async () => {
      const domain = origin.endsWith('twitter.com') ? '.twitter.com' : '.x.com';
      await driver.logIn(ACME.user_id, domain);
      await driver.goto(`${origin}/home`);
      await waitFor(async () => /Posting as @acmecars/.test(await user.banner()), 'the banner');
      const before = replica.published().length;
      const outcome = postFromPage('Cheap on another origin', 'fetch', origin);
      assert.match(await user.dialog(), /"cheap" is banned/);
      await driver.clickGuardButton('Edit post');
      assert.match(await outcome, /held by handleguard/);
      assert.equal(replica.published().length, before);
      const [sent] = await user.publishes(() => postFromPage('Fine on another origin', 'fetch', origin));
      assert.equal(sent.body.variables.tweet_text, 'Fine on another origin');
    });
  }

  // Chromium stops an extension's service worker when idle, on update or crash; Firefox suspends
  // an idle event page. The guard keeps nothing there: the next post starts it again.
  test(`${browserName}: the background stopped mid-session: the next post is still judged and sent`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    const hostBefore = hostPids(browser.home);
    assert.ok(hostBefore.length > 0, 'the background holds a host');
    await driver.stopBackground();
    assert.equal(await driver.backgroundRuns(), false, 'the background stopped');
    await waitFor(() => hostBefore.every((pid) => !hostPids(browser.home).includes(pid)), 'the stopped background\'s host to end');

    await user.type('[data-testid="tweetTextarea_0"]', 'Cheap after a restart');
    assert.match(await user.held(() => driver.click('[data-testid="tweetButtonInline"]')), /"cheap" is banned/);
    await driver.clickGuardButton('Edit post');
    await user.type('[data-testid="tweetTextarea_0"]', 'Fine after a restart');
    const [sent] = await user.publishes(() => driver.click('[data-testid="tweetButtonInline"]'));
    assert.equal(sent.body.variables.tweet_text, 'Fine after a restart');
    assert.equal(await driver.backgroundRuns(), true, 'a new background runs');
    assert.match(await user.banner(), /Posting as @acmecars/);
  });

  return { replica, browser: () => browser, user: () => user };
}
