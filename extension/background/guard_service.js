// What the service worker answers: account, identify, check, checkThread, override, outcome, workAs,
// workAsSet, status, retry, doctor. Pure logic: the native client, the cookie reader and the stores are
// handed in, so Node tests can drive it against the real host. Every answer that could let a
// post out fails closed.
import { resolveAccount, xOriginOf } from './account.js';

const VERDICTS = new Set(['allow', 'warn', 'block']);
const ACTIONS = new Set(['post', 'reply', 'quote', 'dm', 'schedule', 'repost', 'like', 'follow']);
const MAX_TEXT_CHARS = 100_000;
// A UTF-16 surrogate standing alone (with the u flag a pair is one code point, not matched):
// half a character, which no post can hold and the host refuses to judge.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// Returns whether `text` is a post's text the host can judge.
const isPostText = (text) => typeof text === 'string' && text.length <= MAX_TEXT_CHARS && !LONE_SURROGATE.test(text);
const MAX_THREAD_POSTS = 50; // the host's limit (check_thread)
const CHECK_ID = /^[0-9a-f]{32}$/;
const OUTCOMES = new Set(['released', 'posted', 'cancelled', 'edited', 'failed']);
const MAX_DETAIL_CHARS = 500;
const LAST_VERDICTS = 10;
const OVERRIDE_MODES = new Set(['none', 'confirm', 'supervisor']);
const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
// ISO 8601 with an offset, as the host's `scheduled_at` requires.
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;
const MAX_REASON_CHARS = 2000;
const MAX_PASSPHRASE_CHARS = 1024;
const PASSPHRASE_TIMEOUT_MS = 20_000;
// doctor verifies the whole audit chain, which grows with the log.
const DOCTOR_TIMEOUT_MS = 20_000;
const DOCTOR_STATUSES = new Set(['ok', 'warn', 'fail']);

// Returns a block verdict for a `problem` {code, detail} the guard itself found.
export function heldVerdict(problem, extra = {}) {
  return {
    verdict: 'block',
    violations: [{ rule: problem.code, kind: 'guard', severity: 'block', message: null, span: null, override: NO_OVERRIDE }],
    identity: null,
    checkId: null,
    confirmation: { required: false, handle: null },
    override: NO_OVERRIDE,
    guidelines: null,
    problem,
    ...extra,
  };
}

const NO_OVERRIDE = Object.freeze({ mode: 'none', reasonRequired: false });

// Returns the host's override offer {mode, reason_required} in the page's shape; anything
// malformed offers nothing (the post cannot be released).
function cleanOverride(offer) {
  if (!offer || typeof offer !== 'object' || !OVERRIDE_MODES.has(offer.mode)) return NO_OVERRIDE;
  return { mode: offer.mode, reasonRequired: offer.reason_required === true };
}

// Returns the host's confirmation step {required, handle}; a required step without a readable
// handle is kept required with handle null, which the page cannot satisfy (held).
function cleanConfirmation(confirmation) {
  if (!confirmation || typeof confirmation !== 'object' || confirmation.required !== true) return { required: false, handle: null };
  return { required: true, handle: typeof confirmation.handle === 'string' && HANDLE.test(confirmation.handle) ? confirmation.handle : null };
}

// Keeps the fields of one host violation the page may show; anything malformed is dropped.
function cleanViolation(violation) {
  if (!violation || typeof violation !== 'object') return null;
  const span = Array.isArray(violation.span) && violation.span.length === 2 && violation.span.every(Number.isInteger)
    ? [violation.span[0], violation.span[1]] : null;
  return {
    rule: String(violation.rule ?? ''),
    kind: String(violation.kind ?? ''),
    severity: violation.severity === 'warn' ? 'warn' : 'block',
    message: typeof violation.message === 'string' ? violation.message : '',
    span,
    override: cleanOverride(violation.override),
  };
}

// `onResult({what, tabId, result})` hears every identify and check answered for a tab (the
// service worker colours the badge and keeps the last account from it).
// `readRecent()` resolves {lastAccount} kept by the service worker (the last verdicts come
// from the host's audit log: every window's, surviving restarts).
// `onOutcome({checkId, outcome})` hears what became of each verdict (`refused` when the host
// refused the release). `settings()` returns {settings, managed, ignored} (settings.js); `onWorkAsChanged()` hears a
// declaration made through the picker (the tabs' banners then look again).
export function createGuardService({ client, readCookie, extensionId, extensionOrigin, onHostState = () => undefined, onResult = () => undefined, readRecent = async () => ({}), settings = () => ({ settings: {}, managed: [], ignored: [] }), onWorkAsChanged = () => undefined, onOutcome = () => undefined }) {
  let lastHello = null;
  const managedMinutes = () => settings().managed.includes('workAsMinutes');
  const workAsMinutes = () => settings().settings.workAsMinutes ?? 480;

  // Accepts messages from this extension only: its own pages, or its content scripts on X.
  function senderOrigin(sender) {
    if (!sender || sender.id !== extensionId) return null;
    // The popup and options pages, also when opened in a tab.
    if (typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin)) return 'extension';
    return sender.tab ? xOriginOf(sender.url ?? sender.tab.url ?? '') : null;
  }

  async function account(origin, signals) {
    const cookieUrl = origin === 'extension' ? 'https://x.com/' : `${origin}/`;
    let twid = null;
    try {
      twid = await readCookie(cookieUrl, 'twid');
    } catch (error) {
      console.warn('handleguard: cannot read the twid cookie:', error?.message ?? error);
    }
    return resolveAccount({ twid, signals });
  }

  async function ask(type, fields, slowMs = 0) {
    try {
      const reply = await client.request(type, fields, slowMs);
      onHostState({ ok: true });
      if (reply.ok !== true) {
        const code = typeof reply.error?.code === 'string' ? reply.error.code : 'unknown';
        const message = typeof reply.error?.message === 'string' ? reply.error.message : 'no message';
        return { problem: { code: 'host_error', detail: `${code}: ${message}` } };
      }
      return { reply };
    } catch (error) {
      const problem = { code: error?.code ?? 'host_unavailable', detail: error?.detail ?? String(error?.message ?? error) };
      onHostState({ ok: false, problem });
      return { problem };
    }
  }

  // Returns the work-as state {workAs, required, accounts, osUser, error} or {problem}.
  async function workAs() {
    const { reply, problem } = await ask('work_as_get', {});
    if (problem) return { problem };
    return cleanWorkAs(reply);
  }

  async function identify(origin, signals) {
    const who = await account(origin, signals);
    if (who.problem) return { account: who, identity: null, problem: null };
    const { reply, problem } = await ask('identify', { handle: who.handle ?? '', user_id: who.userId });
    if (problem) return { account: who, identity: null, problem };
    const declared = await workAs();
    return { account: who, identity: reply.identity ?? null, policy: reply.policy ?? null, workAs: declared.problem ? null : declared, problem: null };
  }

  // Reads the draft fields of a check or thread check: {action, scheduledAt} or {held}.
  function draftOf(message) {
    const action = ACTIONS.has(message.action) ? message.action : null;
    if (action === null) return { held: heldVerdict({ code: 'bad_request', detail: 'the post could not be read' }) };
    let scheduledAt = null;
    if (message.scheduledAt !== undefined && message.scheduledAt !== null) {
      if (action !== 'schedule' || typeof message.scheduledAt !== 'string' || !ISO_TIME.test(message.scheduledAt)) {
        return { held: heldVerdict({ code: 'bad_request', detail: 'the scheduled time could not be read' }) };
      }
      scheduledAt = message.scheduledAt;
    }
    return { action, scheduledAt };
  }

  async function check(origin, message) {
    const text = isPostText(message.text) ? message.text : null;
    const draft = draftOf(message);
    if (text === null) return heldVerdict({ code: 'bad_request', detail: 'the post could not be read' });
    if (draft.held) return draft.held;
    const who = await account(origin, message.signals);
    if (who.problem) return heldVerdict(who.problem, { account: who });
    const fields = { handle: who.handle ?? '', user_id: who.userId, text, action: draft.action };
    if (draft.scheduledAt) fields.scheduled_at = draft.scheduledAt;
    const { reply, problem } = await ask('check', fields);
    if (problem) return heldVerdict(problem, { account: who });
    return cleanVerdict(reply, who, draft);
  }

  // Checks a thread as one request (`check_thread`): `texts`, one per post. Resolves {verdict,
  // posts}: the worst verdict, and one verdict per post in order (each with its own check id,
  // saying which post broke which rule); anything the guard cannot read holds every post.
  async function checkThread(origin, message) {
    const texts = Array.isArray(message.texts) ? message.texts : null;
    const draft = draftOf(message);
    const heldThread = (held) => ({ verdict: 'block', posts: [held], problem: held.problem, account: held.account ?? null });
    if (!texts || texts.length < 1 || texts.length > MAX_THREAD_POSTS || !texts.every(isPostText)) {
      return heldThread(heldVerdict({ code: 'bad_request', detail: 'the thread could not be read' }));
    }
    if (draft.held) return heldThread(draft.held);
    const who = await account(origin, message.signals);
    if (who.problem) return heldThread(heldVerdict(who.problem, { account: who }));
    const fields = { handle: who.handle ?? '', user_id: who.userId, action: draft.action, posts: texts.map((text) => ({ text })) };
    if (draft.scheduledAt) fields.scheduled_at = draft.scheduledAt;
    const { reply, problem } = await ask('check_thread', fields);
    if (problem) return heldThread(heldVerdict(problem, { account: who }));
    if (!Array.isArray(reply.posts) || reply.posts.length !== texts.length || !VERDICTS.has(reply.verdict)) {
      return heldThread(heldVerdict({ code: 'host_error', detail: 'the thread\'s verdict does not match its posts' }, { account: who }));
    }
    const posts = reply.posts.map((post) => cleanVerdict(post ?? {}, who, draft));
    const worst = posts.some((post) => post.verdict === 'block') ? 'block' : posts.some((post) => post.verdict === 'warn') ? 'warn' : 'allow';
    return { verdict: worst, posts, problem: posts.find((post) => post.problem)?.problem ?? null, account: who };
  }

  // Returns the host's verdict `reply` on a post in the page's shape; anything malformed holds it.
  function cleanVerdict(reply, who, { action, scheduledAt }) {
    if (!VERDICTS.has(reply.verdict)) {
      return heldVerdict({ code: 'host_error', detail: `unexpected verdict ${JSON.stringify(reply.verdict)}` }, { account: who });
    }
    if (typeof reply.check_id !== 'string' || !CHECK_ID.test(reply.check_id)) {
      return heldVerdict({ code: 'host_error', detail: 'the verdict has no check id' }, { account: who });
    }
    const violations = Array.isArray(reply.violations) ? reply.violations.map(cleanViolation).filter(Boolean) : [];
    return {
      verdict: reply.verdict,
      checkId: reply.check_id,
      violations,
      identity: reply.identity ?? null,
      account: who,
      action,
      scheduledAt,
      at: typeof reply.at === 'string' ? reply.at : null,
      confirmation: cleanConfirmation(reply.confirmation),
      override: reply.verdict === 'allow' ? NO_OVERRIDE : cleanOverride(reply.override),
      guidelines: typeof reply.guidelines === 'string' && reply.guidelines !== '' ? reply.guidelines : null,
      policyWarning: typeof reply.policy_warning === 'string' ? reply.policy_warning : null,
      problem: null,
    };
  }

  // Asks the host to confirm or override verdict `checkId` with what the user typed. Resolves
  // {granted: true} or {granted: false, missing, message}; a host that cannot answer refuses.
  async function override(message) {
    if (typeof message.checkId !== 'string' || !CHECK_ID.test(message.checkId)) return { granted: false, missing: 'none', message: 'no verdict to confirm' };
    const fields = { check_id: message.checkId };
    for (const [from, to, limit] of [['typedHandle', 'typed_handle', 64], ['reason', 'reason', MAX_REASON_CHARS], ['passphrase', 'passphrase', MAX_PASSPHRASE_CHARS]]) {
      const value = message[from];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string' || value.length > limit) return { granted: false, missing: from === 'typedHandle' ? 'typed_handle' : from, message: `${from} is too long` };
      fields[to] = value;
    }
    // Argon2id with the policy's memory cost takes a second or more on a busy machine.
    const { reply, problem } = await ask('override', fields, fields.passphrase ? PASSPHRASE_TIMEOUT_MS : 0);
    if (problem) return { granted: false, missing: 'host', message: problem.detail, problem };
    if (reply.granted === true && reply.check_id === message.checkId) return { granted: true };
    return { granted: false, missing: typeof reply.missing === 'string' ? reply.missing : 'none', message: typeof reply.message === 'string' ? reply.message : 'refused' };
  }

  // Reports what became of verdict `checkId` (`detail`: why, e.g. X's error message for a
  // failed post). Resolves {counted, refused?}; for `released`, a host that cannot answer is a
  // refusal (the post stays held).
  async function outcome(message) {
    if (typeof message.checkId !== 'string' || !CHECK_ID.test(message.checkId) || !OUTCOMES.has(message.outcome)) {
      return { counted: false, refused: 'the outcome could not be read' };
    }
    const fields = { check_id: message.checkId, outcome: message.outcome };
    if (typeof message.detail === 'string' && message.detail !== '') fields.detail = wellFormed(message.detail.slice(0, MAX_DETAIL_CHARS));
    const { reply, problem } = await ask('outcome', fields);
    if (problem) return { counted: false, refused: problem.detail, problem };
    if (reply.check_id !== message.checkId) return { counted: false, refused: 'the host answered for another post' };
    return { counted: reply.counted === true, ...(typeof reply.refused === 'string' ? { refused: reply.refused } : {}) };
  }

  async function setWorkAs(message) {
    const handle = message.handle === null ? null : typeof message.handle === 'string' && HANDLE.test(message.handle.replace(/^@/, '')) ? message.handle.replace(/^@/, '') : undefined;
    if (handle === undefined) return { problem: { code: 'bad_request', detail: 'not an X handle' } };
    const fields = { handle };
    const minutes = workAsMinutes();
    if (handle !== null) fields.minutes = Number.isInteger(message.minutes) && !managedMinutes() ? message.minutes : minutes;
    const { reply, problem } = await ask('work_as_set', fields);
    if (problem) return { problem };
    onWorkAsChanged();
    return cleanWorkAs(reply);
  }

  // Returns the last verdicts of every window of this OS user, from the host's audit log
  // (`last_verdicts`), or {problem}.
  async function lastVerdicts() {
    const { reply, problem } = await ask('last_verdicts', { limit: LAST_VERDICTS });
    if (problem) return { problem };
    return { verdicts: (Array.isArray(reply.verdicts) ? reply.verdicts : []).map(cleanLastVerdict).filter(Boolean) };
  }

  async function status() {
    const { reply, problem } = await ask('hello', {});
    if (reply) lastHello = { host: reply.host, protocol: reply.protocol, policy: reply.policy };
    const declared = reply ? await workAs() : null;
    const recent = reply ? await lastVerdicts() : null;
    const { settings: inForce, managed, ignored } = settings();
    return {
      hello: reply ? lastHello : null,
      problem: problem ?? null,
      workAs: declared && !declared.problem ? declared : null,
      settings: { ...inForce, managed, ignored, workAsMinutesFixed: managedMinutes() },
      lastVerdicts: recent?.verdicts ?? [],
      lastVerdictsProblem: recent?.problem ?? null,
      ...(await readRecent()),
    };
  }

  // The host's own checks for this browser (those of `handleguard doctor`). Resolves
  // {ok, checks: [{status, subject, message, fix}]} or {problem}.
  async function doctor() {
    const { reply, problem } = await ask('doctor', {}, DOCTOR_TIMEOUT_MS);
    if (problem) return { problem };
    return cleanDoctor(reply.doctor) ?? { problem: { code: 'host_error', detail: 'the host\'s checks could not be read' } };
  }

  // Answers one runtime message; unknown senders and kinds get {failed}.
  async function handle(message, sender) {
    const origin = senderOrigin(sender);
    if (origin === null) return { failed: 'sender not allowed' };
    if (!message || typeof message !== 'object') return { failed: 'not a message' };
    switch (message.what) {
      case 'account':
        // With how long an approval may wait to be used (IT may shorten it).
        return { account: await account(origin, message.signals), approvalMs: (settings().settings.approvalSeconds ?? 120) * 1000 };
      case 'identify':
      case 'check': {
        const result = message.what === 'identify' ? await identify(origin, message.signals) : await check(origin, message);
        if (sender.tab) onResult({ what: message.what, tabId: sender.tab.id, action: message.action ?? null, result });
        return result;
      }
      case 'checkThread': {
        const thread = await checkThread(origin, message);
        const violations = thread.posts.flatMap((post) => post.violations);
        if (sender.tab) onResult({ what: 'check', tabId: sender.tab.id, action: message.action ?? null, result: { ...thread.posts[0], violations } });
        return thread;
      }
      case 'override':
        return override(message);
      case 'outcome': {
        const reply = await outcome(message);
        onOutcome({ checkId: message.checkId, outcome: reply.refused ? 'refused' : message.outcome });
        return reply;
      }
      case 'workAs':
        return workAs();
      case 'workAsSet':
        // Declaring is the user's act: only from the extension's own pages, never from a page on X.
        if (origin !== 'extension') return { failed: 'sender not allowed' };
        return setWorkAs(message);
      case 'status':
        return status();
      case 'retry':
        client.reset('retry requested');
        return status();
      case 'doctor':
        // Names files and keys of this machine: for the extension's own pages only.
        if (origin !== 'extension') return { failed: 'sender not allowed' };
        return doctor();
      default:
        return { failed: `unknown message ${JSON.stringify(String(message.what)).slice(0, 40)}` };
    }
  }

  return { handle, account, identify, check, checkThread, status };
}

// Returns `text` with every lone surrogate (a cut emoji) replaced: the host refuses them.
function wellFormed(text) {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

// Returns one entry of the host's `last_verdicts` in the popup's shape, or null when malformed.
function cleanLastVerdict(entry) {
  if (!entry || typeof entry !== 'object' || typeof entry.check_id !== 'string' || !VERDICTS.has(entry.verdict)) return null;
  const text = (value) => (typeof value === 'string' ? value : null);
  const outcome = entry.outcome && typeof entry.outcome === 'object' && typeof entry.outcome.outcome === 'string' ? entry.outcome : null;
  const override = entry.override && typeof entry.override === 'object' && typeof entry.override.type === 'string' ? entry.override : null;
  return {
    checkId: entry.check_id,
    time: text(entry.time),
    handle: text(entry.account),
    action: text(entry.action),
    verdict: entry.verdict,
    rules: Array.isArray(entry.rules) ? entry.rules.filter((rule) => typeof rule === 'string') : [],
    staff: text(entry.staff),
    pid: Number.isInteger(entry.pid) ? entry.pid : null,
    override: override ? { type: override.type, reason: text(override.reason) } : null,
    outcome: outcome ? { outcome: outcome.outcome, detail: text(outcome.detail), time: text(outcome.time) } : null,
  };
}

// Returns the host's doctor checks in the page's shape, or null when they cannot be read. `ok`
// is recomputed from the checks, so a malformed line can only make it false.
function cleanDoctor(report) {
  if (!report || typeof report !== 'object' || !Array.isArray(report.checks)) return null;
  const checks = report.checks.map((check) => ({
    status: DOCTOR_STATUSES.has(check?.status) ? check.status : 'fail',
    subject: String(check?.subject ?? ''),
    message: String(check?.message ?? ''),
    fix: typeof check?.fix === 'string' ? check.fix : '',
  }));
  return { ok: report.ok === true && checks.every((check) => check.status !== 'fail'), checks };
}

// Returns the host's work_as_get/work_as_set reply in the page's shape.
function cleanWorkAs(reply) {
  const current = reply.work_as && typeof reply.work_as === 'object' && typeof reply.work_as.handle === 'string' ? reply.work_as : null;
  const accounts = Array.isArray(reply.accounts) ? reply.accounts.filter((a) => a && typeof a.handle === 'string') : [];
  return {
    workAs: current ? { handle: current.handle, since: String(current.since ?? ''), until: String(current.until ?? '') } : null,
    required: reply.required === true,
    accounts: accounts.map((a) => ({ handle: a.handle, client: String(a.client ?? ''), kind: a.kind === 'personal' ? 'personal' : 'brand', displayName: String(a.display_name ?? '') })),
    osUser: typeof reply.os_user === 'string' ? reply.os_user : null,
    error: typeof reply.error === 'string' ? reply.error : null,
  };
}
