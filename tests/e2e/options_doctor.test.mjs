// Issue 7 item 4, from the browser's side: the options page shows the host's doctor checks for
// the browser that started it, one line per check with its fix, with an expired policy (every
// post blocked) as the broken state. Chromium only so far: WebDriver BiDi refuses to open
// Firefox's moz-extension:// pages without --remote-allow-system-access, and with it the page
// never reported loading (not solved yet); the host's answer to Firefox is checked by
// tests/integration/host_doctor_test.cpp.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createReplica } from './replica/replica.mjs';
import { ACCOUNTS, POLICY } from './support/fixtures.mjs';
import { EXTENSION_ID, launchGuarded, waitFor } from './support/guarded_browser.mjs';

const EXPIRED = { ...POLICY, expires: '2020-01-31' };
const EXPIRED_LINE = 'Failed policy: expired on 2020-01-31T00:00:00Z: every post is blocked';
const EXPIRED_FIX = 'To fix: issue a renewed policy with a later "expires"';

// Reads what the user sees of the checks on an options page (`page`: Playwright or puppeteer).
async function shownChecks(page) {
  return page.evaluate(() => ({
    summary: document.getElementById('doctor-summary').textContent,
    role: document.getElementById('doctor-summary').getAttribute('role'),
    checks: [...document.querySelectorAll('#doctor-checks li')].map((item) => ({
      line: item.firstChild.textContent + item.childNodes[1].textContent,
      fix: item.querySelector('.fix')?.textContent ?? null,
    })),
  }));
}

async function expectExpiredPolicyShown(page, hostLine) {
  const shown = await waitFor(async () => {
    const checks = await shownChecks(page);
    return checks.checks.length > 0 && checks;
  }, 'the doctor checks on the options page', 20_000);
  assert.match(shown.summary, /^\d+ check\(s\) failed: posts may be held until they are fixed\.$/);
  assert.equal(shown.role, 'status');
  const expired = shown.checks.find((check) => check.line === EXPIRED_LINE);
  assert.ok(expired, JSON.stringify(shown.checks, null, 1));
  assert.equal(expired.fix, EXPIRED_FIX);
  assert.ok(shown.checks.some((check) => hostLine.test(check.line)), JSON.stringify(shown.checks, null, 1));
}

test('Chromium: the options page shows an expired policy with its fix', { timeout: 120_000 }, async () => {
  const browser = await launchGuarded({ policy: EXPIRED, replica: createReplica({ accounts: ACCOUNTS }) });
  try {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options/options.html`);
    await expectExpiredPolicyShown(options, /^OK host: answering Chromium extension cnfeiacfghelhamjicbmagoojgalpelg over the browser's pipe/);
  } finally {
    await browser.close();
  }
});
