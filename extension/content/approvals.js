// Approvals: a verdict lets out exactly the text it was given for, from exactly that account,
// once and for a short while. Shared by the click path and the network guard. A thread's
// approvals are used in order: its first post as the thread's first request, each later post
// only as a reply to the post just created from the one before.
'use strict';
(() => {
  const hg = (globalThis.handleguard ??= {});

  // Returns `text` as compared for approvals: Unicode NFC, LF line ends, NBSP as space, no
  // surrounding white space (the editor and the request body may differ only in these).
  function normalizeText(text) {
    return String(text).normalize('NFC').replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').trim();
  }

  const APPROVAL_TTL_MS = 120_000;

  function createApprovalStore({ now = () => Date.now(), ttlMs = APPROVAL_TTL_MS } = {}) {
    let approvals = []; // expired ones stay until sweep() reports them
    let threads = new Map(); // thread key → ids X gave its posts, by index
    const taken = new Map(); // check id of a thread post sent → {key, index}
    const live = () => {
      const time = now();
      return approvals.filter((approval) => approval.expires > time);
    };
    // A request {batch, inReplyTo} fits an approval's place: a single post is no thread's; a
    // thread's first post is its first; a later post replies to the one created before it.
    const fits = (approval, { action, batch = null, inReplyTo = null }) => {
      if (approval.thread === null) return batch === null && approval.action === action;
      if (approval.thread.index === 0) return batch === 'first' && approval.action === action;
      const before = threads.get(approval.thread.key)?.[approval.thread.index - 1];
      return batch === 'subsequent' && typeof inReplyTo === 'string' && before === inReplyTo;
    };
    const matches = (approval, request) =>
      approval.text === normalizeText(request.text) && approval.userId === request.userId && fits(approval, request);

    return {
      // Records that `text` may leave once from `userId` as `action`; `checkId` names the
      // host's verdict, to report what became of the post. `thread` {key, index} places a
      // post of a thread. `lifetimeMs` shortens its life (IT's approvalSeconds).
      add({ text, userId, action, checkId = null, thread = null, lifetimeMs = ttlMs }) {
        if (typeof userId !== 'string' || userId === '') return;
        if (thread && !threads.has(thread.key)) threads.set(thread.key, []);
        const lifetime = Number.isInteger(lifetimeMs) && lifetimeMs > 0 ? Math.min(lifetimeMs, ttlMs) : ttlMs; // never longer
        approvals.push({ text: normalizeText(text), userId, action, checkId, thread, expires: now() + lifetime });
      },
      // Uses up the approval matching request {text, userId, action, batch, inReplyTo} and
      // returns it; null when there is none. `batch` is X's `batch_compose` ('first',
      // 'subsequent' or null), `inReplyTo` the post a later post of a thread replies to.
      take(request) {
        const found = live().find((approval) => matches(approval, request));
        if (!found) return null;
        approvals.splice(approvals.indexOf(found), 1);
        if (found.thread && found.checkId) taken.set(found.checkId, found.thread);
        return found;
      },
      // Records the id X gave the post of verdict `checkId`: the thread's next post must reply to it.
      posted(checkId, createdId) {
        const place = taken.get(checkId);
        if (!place) return;
        taken.delete(checkId);
        const created = threads.get(place.key);
        if (created) created[place.index] = createdId;
      },
      // Uses up the matching approval; false when there is none.
      consume(request) {
        return this.take(request) !== null;
      },
      // Removes the approvals whose lifetime ended unused and returns them: those posts never
      // went out (the caller reports them cancelled, giving their count back).
      sweep() {
        const time = now();
        const expired = approvals.filter((approval) => approval.expires <= time);
        approvals = approvals.filter((approval) => approval.expires > time);
        const open = new Set(approvals.filter((approval) => approval.thread).map((approval) => approval.thread.key));
        threads = new Map([...threads].filter(([key]) => open.has(key)));
        return expired;
      },
      // Drops the approval of verdict `checkId` (live or expired); true when there was one.
      drop(checkId) {
        const index = approvals.findIndex((approval) => approval.checkId === checkId);
        if (index < 0) return false;
        approvals.splice(index, 1);
        return true;
      },
      // Drops every approval (live or expired) and returns them.
      clear() {
        const dropped = approvals;
        approvals = [];
        threads = new Map();
        taken.clear();
        return dropped;
      },
      get size() {
        return live().length;
      },
    };
  }

  Object.assign(hg, { normalizeText, createApprovalStore, APPROVAL_TTL_MS });
})();
