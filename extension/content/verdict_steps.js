// What the user may do about the verdicts on a post (one verdict per post of a thread), as the
// host offers it: nothing to do, confirm a warning, override a block with a supervisor's
// passphrase, type the account's handle — or nothing at all (a hard block). Pure logic.
'use strict';
(() => {
  const hg = (globalThis.handleguard ??= {});
  const RANK = { allow: 0, warn: 1, block: 2 };

  // Returns whether `result` can leave without the user doing anything.
  const isClear = (result) => result.verdict === 'allow' && result.confirmation?.required !== true && !result.problem && Boolean(result.checkId);

  // Returns {kind, reasonRequired, handle, pending}: `kind` is
  //   'none'       every post may leave as it is;
  //   'confirm'    a warning the user may confirm (with a reason when `reasonRequired`);
  //   'supervisor' a block a supervisor may override (reason and passphrase);
  //   'handle'     only the confirmation step: type `handle` to post;
  //   'hard'       nothing but editing or cancelling (the guard's own problems, rules without
  //                override, a verdict the host did not name);
  // `pending` are the results the user's answer must be granted for. The confirmation step
  // (`handle` non-null) comes on top of 'confirm' and 'supervisor'.
  function nextSteps(results) {
    const pending = results.filter((result) => !isClear(result));
    const hard = { kind: 'hard', reasonRequired: false, handle: null, pending };
    if (pending.length === 0) return { kind: 'none', reasonRequired: false, handle: null, pending };
    if (pending.some((result) => result.problem || !result.checkId || !(result.verdict in RANK))) return hard;
    const held = pending.filter((result) => result.verdict !== 'allow');
    const modes = new Set(held.map((result) => result.override?.mode ?? 'none'));
    if (modes.has('none')) return hard;
    if (held.some((result) => result.verdict === 'block' && result.override.mode !== 'supervisor')) return hard;
    const handles = new Set(pending.filter((result) => result.confirmation?.required).map((result) => result.confirmation.handle));
    if (handles.has(null) || handles.size > 1) return hard; // a step the user could not complete
    const handle = handles.size === 1 ? [...handles][0] : null;
    const kind = modes.has('supervisor') ? 'supervisor' : held.length > 0 ? 'confirm' : 'handle';
    const reasonRequired = kind === 'supervisor' || held.some((result) => result.override.reasonRequired === true);
    return { kind, reasonRequired, handle, pending };
  }

  // Returns the verdict to show for a post: the worst one (block over warn over a confirmation
  // step over allow), the first of equals.
  function worstOf(results) {
    const rank = (result) => (result.problem ? 9 : RANK[result.verdict] * 2 + (result.confirmation?.required ? 1 : 0));
    return results.reduce((worst, result) => (rank(result) > rank(worst) ? result : worst));
  }

  Object.assign(hg, { nextSteps, worstOf });
})();
