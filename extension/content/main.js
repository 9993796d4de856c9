// The content script's controller (isolated world, document_start): watches who is logged in,
// holds every post at the button, Ctrl/Cmd+Enter and the network, asks the service worker for
// a verdict, and lets the post out only when the verdict allows it.
'use strict';
(() => {
  const hg = globalThis.handleguard;
  const api = globalThis.handleguardBrowser;
  if (!hg || !api || hg.started) return;
  hg.started = true;

  const RANK = { allow: 0, warn: 1, block: 2 };
  const approvals = hg.createApprovalStore();
  const ui = hg.createGuardUi({ doc: document, t: api.t, onRetry: retry });
  let releasing = null; // the button our own re-dispatched click targets, during that click only
  let checking = false;
  let lastSignals = '';

  // Sends `message` to the service worker; a dead worker or extension becomes a problem.
  async function ask(message) {
    try {
      const reply = await api.sendMessage(message);
      if (!reply || reply.failed) throw new Error(reply?.failed ?? 'no answer from the extension');
      return reply;
    } catch (error) {
      return { problem: { code: 'extension_unavailable', detail: String(error?.message ?? error) } };
    }
  }

  function heldBy(problem) {
    return { verdict: 'block', violations: [{ rule: problem.code, kind: 'guard', severity: 'block', message: null, span: null }], problem };
  }

  // Checks each text of a post (several for a thread) and returns the worst verdict, with the
  // text and the index of the post it is about.
  async function checkTexts(texts, action) {
    const signals = hg.readAccountSignals(document);
    let worst = null;
    let userId;
    for (const [index, text] of texts.entries()) {
      let result = await ask({ what: 'check', signals, text, action });
      if (!result.verdict) result = heldBy(result.problem ?? { code: 'host_error', detail: 'no verdict' });
      if (result.problem) ui.showAccount({ problem: result.problem, account: result.account });
      const id = result.account?.userId;
      if (userId !== undefined && id !== userId) result = heldBy({ code: 'signals_disagree', detail: 'the account changed during the check' });
      userId = id;
      if (!worst || RANK[result.verdict] > RANK[worst.verdict]) worst = { ...result, text, postIndex: texts.length > 1 ? index : null };
      if (worst.verdict === 'block') break;
    }
    return worst;
  }

  function sameTexts(a, b) {
    return a.length === b.length && a.every((text, i) => text === b[i]);
  }

  // Clicks the composer's post button for the user, after approval. Our click is untrusted, so
  // `releasing` tells onClick that this one is ours.
  function release(scope) {
    const button = hg.postButtonIn(scope);
    if (!button || !button.isConnected) return;
    releasing = button;
    try {
      button.click();
    } finally {
      releasing = null;
    }
  }

  // Runs the verdict for the composer `scope` and releases its post when allowed. Re-checks
  // when the text or the account changed while the verdict was on screen.
  async function guardComposer(scope) {
    if (checking) return;
    checking = true;
    try {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const texts = hg.composerFields(scope).map(hg.fieldText);
        const action = hg.composerAction(scope, location);
        const result = await checkTexts(texts, action);
        if (result.verdict === 'block') {
          await ui.showVerdict(result);
          return;
        }
        if (result.verdict === 'warn' && (await ui.showVerdict(result)) !== 'confirm') return;
        const now = await ask({ what: 'account', signals: hg.readAccountSignals(document) });
        if (now.account?.problem || now.account?.userId !== result.account?.userId) {
          // The post was judged for one account and would leave from another: never release it
          // quietly; the user looks at the banner and presses Post again.
          // The page may still show the old handle: name the new account by its user id.
          const id = (who) => api.t('userIdLabel', [who?.userId ?? '?']);
          const from = result.account?.handle ? `@${result.account.handle} (${id(result.account)})` : id(result.account);
          const to = now.account?.handle && now.account.handle !== result.account?.handle ? `@${now.account.handle} (${id(now.account)})` : id(now.account);
          const problem = now.account?.problem ?? { code: 'account_changed', detail: from, to };
          await ui.showVerdict({ ...heldBy(problem), text: texts.join('\n\n'), account: now.account });
          return;
        }
        const textsNow = hg.composerFields(scope).map(hg.fieldText);
        if (!sameTexts(textsNow, texts)) continue; // edited while the verdict was on screen
        for (const text of texts) approvals.add({ text, userId: result.account.userId, action });
        release(scope);
        return;
      }
    } finally {
      checking = false;
    }
  }

  function stop(event) {
    event.stopImmediatePropagation();
    event.preventDefault();
  }

  // Capture phase on window: runs before X's handlers, which React delegates to the root.
  function onClick(event) {
    const button = hg.postButtonOf(event.target);
    if (!button) return;
    if (!event.isTrusted && releasing === button) return; // our own release
    stop(event);
    if (!event.isTrusted) return; // a script's click never posts
    if (hg.isDisabled(button)) return;
    const scope = hg.composerScopeOf(button);
    if (scope) guardComposer(scope);
  }

  function onKeyDown(event) {
    if (event.key !== 'Enter') return;
    const field = hg.composerFieldOf(event.target);
    if (!field || !hg.isSubmitKey(event, field)) return;
    stop(event);
    if (!event.isTrusted) return;
    const scope = hg.composerScopeOf(field);
    if (scope) guardComposer(scope);
  }

  // Decides on one request the page-world guard holds: released for a matching approval,
  // else checked on its actual payload.
  async function decideRequest({ method, url, body }) {
    const request = hg.describeRequest(method, url, body);
    if (!request.guarded) return true;
    if (request.unreadable) {
      ui.showVerdict({ ...heldBy({ code: 'unreadable_request', detail: request.operation }), text: '' });
      return false;
    }
    const now = await ask({ what: 'account', signals: hg.readAccountSignals(document) });
    const userId = now.account && !now.account.problem ? now.account.userId : null;
    const unapproved = request.texts.filter((text) => !(userId && approvals.consume({ text, userId, action: request.action })));
    if (unapproved.length === 0) return true;
    const result = await checkTexts(unapproved, request.action);
    if (result.verdict === 'allow') return true;
    const choice = await ui.showVerdict(result);
    return result.verdict === 'warn' && choice === 'confirm';
  }

  document.addEventListener('handleguard:port', (event) => {
    const port = event.ports?.[0];
    if (hg.pagePort || !port) return; // the first port, handed over before page scripts ran
    hg.pagePort = port;
    port.onmessage = async (message) => {
      const data = message.data ?? {};
      let releaseIt = false;
      try {
        releaseIt = await decideRequest(data);
      } catch (error) {
        console.error('handleguard: held a request after an error:', error);
      }
      port.postMessage({ id: data.id, release: releaseIt });
    };
  }, true);
  document.dispatchEvent(new CustomEvent('handleguard:hello'));

  async function refreshAccount() {
    ui.showAccount(await ask({ what: 'identify', signals: hg.readAccountSignals(document) }));
  }

  async function retry() {
    await ask({ what: 'retry' });
    await refreshAccount();
  }

  // Re-reads the page's account signals when the page changes, at most every 150 ms.
  let scheduled = false;
  function watchSignals() {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      const signals = JSON.stringify(hg.readAccountSignals(document));
      if (signals !== lastSignals) {
        lastSignals = signals;
        refreshAccount();
      }
    }, 150);
  }

  window.addEventListener('click', onClick, true);
  window.addEventListener('keydown', onKeyDown, true);
  api.onMessage((message, sender) => {
    if (sender.id !== api.extensionId || message?.what !== 'accountChanged') return { ignored: true };
    approvals.clear(); // an approval never crosses an account switch
    refreshAccount();
    return { ok: true };
  });

  function start() {
    lastSignals = JSON.stringify(hg.readAccountSignals(document));
    refreshAccount();
    new MutationObserver(watchSignals).observe(document.body ?? document.documentElement, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['data-testid', 'href'],
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();
