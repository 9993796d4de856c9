// The service worker: wires the browser to the guard service. Every listener is registered
// synchronously at top level; nothing is kept in globals that must survive a worker restart
// (the native port is reopened on demand, state lives in chrome.storage).
import '../common/browser_api.js';
import '../common/client_colour.js';
import { X_URL_PATTERNS } from './account.js';
import { createGuardService } from './guard_service.js';
import { NativeClient } from './native_client.js';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.js';

const WORK_AS_RULES = ['wrong_account', 'work_as_required', 'work_as_unreadable'];
const api = globalThis.handleguardBrowser;
const { clientColour } = globalThis.handleguard;

let managed = resolveSettings({});
const client = new NativeClient({
  connect: () => api.connectNative(managed.settings.nativeHostName ?? DEFAULT_SETTINGS.nativeHostName),
  timeoutMs: DEFAULT_SETTINGS.hostTimeoutMs,
});

// IT's managed settings (managed_schema.json): every message waits for them, so no request
// reaches a host before the host name and timeout IT chose are in force.
const settingsReady = api.managedSettings().then((raw) => {
  managed = resolveSettings(raw);
  client.timeoutMs = managed.settings.hostTimeoutMs;
  for (const { name, expected } of managed.ignored) console.warn(`handleguard: managed setting ${name} ignored: expected ${expected}`);
});

const tellTabs = () => api.broadcastToTabs(X_URL_PATTERNS, { what: 'accountChanged' }).catch((error) =>
  console.warn('handleguard: could not tell tabs to look again:', error?.message ?? error));

const service = createGuardService({
  client,
  readCookie: (url, name) => api.cookie(url, name),
  extensionId: api.extensionId,
  extensionOrigin: api.extensionUrl(''),
  onHostState: (state) => {
    api.sessionStore.set('hostState', { ...state, at: Date.now() }).catch(() => undefined);
  },
  settings: () => managed,
  onWorkAsChanged: tellTabs,
  readRecent: async () => ({ lastAccount: (await api.sessionStore.get('lastAccount')) ?? null }),
  onResult: ({ tabId, result }) => {
    const account = result.identity?.status === 'managed' ? result.identity.account : null;
    // Logged in as a managed account, but not the one declared as work-as: posts are held there.
    const declared = result.workAs?.workAs?.handle ?? null;
    const notDeclared = (declared !== null && account !== null && declared.toLowerCase() !== account.handle.toLowerCase()) ||
      (result.violations ?? []).some((v) => WORK_AS_RULES.includes(v.rule));
    api.setBadge(notDeclared
      ? { tabId, text: '!', color: '#c0161f', title: api.t('badgeWorkAs') }
      : account
      ? { tabId, text: account.handle.slice(0, 4), color: /^#[0-9a-fA-F]{6}$/.test(account.colour ?? '') ? account.colour : clientColour(account.client), title: `@${account.handle} · ${account.client}` }
      : { tabId, text: '!', color: '#c0161f', title: api.t('badgeHeld') });
    const summary = {
      at: Date.now(),
      handle: account?.handle ?? result.account?.handle ?? null,
      userId: result.account?.userId ?? null,
      client: account?.client ?? null,
      kind: account?.kind ?? null,
      status: result.identity?.status ?? result.problem?.code ?? result.account?.problem?.code ?? 'unknown',
    };
    api.sessionStore.set('lastAccount', summary).catch(() => undefined);
  },
});

api.onMessage(async (message, sender) => {
  await settingsReady;
  return service.handle(message, sender);
});

// The account switcher changes twid without a reload: tell every X tab to look again.
api.onCookieChanged(({ name, domain }) => {
  if (name !== 'twid' || !/(^|\.)(x|twitter)\.com$/.test(domain)) return;
  tellTabs();
});
