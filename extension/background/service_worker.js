// The service worker: wires the browser to the guard service. Every listener is registered
// synchronously at top level; nothing is kept in globals that must survive a worker restart
// (the native port is reopened on demand, state lives in chrome.storage).
import '../common/browser_api.js';
import { X_URL_PATTERNS } from './account.js';
import { createGuardService } from './guard_service.js';
import { NativeClient } from './native_client.js';

const HOST_NAME = 'org.handleguard.host';
const DEFAULT_TIMEOUT_MS = 2000;
const api = globalThis.handleguardBrowser;

const client = new NativeClient({
  connect: () => api.connectNative(HOST_NAME),
  timeoutMs: DEFAULT_TIMEOUT_MS,
});

// IT may set the host timeout through managed storage (see managed_schema.json).
api.managedSettings().then((settings) => {
  const timeout = Number(settings?.hostTimeoutMs);
  if (Number.isInteger(timeout) && timeout >= 200 && timeout <= 30_000) client.timeoutMs = timeout;
});

const service = createGuardService({
  client,
  readCookie: (url, name) => api.cookie(url, name),
  extensionId: api.extensionId,
  extensionOrigin: api.extensionUrl(''),
  onHostState: (state) => {
    api.sessionStore.set('hostState', { ...state, at: Date.now() }).catch(() => undefined);
  },
});

api.onMessage((message, sender) => service.handle(message, sender));

// The account switcher changes twid without a reload: tell every X tab to look again.
api.onCookieChanged(({ name, domain }) => {
  if (name !== 'twid' || !/(^|\.)(x|twitter)\.com$/.test(domain)) return;
  api.broadcastToTabs(X_URL_PATTERNS, { what: 'accountChanged' }).catch((error) =>
    console.warn('handleguard: could not tell tabs about an account switch:', error?.message ?? error));
});
