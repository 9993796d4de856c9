// Starts Debian's Firefox ESR with the Firefox build of the extension, a throw-away profile,
// HOME and HANDLEGUARD_HOME, the host registered only in that HOME (as `handleguard install
// --browser firefox` does for a user), and the x.com replica served over loopback HTTPS.
// Driven by puppeteer-core over WebDriver BiDi: no geckodriver, nothing downloaded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import puppeteer from 'puppeteer-core';

import { FIREFOX_ADDON_ID, stageExtension } from '../../../tools/extension-variants.mjs';
import { startReplicaServer } from '../replica/replica_server.mjs';
import { clickButtonIn, NO_GUARD_UI, readGuardUi, selectDialogTextIn, typeInFieldOf } from './guard_view.mjs';
import { BIN_DIR, killHosts, writePolicy } from './guarded_browser.mjs';

export const FIREFOX = process.env.HANDLEGUARD_FIREFOX ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_UUID = '6f1c2a4e-6a0b-4c55-9d2e-5b7f0e3c8a11';

// Returns a user's hands on `page` (puppeteer): the same driver the Chromium suites get.
function firefoxDriver(browser, page) {
  const bidi = browser.connection;
  const context = () => page.mainFrame()._id;

  async function readUi() {
    // includeShadowTree 'all' serialises closed shadow roots too, with an id that can be
    // handed back as an argument: WebDriver's way to reach what page scripts cannot.
    const { result } = await bidi.send('script.evaluate', {
      expression: 'document.querySelector("handleguard-ui")',
      target: { context: context() },
      awaitPromise: false,
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
    });
    const shadow = result.type === 'success' ? result.result.value?.shadowRoot : null;
    if (!shadow) return NO_GUARD_UI;
    const read = await bidi.send('script.callFunction', {
      functionDeclaration: `(shadow) => JSON.stringify((${readGuardUi.toString()})(shadow))`,
      arguments: [{ sharedId: shadow.sharedId }],
      target: { context: context() },
      awaitPromise: false,
      resultOwnership: 'none',
    });
    if (read.result.type !== 'success') throw new Error(`reading the guard UI failed: ${read.result.exceptionDetails?.text}`);
    return JSON.parse(read.result.result.value);
  }

  // Presses `combo` such as 'Control+Enter' (modifiers held while the last key is pressed).
  async function press(combo) {
    const keys = combo.split('+');
    const key = keys.pop();
    for (const modifier of keys) await page.keyboard.down(modifier);
    await page.keyboard.press(key);
    for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
  }

  return {
    page,
    goto: (url) => page.goto(url),
    async logIn(userId, domain = '.x.com') {
      await browser.setCookie(
        { name: 'twid', value: encodeURIComponent(`u=${userId}`), domain, path: '/', secure: true },
        { name: 'ct0', value: 'csrf0123', domain, path: '/', secure: true },
      );
    },
    click: (selector) => page.click(selector),
    press,
    typeText: (text) => page.keyboard.type(text),
    async type(selector, text) {
      await page.click(selector);
      await press('Control+a');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(text);
    },
    textOf: (selector) => page.$eval(selector, (node) => node.textContent),
    valueOf: (selector) => page.$eval(selector, (node) => node.value),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async view() {
      const { banner, dialog } = await readUi();
      return { banner, dialog };
    },
    clickGuardButton: async (label) => clickButtonIn(await readUi(), label, (x, y) => page.mouse.click(x, y)),
    guardButtons: async () => (await readUi()).dialogButtons,
    guardHighlights: async () => (await readUi()).highlighted,
    selectGuardDialogText: async () => selectDialogTextIn(await readUi(), page.mouse),
    typeInGuardField: async (label, text) => typeInFieldOf(await readUi(), label, text, (x, y) => page.mouse.click(x, y), (typed) => page.keyboard.type(typed)),
    pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    // Another tab of the same browser, with the same hands.
    newTab: async () => firefoxDriver(browser, await browser.newPage()),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
    // Opens the extension's page `pagePath` (e.g. 'popup/popup.html') in a new tab: headless
    // Firefox has no toolbar to click, and the page is the same one the toolbar button opens.
    async openExtensionPage(pagePath) {
      const tab = await browser.newPage();
      // Puppeteer's goto never settles here (the tab moves to the extension process): navigate
      // over BiDi, which waits for the load.
      await bidi.send('browsingContext.navigate', {
        context: tab.mainFrame()._id, url: `moz-extension://${FIREFOX_EXTENSION_UUID}/${pagePath}`, wait: 'complete',
      });
      return {
        text: (selector) => tab.$eval(selector, (node) => node.innerText),
        waitFor: (selector) => tab.waitForSelector(selector),
        select: (selector, value) => tab.select(selector, value),
        async click(selector) {
          await tab.bringToFront(); // a user clicks the page they look at
          await tab.click(selector);
        },
        texts: (selector) => tab.$$eval(selector, (nodes) => nodes.map((node) => node.innerText)),
        count: (selector) => tab.$$eval(selector, (nodes) => nodes.length),
        evaluate: (fn, arg) => tab.evaluate(fn, arg),
        close: () => tab.close(),
      };
    },
    // Stops the add-on's event page the way Firefox suspends an idle one (the same call as
    // about:debugging's "Terminate background script"), also while it holds a native port,
    // which would keep an idle page alive. Needs -remote-allow-system-access: the add-on
    // manager lives in the parent process, out of page scripts' reach.
    stopBackground: () => inParentProcess(`(async () => {
      const extension = ${EXTENSION_IN_PARENT};
      await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
      if (extension.backgroundState !== 'stopped') throw new Error('the event page is ' + extension.backgroundState);
    })()`),
    backgroundRuns: async () => (await inParentProcess(`${EXTENSION_IN_PARENT}.backgroundState`)) === 'running',
  };

  // Evaluates `expression` in the browser's parent process (chrome scope); returns its value.
  async function inParentProcess(expression) {
    const { contexts } = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })).result;
    const { result } = await bidi.send('script.evaluate', { expression, target: { context: contexts[0].context }, awaitPromise: true });
    if (result.type !== 'success') throw new Error(`in the parent process: ${result.exceptionDetails?.text}`);
    return result.result.value;
  }
}

const EXTENSION_IN_PARENT = `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs')
  .ExtensionParent.GlobalManager.getExtension(${JSON.stringify(FIREFOX_ADDON_ID)})`;

// Delivers IT's `settings` as Firefox reads managed storage for one user: a managed storage
// manifest named after the add-on in ~/.mozilla/managed-storage/ (beside native-messaging-hosts/).
export function writeManagedStorage(userHome, settings) {
  const dir = path.join(userHome, '.mozilla', 'managed-storage');
  mkdirSync(dir, { recursive: true });
  const manifest = { name: FIREFOX_ADDON_ID, description: 'handleguard settings set by IT', type: 'storage', data: settings };
  writeFileSync(path.join(dir, `${FIREFOX_ADDON_ID}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
}

// `withExtension: false` starts the same browser without the guard (benchmarks' baseline);
// `managedSettings` are IT's settings for the add-on (writeManagedStorage).
export async function launchGuardedFirefox({ policy, replica, register = true, withExtension = true, managedSettings = null }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hg-e2e-ff-'));
  const home = path.join(dir, 'home');
  const userHome = path.join(dir, 'user'); // HOME of the browser: where it finds host manifests
  mkdirSync(userHome);
  writePolicy(home, policy);
  const extension = stageExtension('firefox', path.join(dir, 'extension'));
  const env = { ...process.env, HOME: userHome, HANDLEGUARD_HOME: home };
  const registerHost = (hostPath) => {
    const args = ['install', '--browser', 'firefox'];
    if (hostPath) args.push('--host-path', hostPath);
    execFileSync(path.join(BIN_DIR, 'handleguard'), args, { env, stdio: 'pipe' });
  };
  const unregisterHost = () => rmSync(path.join(userHome, '.mozilla', 'native-messaging-hosts'), { recursive: true, force: true });
  if (register) registerHost();
  if (managedSettings) writeManagedStorage(userHome, managedSettings);

  const server = await startReplicaServer(replica);
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      userDataDir: path.join(dir, 'profile'),
      env,
      args: ['-remote-allow-system-access'],
      extraPrefsFirefox: {
        // Every https request goes through the replica's proxy, which serves X's hosts only.
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': server.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': server.port,
        'network.proxy.no_proxies_on': '',
        'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID }),
      },
    });
    const installed = withExtension ? await browser.installExtension(extension) : FIREFOX_ADDON_ID;
    if (installed !== FIREFOX_ADDON_ID) throw new Error(`the add-on installed as ${installed}, not ${FIREFOX_ADDON_ID}`);
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  return {
    name: 'firefox',
    browser,
    page,
    driver: firefoxDriver(browser, page),
    dir,
    home,
    hostManifestDir: path.join(userHome, '.mozilla', 'native-messaging-hosts'),
    registerHost,
    unregisterHost,
    async close() {
      killHosts(home);
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
