// What the service worker answers: account, identify, check, status, retry. Pure logic: the
// native client, the cookie reader and the stores are handed in, so Node tests can drive it
// against the real host. Every answer that could let a post out fails closed.
import { resolveAccount, xOriginOf } from './account.js';

const VERDICTS = new Set(['allow', 'warn', 'block']);
const ACTIONS = new Set(['post', 'reply', 'quote', 'dm', 'schedule', 'repost', 'like', 'follow']);
const MAX_TEXT_CHARS = 100_000;

// Returns a block verdict for a `problem` {code, detail} the guard itself found.
export function heldVerdict(problem, extra = {}) {
  return {
    verdict: 'block',
    violations: [{ rule: problem.code, kind: 'guard', severity: 'block', message: null, span: null }],
    identity: null,
    problem,
    ...extra,
  };
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
  };
}

// `onResult({what, tabId, result})` hears every identify and check answered for a tab (the
// service worker colours the badge and keeps the last verdicts from it).
// `readRecent()` resolves {lastAccount, lastVerdicts} kept by the service worker.
export function createGuardService({ client, readCookie, extensionId, extensionOrigin, onHostState = () => undefined, onResult = () => undefined, readRecent = async () => ({}) }) {
  let lastHello = null;

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

  async function ask(type, fields) {
    try {
      const reply = await client.request(type, fields);
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

  async function identify(origin, signals) {
    const who = await account(origin, signals);
    if (who.problem) return { account: who, identity: null, problem: null };
    const { reply, problem } = await ask('identify', { handle: who.handle ?? '', user_id: who.userId });
    if (problem) return { account: who, identity: null, problem };
    return { account: who, identity: reply.identity ?? null, policy: reply.policy ?? null, problem: null };
  }

  async function check(origin, message) {
    const text = typeof message.text === 'string' ? message.text : null;
    const action = ACTIONS.has(message.action) ? message.action : null;
    if (text === null || action === null || text.length > MAX_TEXT_CHARS) {
      return heldVerdict({ code: 'bad_request', detail: 'the post could not be read' });
    }
    const who = await account(origin, message.signals);
    if (who.problem) return heldVerdict(who.problem, { account: who });
    const { reply, problem } = await ask('check', { handle: who.handle ?? '', user_id: who.userId, text, action });
    if (problem) return heldVerdict(problem, { account: who });
    if (!VERDICTS.has(reply.verdict)) {
      return heldVerdict({ code: 'host_error', detail: `unexpected verdict ${JSON.stringify(reply.verdict)}` }, { account: who });
    }
    const violations = Array.isArray(reply.violations) ? reply.violations.map(cleanViolation).filter(Boolean) : [];
    return {
      verdict: reply.verdict,
      violations,
      identity: reply.identity ?? null,
      account: who,
      policyWarning: typeof reply.policy_warning === 'string' ? reply.policy_warning : null,
      problem: null,
    };
  }

  async function status() {
    const { reply, problem } = await ask('hello', {});
    if (reply) lastHello = { host: reply.host, protocol: reply.protocol, policy: reply.policy };
    return { hello: reply ? lastHello : null, problem: problem ?? null, ...(await readRecent()) };
  }

  // Answers one runtime message; unknown senders and kinds get {failed}.
  async function handle(message, sender) {
    const origin = senderOrigin(sender);
    if (origin === null) return { failed: 'sender not allowed' };
    if (!message || typeof message !== 'object') return { failed: 'not a message' };
    switch (message.what) {
      case 'account':
        return { account: await account(origin, message.signals) };
      case 'identify':
      case 'check': {
        const result = message.what === 'identify' ? await identify(origin, message.signals) : await check(origin, message);
        if (sender.tab) onResult({ what: message.what, tabId: sender.tab.id, action: message.action ?? null, result });
        return result;
      }
      case 'status':
        return status();
      case 'retry':
        client.reset('retry requested');
        return status();
      default:
        return { failed: `unknown message ${JSON.stringify(String(message.what)).slice(0, 40)}` };
    }
  }

  return { handle, account, identify, check, status };
}
