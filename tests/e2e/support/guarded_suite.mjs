// The set-up every end-to-end suite shares: one guarded browser for the file's tests, started
// before the first and closed after the last.
import { after, before } from 'node:test';

import { POLICY } from './fixtures.mjs';
import { launchGuarded } from './guarded_browser.mjs';
import { launchGuardedFirefox } from './guarded_firefox.mjs';
import { session } from './session.mjs';

// Starts a guarded `browser` ('chromium' or 'firefox'); `options` as launchGuarded takes them.
export function launchBrowser(browser, options) {
  return browser === 'firefox' ? launchGuardedFirefox(options) : launchGuarded(options);
}

// Registers the hooks; `ready({browser, page, driver, user})` receives the started browser
// ('chromium' or 'firefox'), its first page, its driver and a user session on `replica`, and
// may finish the set-up (awaited: node:test does not order separate root hooks reliably).
export function useGuardedBrowser({ browser = 'chromium', policy = POLICY, replica, register = true, managedSettings = null }, ready) {
  let started = null;
  before(async () => {
    started = await launchBrowser(browser, { policy, replica, register, managedSettings });
    await ready({ browser: started, page: started.page, driver: started.driver, user: session(started.driver, replica) });
  });
  after(async () => started?.close());
}
