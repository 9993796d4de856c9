// Who is logged in: the twid cookie (required) checked against the page's own signals.
// Pure logic; the service worker feeds it the cookie and the content script's readings.

// The X origins the guard covers; the content scripts and host permissions list the same.
export const X_ORIGINS = Object.freeze([
  'https://x.com',
  'https://twitter.com',
  'https://mobile.x.com',
  'https://mobile.twitter.com',
  'https://pro.x.com',
]);
export const X_URL_PATTERNS = Object.freeze(X_ORIGINS.map((origin) => `${origin}/*`));

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const USER_ID = /^[0-9]{1,20}$/;
const SIGNAL_NAMES = Object.freeze(['switcherAvatar', 'switcherText', 'profileLink', 'initialState']);

// Returns the user id held by a twid cookie value (`u%3D<digits>`, sometimes quoted), or null.
export function parseTwid(value) {
  if (typeof value !== 'string' || value.length > 200) return null;
  let decoded;
  try {
    decoded = decodeURIComponent(value.replace(/^"|"$/g, ''));
  } catch (error) {
    console.debug('handleguard: undecodable twid cookie:', error.message);
    return null;
  }
  const match = /^u=([0-9]+)$/.exec(decoded);
  return match && USER_ID.test(match[1]) ? match[1] : null;
}

// Returns the origin of `url` when it is one of X's, else null.
export function xOriginOf(url) {
  try {
    const origin = new URL(url).origin;
    return X_ORIGINS.includes(origin) ? origin : null;
  } catch {
    return null; // not a URL at all: not X
  }
}

// Returns the handle the page state (`pageStateUsers`, {<user id>: <handle>} from
// __INITIAL_STATE__) gives `userId`, or undefined. Only that id's entry: the state is a
// snapshot from page load, and an id it never saw has no say.
function pageStateHandle(signals, userId) {
  const users = signals && typeof signals === 'object' ? signals.pageStateUsers : null;
  if (userId === null || !users || typeof users !== 'object' || !Object.hasOwn(users, userId)) return undefined;
  return users[userId];
}

// Keeps only well-formed handles from the content script's `signals` (input from a page);
// `initialState` is the page state's handle for `userId`.
export function cleanSignals(signals, userId = null) {
  const clean = {};
  for (const name of SIGNAL_NAMES) {
    const value = name === 'initialState' ? pageStateHandle(signals, userId) : signals && typeof signals === 'object' ? signals[name] : undefined;
    clean[name] = typeof value === 'string' && HANDLE.test(value) ? value : null;
  }
  return clean;
}

// Combines the cookie's user id with the page's handle signals (the page state's for that
// id). The result names the account (userId, and handle where the page shows one) or a problem
// that makes it unknown: `no_twid` (no readable cookie) or `signals_disagree` (two page signals
// name different handles).
export function resolveAccount({ twid, signals }) {
  const userId = parseTwid(twid);
  const clean = cleanSignals(signals, userId);
  const shown = SIGNAL_NAMES.filter((name) => clean[name] !== null);
  const handles = [...new Set(shown.map((name) => clean[name].toLowerCase()))];
  const base = { userId, handle: handles.length === 1 ? handles[0] : null, signals: clean, problem: null };
  if (userId === null) {
    return { ...base, problem: { code: 'no_twid', detail: twid === null || twid === undefined ? 'missing' : 'unreadable' } };
  }
  if (handles.length > 1) {
    const detail = shown.map((name) => `${name}=@${clean[name]}`).join(', ');
    return { ...base, problem: { code: 'signals_disagree', detail } };
  }
  return base;
}
