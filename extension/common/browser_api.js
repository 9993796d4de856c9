// The one file that touches the browser's extension API (`chrome.*`, or `browser.*` in Firefox).
// Every other file goes through `globalThis.handleguardBrowser`, so browser differences live
// here and the logic elsewhere runs under Node. Loaded as a classic content script and imported
// for its side effect by the service worker module, so it only assigns a global.
'use strict';
(() => {
  const ext = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
  if (!ext?.runtime) return; // not in an extension context (e.g. a unit test loads the file)

  const lastErrorMessage = () => ext.runtime.lastError?.message ?? '';

  globalThis.handleguardBrowser = Object.freeze({
    extensionId: ext.runtime.id,

    // Returns the message `key` of _locales, with `substitutions` filled in.
    t(key, substitutions) {
      return ext.i18n.getMessage(key, substitutions) || key;
    },

    // Sends `message` to the service worker; rejects when the extension is gone or reloaded.
    sendMessage(message) {
      return ext.runtime.sendMessage(message);
    },

    // Answers runtime messages with `handler(message, sender)`'s promise. Registered
    // synchronously by callers at top level, as the service worker requires.
    onMessage(handler) {
      ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
        Promise.resolve()
          .then(() => handler(message, sender))
          .then(sendResponse, (error) => sendResponse({ failed: String(error?.message ?? error) }));
        return true;
      });
    },

    // Opens a port to the native host; `onDisconnect` receives the browser's reason.
    connectNative(hostName) {
      const port = ext.runtime.connectNative(hostName);
      return {
        post: (message) => port.postMessage(message),
        onMessage: (listener) => port.onMessage.addListener(listener),
        onDisconnect: (listener) =>
          port.onDisconnect.addListener((p) => listener(p?.error?.message || lastErrorMessage() || 'the host closed the connection')),
        disconnect: () => port.disconnect(),
      };
    },

    // Returns the value of cookie `name` for `url`, or null.
    async cookie(url, name) {
      const found = await ext.cookies.get({ url, name });
      return found ? found.value : null;
    },

    // Calls `listener({name, domain, removed, cause})` on every cookie change.
    onCookieChanged(listener) {
      ext.cookies.onChanged.addListener(({ cookie, removed, cause }) =>
        listener({ name: cookie.name, domain: cookie.domain, removed, cause }));
    },

    // Sends `message` to every tab whose URL matches `urlPatterns`; ignores tabs without a listener.
    async broadcastToTabs(urlPatterns, message) {
      const tabs = await ext.tabs.query({ url: urlPatterns });
      await Promise.all(tabs.map((tab) => ext.tabs.sendMessage(tab.id, message).catch(() => undefined)));
    },

    sessionStore: {
      get: async (key) => (await ext.storage.session.get(key))[key],
      set: (key, value) => ext.storage.session.set({ [key]: value }),
    },
    localStore: {
      get: async (key) => (await ext.storage.local.get(key))[key],
      set: (key, value) => ext.storage.local.set({ [key]: value }),
    },
    // Reads IT's managed settings; {} where none are set or the browser has no managed storage.
    async managedSettings() {
      try {
        return (await ext.storage.managed.get(null)) ?? {};
      } catch (error) {
        console.debug('handleguard: no managed settings:', error?.message ?? error);
        return {};
      }
    },

    // Colours the toolbar badge of `tabId` (or every tab).
    setBadge({ tabId, text, color, title }) {
      const action = ext.action ?? ext.browserAction;
      action.setBadgeText({ tabId, text }).catch(() => undefined);
      action.setBadgeBackgroundColor({ tabId, color }).catch(() => undefined);
      if (title) action.setTitle({ tabId, title }).catch(() => undefined);
    },

    extensionUrl: (path) => ext.runtime.getURL(path),
    manifestVersion: () => ext.runtime.getManifest().version,
  });
})();
