// Approvals: a verdict lets out exactly the text it was given for, from exactly that account,
// once and for a short while. Shared by the click path and the network guard.
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
    let approvals = [];
    const live = () => {
      const time = now();
      approvals = approvals.filter((approval) => approval.expires > time);
      return approvals;
    };
    const matches = (approval, { text, userId, action }) =>
      approval.text === normalizeText(text) && approval.userId === userId && approval.action === action;

    return {
      // Records that `text` may leave once from `userId` as `action`; `checkId` names the
      // host's verdict, to report what became of the post.
      add({ text, userId, action, checkId = null }) {
        if (typeof userId !== 'string' || userId === '') return;
        live().push({ text: normalizeText(text), userId, action, checkId, expires: now() + ttlMs });
      },
      // Uses up the matching approval and returns it; null when there is none.
      take(request) {
        const index = live().findIndex((approval) => matches(approval, request));
        if (index < 0) return null;
        return approvals.splice(index, 1)[0];
      },
      // Uses up the matching approval; false when there is none.
      consume(request) {
        return this.take(request) !== null;
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
        return dropped;
      },
      get size() {
        return live().length;
      },
    };
  }

  Object.assign(hg, { normalizeText, createApprovalStore, APPROVAL_TTL_MS });
})();
