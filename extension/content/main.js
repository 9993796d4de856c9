// The content script's controller (isolated world, document_start): watches who is logged in,
// holds every post at the button, Ctrl/Cmd+Enter and the network, asks the service worker for
// a verdict, lets the user confirm or override where the host allows it, claims the release
// from the host, lets the post out, and reports what became of it (outcomes, protocol.md).
'use strict';
(() => {
  const hg = globalThis.handleguard;
  const api = globalThis.handleguardBrowser;
  if (!hg || !api || hg.started) return;
  hg.started = true;

  const approvals = hg.createApprovalStore();
  const sending = hg.createSendingLog();
  const ui = hg.createGuardUi({ doc: document, t: api.t, onRetry: retry });
  // A little under the page-world guard's own wait for an answer (network_guard.js).
  const PAGE_ANSWER_LIMIT_MS = 115_000;
  // How long a replayed press counts as on its way before X sends its request (X sends on the
  // click itself; a press X ignored must not stop the user's next one for long).
  const PRESS_TO_REQUEST_MS = 5000;
  const NOTICE_MS = 5000;
  let noticeTimer = null;
  // Our own re-dispatched event, during its dispatch only: {target, type, seen} (a post
  // button's click, or one key event on the field whose key we replay).
  let releasing = null;
  let checking = false;
  let threadsReleased = 0;
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
    return { verdict: 'block', violations: [{ rule: problem.code, kind: 'guard', severity: 'block', message: null, span: null }], checkId: null, problem };
  }

  // Asks for the verdict on a post's texts (several for a thread: one `check_thread` request,
  // one verdict for the whole thread, one result per post); returns one result per post, each
  // with its text and index (null for a single post).
  async function judge(texts, action, scheduledAt = null) {
    const signals = hg.readAccountSignals(document);
    if (texts.length === 1) {
      let result = await ask({ what: 'check', signals, text: texts[0], action, scheduledAt });
      if (!result.verdict) result = heldBy(result.problem ?? { code: 'host_error', detail: 'no verdict' });
      if (result.problem) ui.showAccount({ problem: result.problem, account: result.account });
      return [{ ...result, text: texts[0], postIndex: null }];
    }
    const thread = await ask({ what: 'checkThread', signals, texts, action, scheduledAt });
    const posts = Array.isArray(thread.posts) && thread.posts.length === texts.length ? thread.posts : null;
    if (thread.problem) ui.showAccount({ problem: thread.problem, account: thread.account });
    if (!posts) {
      const problem = thread.problem ?? { code: 'host_error', detail: 'no verdict on the thread' };
      return [{ ...heldBy(problem), account: thread.account, text: texts.join('\n\n'), postIndex: null }];
    }
    // A post the guard could not read carries its problem: the whole thread is then a hard block.
    return posts.map((result, index) => ({ ...result, text: texts[index], postIndex: index }));
  }

  // Tells the host what became of the posts of `results` (those it judged). `outcome` is one
  // outcome for all, or a function of each result.
  async function report(results, outcome) {
    const outcomeOf = typeof outcome === 'function' ? outcome : () => outcome;
    await Promise.all(results.filter((result) => result.checkId).map((result) => ask({ what: 'outcome', checkId: result.checkId, outcome: outcomeOf(result) })));
  }

  // A post the user changed after the guard held it (a warning or a block) was `edited`; one
  // that needed nothing from the user, or only the handle typed, was `cancelled`.
  const editedOrCancelled = (result) => (result.verdict === 'warn' || result.verdict === 'block' ? 'edited' : 'cancelled');

  // Reports every approval whose lifetime ended unused: X never sent those posts.
  const reportExpired = () => report(approvals.sweep(), 'cancelled');

  // Asks the host to grant the user's answer for every post that needs it; resolves {ok} or
  // {error} for the dialog.
  async function grant(pending, answer) {
    for (const result of pending) {
      const reply = await ask({ what: 'override', checkId: result.checkId, ...answer });
      if (reply.problem) return { error: hg.problemMessage(api.t, reply.problem) };
      if (reply.granted !== true) return { error: reply.message || api.t('dialogRefused') };
    }
    return { ok: true };
  }

  // Shows the verdicts that hold a post, with the steps the host allows; resolves true once
  // the user's confirmation or override was granted for every post that needed one. Cancel
  // reports the judged posts cancelled, Edit reports them edited (editedOrCancelled) and returns
  // to the post's field.
  async function settle(results, fieldOf = () => null) {
    const steps = hg.nextSteps(results);
    if (steps.kind === 'none') return true;
    const shown = hg.worstOf(results);
    // A thread: the dialog names each post that broke a rule, with its text and rules.
    const thread = results.length > 1 ? results.filter((result) => result.violations.length > 0).map(({ postIndex, text, violations }) => ({ postIndex, text, violations })) : null;
    const choice = await ui.showVerdict({ ...shown, thread, steps }, steps.kind === 'hard' ? null : (answer) => grant(steps.pending, answer));
    if (choice === 'granted') return true;
    if (choice === 'edit') fieldOf(shown.postIndex ?? 0)?.focus(); // at once: the user types next
    // Not awaited: until settle returns, guardComposer ignores a new Post, and a user who
    // presses it again at once must get a verdict, not silence.
    report(results, choice === 'edit' ? editedOrCancelled : 'cancelled');
    return false;
  }

  // Claims the release of every post from the host (`released`, which re-checks rate limits
  // across windows); on a refusal the post stays held, what was claimed is given back, and the
  // dialog says why. Resolves true when every post may leave.
  async function claimRelease(results) {
    for (const [index, result] of results.entries()) {
      const reply = await ask({ what: 'outcome', checkId: result.checkId, outcome: 'released' });
      if (reply.problem || typeof reply.refused === 'string' || reply.counted === undefined) {
        await report(results, 'cancelled');
        const why = reply.refused ?? reply.problem?.detail ?? 'no answer';
        ui.showVerdict({ ...heldBy({ code: 'release_refused', detail: why }), text: result.text, account: result.account, postIndex: results.length > 1 ? index : null });
        return false;
      }
    }
    return true;
  }

  // Dispatches our own event of `type` on `target`: it is untrusted, so `releasing` tells the
  // listeners that this one is ours.
  function dispatchOwn(target, type, dispatch) {
    releasing = { target, type, seen: false };
    try {
      dispatch();
    } finally {
      releasing = null;
    }
    return true;
  }

  // Returns true for our own re-dispatched event, and only for it: the first untrusted event of
  // its type on its target while it is dispatched (our capture listener on window sees it before
  // any page listener can). A page script's event dispatched from a handler inside ours comes
  // later, is not ours, and is stopped like any script's.
  function isOwnEvent(event, target) {
    if (event.isTrusted || releasing === null || releasing.seen) return false;
    if (releasing.target !== target || releasing.type !== event.type) return false;
    releasing.seen = true;
    return true;
  }

  // Replays on `field` the key that submitted from it (keydown and keyup: X may act on either).
  function replayKey(field, key) {
    const View = field.ownerDocument.defaultView;
    for (const type of ['keydown', 'keyup']) {
      dispatchOwn(field, type, () => field.dispatchEvent(new View.KeyboardEvent(type, { ...key, bubbles: true, cancelable: true, composed: true })));
    }
    return true;
  }

  // Clicks `button` for the user; a disabled one is not clicked (X would do nothing).
  const clickOwn = (button) => !hg.isDisabled(button) && dispatchOwn(button, 'click', () => button.click());

  // Presses again, after approval, exactly what the user pressed (`press`, see pressOf) in
  // composer `scope`, whose texts guardComposer has just found equal to the judged ones: the
  // same button, or, when React replaced it while the verdict was on screen, the composer's one
  // post button of the same kind (React redraws buttons often, and a second round for nothing
  // teaches users to click through); for a key, the composer's own post button, or
  // the key itself where the composer has no single one (several, or none yet: XChat draws its
  // send button late). Returns false, pressing nothing, when there is no such button (another
  // might send something else) or it is no longer enabled (a click on it would do nothing).
  function release(press, scope) {
    if (!scope.isConnected) return false;
    const { button, key } = press;
    if (button?.isConnected) return hg.composerScopeOf(button) === scope && clickOwn(button);
    if (button) {
      const same = hg.samePostButton(scope, button);
      return same !== null && clickOwn(same);
    }
    const field = fieldNow(press, scope);
    if (!field) return false;
    const own = hg.composerScopeOf(field) === scope ? hg.ownPostButton(scope) : null;
    if (own) return clickOwn(own);
    return replayKey(field, key);
  }

  // Returns the composer field a key was pressed in, now: the same element, or, when React
  // replaced the text box while the verdict was on screen (it does on a re-render that changes
  // its key, and the dialog takes the focus), the field at the same place of the same composer,
  // whose text guardComposer has just compared with the judged one. Null when there is none.
  function fieldNow({ field, index }, scope) {
    if (field.isConnected && scope.contains(field)) return field;
    return index >= 0 ? hg.composerFields(scope)[index] ?? null : null;
  }

  // Returns what a trusted `event` pressed, for release: {button} for a post button; {field,
  // index, key} for a key that submits from a composer field (`index`: its place among the
  // composer's fields, see fieldNow).
  function pressOf(event, button, field = null) {
    if (button) return { button };
    const { key, code, ctrlKey, metaKey, altKey, shiftKey, keyCode, which } = event;
    const index = hg.composerFields(hg.composerOfField(field)).indexOf(field);
    return { field, index, key: { key, code, ctrlKey, metaKey, altKey, shiftKey, keyCode, which } };
  }

  // Says why a post button that belongs to no composer the guard can find sent nothing.
  function heldWithoutComposer() {
    ui.showVerdict({ ...heldBy({ code: 'no_composer', detail: '' }), text: '' });
  }

  const sendingFrom = (scope) => sending.busy({ texts: hg.composerFields(scope).map(hg.fieldText), action: hg.composerAction(scope, location) });

  // Returns true, stopping nothing itself, when the post composer `scope` holds is already on
  // its way to X (sending.js), and says so in the banner: the user thinks X lost the press.
  function alreadySending(scope) {
    if (!sendingFrom(scope)) return false;
    showSendingNotice();
    return true;
  }

  function showSendingNotice() {
    ui.showNotice(api.t('noticeAlreadySending'));
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => {
      if (!checking) ui.showNotice(null); // not the notice of a check that started meanwhile
    }, NOTICE_MS);
  }

  // A page that changes the text under every verdict is not judged forever: after this many
  // verdicts the user is told and presses Post again.
  const JUDGED_AT_MOST = 3;

  function sameTexts(a, b) {
    return a.length === b.length && a.every((text, i) => text === b[i]);
  }

  // Runs the verdict for the composer `scope` and, when allowed, presses again what the user
  // pressed (`press`, see release). Re-checks when the text or the account changed while the
  // verdict was on screen.
  async function guardComposer(scope, press) {
    if (checking) {
      // The press was stopped: say so, or the user thinks X lost it and presses on. The post
      // in flight is released at most once, by its own verdict.
      ui.showNotice(api.t('noticeStillChecking'));
      return;
    }
    if (alreadySending(scope)) return;
    checking = true;
    try {
      for (let attempt = 0; attempt < JUDGED_AT_MOST; attempt += 1) {
        const fields = hg.composerFields(scope);
        const texts = fields.map(hg.fieldText);
        const action = hg.composerAction(scope, location);
        const results = await judge(texts, action);
        // Edit returns to the field as it is now: React may have replaced the judged one.
        if (!(await settle(results, (index) => hg.composerFields(scope)[index] ?? fields[index]))) return;
        const judged = results[0].account;
        const now = await ask({ what: 'account', signals: hg.readAccountSignals(document) });
        if (now.account?.problem || now.account?.userId !== judged?.userId) {
          // The post was judged for one account and would leave from another: never release it
          // quietly; the user looks at the banner and presses Post again.
          // The page may still show the old handle: name the new account by its user id.
          await report(results, 'cancelled');
          const id = (who) => api.t('userIdLabel', [who?.userId ?? '?']);
          const from = judged?.handle ? `@${judged.handle} (${id(judged)})` : id(judged);
          const to = now.account?.handle && now.account.handle !== judged?.handle ? `@${now.account.handle} (${id(now.account)})` : id(now.account);
          const problem = now.account?.problem ?? { code: 'account_changed', detail: from, to };
          await ui.showVerdict({ ...heldBy(problem), text: texts.join('\n\n'), account: now.account });
          return;
        }
        const textsNow = hg.composerFields(scope).map(hg.fieldText);
        if (!sameTexts(textsNow, texts)) { // edited while the verdict was on screen: judge again
          await report(results, editedOrCancelled);
          continue;
        }
        if (!(await claimRelease(results))) return;
        // Once more after the claim's round trips, with no wait from here to the press: a key
        // or click replayed on a field changed meanwhile would send what nobody judged (XChat's
        // request cannot be read on the wire, so this is its only check).
        if (!sameTexts(hg.composerFields(scope).map(hg.fieldText), texts)) {
          await report(results, editedOrCancelled); // gives the claimed release back
          continue;
        }
        // A thread's posts leave in order, each a reply to the one before (approvals.js).
        const threadKey = texts.length > 1 ? `thread-${(threadsReleased += 1)}` : null;
        for (const [index, text] of texts.entries()) {
          approvals.add({ text, userId: judged.userId, action, checkId: results[index].checkId, thread: threadKey ? { key: threadKey, index } : null, lifetimeMs: now.approvalMs });
        }
        if (!release(press, scope)) {
          for (const result of results) approvals.drop(result.checkId);
          await report(results, 'cancelled');
          await ui.showVerdict({ ...heldBy({ code: 'pressed_control_gone', detail: '' }), text: texts.join('\n\n'), account: judged });
          return;
        }
        sending.begin({ texts, action, checkIds: results.map((result) => result.checkId), lifetimeMs: PRESS_TO_REQUEST_MS });
        // A post X never sent (its approval unused when it expires) did not go out: give its count back.
        setTimeout(reportExpired, Math.min(now.approvalMs ?? hg.APPROVAL_TTL_MS, hg.APPROVAL_TTL_MS) + 1000);
        return;
      }
      const textsNow = hg.composerFields(scope).map(hg.fieldText);
      await ui.showVerdict({ ...heldBy({ code: 'text_kept_changing', detail: '' }), text: textsNow.join('\n\n') });
    } finally {
      checking = false;
      ui.showNotice(null);
    }
  }

  function stop(event) {
    event.stopImmediatePropagation();
    event.preventDefault();
  }

  // A scheduled post is judged on the wire, where its time is (`execute_at`), so the host judges
  // it at the time it goes out: the schedule composer's own click goes to X, and the network
  // guard holds the request. Only while that guard is connected; without it, hold here.
  const judgedOnTheWire = (scope) => hg.pagePort !== undefined && hg.composerAction(scope, location) === 'schedule';

  // Capture phase on window: runs before X's handlers, which React delegates to the root.
  function onClick(event) {
    const button = hg.postButtonOf(event.target);
    if (!button) return;
    if (isOwnEvent(event, button)) return; // our own release
    if (!event.isTrusted) return stop(event); // a script's click never posts
    const scope = hg.composerScopeOf(button);
    if (scope && judgedOnTheWire(scope) && !alreadySending(scope)) return undefined;
    stop(event);
    if (hg.isDisabled(button)) return undefined;
    if (scope) guardComposer(scope, pressOf(event, button));
    else heldWithoutComposer();
    return undefined;
  }

  // Enter or Space on a focused post button: a <div role="button"> posts from the keys alone
  // (no click follows), and XChat's wire carries no text the network guard could judge.
  function onButtonKey(event, button) {
    if (!event.isTrusted) return stop(event); // a script's key never posts
    const scope = hg.composerScopeOf(button);
    if (scope && judgedOnTheWire(scope) && !(event.type === 'keydown' ? alreadySending(scope) : sendingFrom(scope))) return undefined;
    stop(event);
    if (event.type !== 'keydown' || hg.isDisabled(button)) return undefined;
    if (scope) guardComposer(scope, pressOf(event, button));
    else heldWithoutComposer();
    return undefined;
  }

  // Keyup too: a button or composer that acts on the key's release must not see the end of a
  // press whose keydown the guard took (XChat's "Enter sends" may mean either edge, and its
  // wire is unreadable). The keydown asked for the verdict; this only stops.
  function onKeyUp(event) {
    const button = hg.isPressKey(event) ? hg.postButtonOf(event.target) : null;
    if (button) return onButtonKey(event, button);
    const field = event.key === 'Enter' ? hg.composerFieldOf(event.target) : null;
    if (!field || !hg.isSubmitKey(event, field) || isOwnEvent(event, field)) return undefined;
    const scope = hg.composerScopeOf(field);
    if (!(event.isTrusted && scope && judgedOnTheWire(scope) && !sendingFrom(scope))) stop(event);
    return undefined;
  }

  function onKeyDown(event) {
    const button = hg.isPressKey(event) ? hg.postButtonOf(event.target) : null;
    if (button) return onButtonKey(event, button);
    if (event.key !== 'Enter') return undefined;
    const field = hg.composerFieldOf(event.target);
    if (!field || !hg.isSubmitKey(event, field) || isOwnEvent(event, field)) return undefined;
    const scope = hg.composerScopeOf(field);
    if (event.isTrusted && scope && judgedOnTheWire(scope)) {
      if (!alreadySending(scope)) return undefined;
      return stop(event);
    }
    stop(event);
    // A field X shows no post button beside yet is judged all the same: its text is there.
    if (event.isTrusted) guardComposer(scope ?? hg.composerOfField(field), pressOf(event, null, field));
    return undefined;
  }

  // Decides on one request the page-world guard holds: released for a matching approval,
  // else checked on its actual payload. Resolves {release, checkIds, operation} (the verdicts
  // to report posted or failed once X answers).
  async function decideRequest({ method, url, body }) {
    const request = hg.describeRequest(method, url, body);
    if (!request.guarded) return { release: true, checkIds: [] };
    if (!request.unreadable && sending.busy(request, { onWire: true })) {
      // The same post is being decided or is out to X already: a second press (X left its
      // button enabled). Held unjudged: the first one decides.
      showSendingNotice();
      return { release: false, checkIds: [] };
    }
    const onWire = request.unreadable ? null : sending.begin({ texts: request.texts, action: request.action, onWire: true, lifetimeMs: hg.APPROVAL_TTL_MS });
    try {
      const decided = await decideGuarded(request);
      return { ...decided, operation: request.operation, onWire };
    } catch (error) {
      sending.end(onWire);
      throw error;
    }
  }

  async function decideGuarded(request) {
    if (request.unreadable) {
      ui.showVerdict({ ...heldBy({ code: 'unreadable_request', detail: request.operation }), text: '' });
      return { release: false, checkIds: [] };
    }
    const now = await ask({ what: 'account', signals: hg.readAccountSignals(document) });
    const userId = now.account && !now.account.problem ? now.account.userId : null;
    const checkIds = [];
    const unapproved = request.texts.filter((text) => {
      const approval = userId && !request.scheduledAt ? approvals.take({ text, userId, action: request.action, batch: request.batch ?? null, inReplyTo: request.inReplyTo ?? null }) : null;
      if (approval?.checkId) {
        checkIds.push(approval.checkId);
        sending.handedOver(approval.checkId);
      }
      return !approval;
    });
    if (unapproved.length === 0) return { release: true, checkIds };
    const results = await judge(unapproved, request.action, request.scheduledAt ?? null);
    if (!(await settle(results)) || !(await claimRelease(results))) {
      // Whatever this request had approved is not going out either.
      await Promise.all(checkIds.map((checkId) => ask({ what: 'outcome', checkId, outcome: 'cancelled' })));
      return { release: false, checkIds: [] };
    }
    return { release: true, checkIds: [...checkIds, ...results.map((result) => result.checkId)] };
  }

  document.addEventListener('handleguard:port', (event) => {
    const port = event.ports?.[0];
    if (hg.pagePort || !port) return; // the first port, handed over before page scripts ran
    hg.pagePort = port;
    const sent = new Map(); // request id → {checkIds of the posts it carries, operation}
    port.onmessage = async (message) => {
      const data = message.data ?? {};
      if (data.done === true) { // X answered a request the guard released
        const { checkIds = [], operation = '', onWire = null } = sent.get(data.id) ?? {};
        sent.delete(data.id);
        sending.end(onWire); // at once: a press that follows X's answer is a new post
        const { outcome, detail, createdId } = hg.answerOutcome(operation, data.status, data.body);
        // At once, before anything is awaited: a thread's next post replies to this one.
        if (createdId) for (const checkId of checkIds) approvals.posted(checkId, createdId);
        await Promise.all(checkIds.map((checkId) => ask({ what: 'outcome', checkId, outcome, ...(detail ? { detail } : {}) })));
        return;
      }
      let decision = { release: false, checkIds: [] };
      const asked = Date.now();
      try {
        decision = await decideRequest(data);
      } catch (error) {
        console.error('handleguard: held a request after an error:', error);
      }
      if (decision.release && Date.now() - asked > PAGE_ANSWER_LIMIT_MS) {
        // The page-world guard has given up on this request by now (it fails it after two
        // minutes): releasing it would do nothing, so what was claimed is given back.
        await Promise.all(decision.checkIds.map((checkId) => ask({ what: 'outcome', checkId, outcome: 'cancelled' })));
        decision = { release: false, checkIds: [], onWire: decision.onWire };
      }
      if (!decision.release) sending.end(decision.onWire);
      else if (decision.checkIds.length > 0 || decision.onWire) sent.set(data.id, { checkIds: decision.checkIds, operation: decision.operation, onWire: decision.onWire });
      port.postMessage({ id: data.id, release: decision.release });
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

  // Re-reads the page's account signals when they may have changed (dom_signals.js).
  function signalsMayHaveChanged() {
    const signals = JSON.stringify(hg.readAccountSignals(document));
    if (signals !== lastSignals) {
      lastSignals = signals;
      refreshAccount();
    }
  }

  window.addEventListener('click', onClick, true);
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('keyup', onKeyUp, true);
  api.onMessage((message, sender) => {
    if (sender.id !== api.extensionId || message?.what !== 'accountChanged') return { ignored: true };
    // An approval never crosses an account switch (nor a new work-as declaration).
    const dropped = approvals.clear().filter((approval) => approval.checkId);
    if (dropped.length > 0) report(dropped, 'cancelled');
    refreshAccount();
    return { ok: true };
  });

  function start() {
    lastSignals = JSON.stringify(hg.readAccountSignals(document));
    refreshAccount();
    hg.watchAccountSignals(document, signalsMayHaveChanged);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();
