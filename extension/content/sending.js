// Posts on their way to X: a second press of Post or Schedule while the first is still going
// out must not post again (X does not always disable its button, and each press would be
// judged and released on its own). Two stages: a press the guard replayed, until X's request
// takes its approval (X sends at once on the click; a short while at most), and a request on
// the wire, from its arrival until X answers it. Pure logic, unit-tested under Node.
'use strict';
(() => {
  const hg = (globalThis.handleguard ??= {});

  // Actions that publish a post. DMs are left out: the same short message twice is ordinary.
  const POSTING = new Set(['post', 'reply', 'quote', 'schedule']);

  function createSendingLog({ now = () => Date.now() } = {}) {
    let entries = []; // {texts: Set of normalised texts, checkIds, onWire, until}
    const live = () => (entries = entries.filter((entry) => entry.until > now()));

    return {
      // Records that `texts` are on their way as `action` for `lifetimeMs` at most (or until
      // end); `onWire` for a request, else a replayed press with the verdicts `checkIds`.
      // Returns the entry, or null for an action that publishes no post.
      begin({ texts, action, checkIds = [], onWire = false, lifetimeMs }) {
        if (!POSTING.has(action)) return null;
        const entry = { texts: new Set(texts.map(hg.normalizeText).filter((text) => text !== '')), checkIds, onWire, until: now() + lifetimeMs };
        entries.push(entry);
        return entry;
      },
      end(entry) {
        entries = entries.filter((other) => other !== entry);
      },
      // Ends the replayed press whose approval (verdict `checkId`) a request just took: the
      // request's own entry says from now on whether the post is on its way.
      handedOver(checkId) {
        entries = entries.filter((entry) => entry.onWire || !entry.checkIds.includes(checkId));
      },
      // Returns true when one of `texts`, as `action`, is on its way; `onWire`: as a request.
      busy({ texts, action }, { onWire = false } = {}) {
        if (!POSTING.has(action)) return false;
        const wanted = texts.map(hg.normalizeText).filter((text) => text !== '');
        return live().some((entry) => (entry.onWire || !onWire) && wanted.some((text) => entry.texts.has(text)));
      },
    };
  }

  Object.assign(hg, { createSendingLog });
})();
