// The banner and verdict dialog: closed to the page, every string from _locales.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { contentWindow, t } from './support.mjs';

function ui(html = '<main></main>') {
  const window = contentWindow(html);
  const view = window.handleguard.createGuardUi({ doc: window.document, t });
  return { window, view, hostElement: () => window.document.querySelector('handleguard-ui') };
}

const managed = {
  account: { userId: '1', handle: 'acmecars', problem: null },
  identity: { status: 'managed', managed: true, account: { handle: 'acmecars', client: 'Acme Cars', kind: 'brand' } },
};

test('the banner names the account, its client and kind, in a root the page cannot open', () => {
  const { view, hostElement } = ui();
  view.showAccount(managed);
  assert.equal(hostElement().shadowRoot, null, 'the shadow root is closed');
  assert.match(view.visibleText(), /Posting as @acmecars · Acme Cars · brand/);
});

test('an unknown account and an offline host are held, with a retry for the latter', () => {
  const { view } = ui();
  view.showAccount({ account: { userId: '9', handle: 'someone', problem: null }, identity: { status: 'unknown', reason: '@someone is not an account of this policy' } });
  assert.match(view.visibleText(), /Posts held: @someone is not an account you may post from here\. @someone is not an account of this policy/);
  view.showAccount({ problem: { code: 'host_unavailable', detail: 'Specified native messaging host not found.' } });
  assert.match(view.visibleText(), /Guard offline: .*Specified native messaging host not found\./);
  assert.match(view.visibleText(), /Retry/);
  view.showAccount({ account: { userId: null, problem: { code: 'no_twid', detail: 'missing' } } });
  assert.match(view.visibleText(), /no twid cookie/);
});

test('the verdict dialog marks each offending span and lists each message', async () => {
  const { view } = ui();
  const text = 'So cheap, we guarantee it';
  const shown = view.showVerdict({
    verdict: 'warn', text, account: { handle: 'acmecars' },
    violations: [
      { rule: 'r2', kind: 'banned_terms', severity: 'warn', message: '"guarantee" needs legal', span: [13, 22] },
      { rule: 'r1', kind: 'banned_terms', severity: 'block', message: '"cheap" is banned', span: [3, 8] },
    ],
  });
  assert.equal(view.dialogOpen, true);
  assert.match(view.visibleText(), /Check before posting/);
  assert.match(view.visibleText(), /"guarantee" needs legal.*"cheap" is banned/);
  view.closeDialog();
  assert.equal(await shown, 'cancel', 'closing keeps the post held');
});

test('confirm is offered for warn only', () => {
  const { view } = ui();
  view.showVerdict({ verdict: 'block', text: 'x', violations: [] });
  assert.doesNotMatch(view.visibleText(), /Post anyway/);
  view.showVerdict({ verdict: 'warn', text: 'x', violations: [] });
  assert.match(view.visibleText(), /Post anyway/);
});

test('spans are UTF-16 offsets, as the host sends them', () => {
  const { window, view } = ui();
  const text = '😀 cheap';
  view.showVerdict({ verdict: 'block', text, violations: [{ rule: 'r', kind: 'banned_terms', severity: 'block', message: 'm', span: [3, 8] }] });
  // The test can see the marks only through the module's own root reference: find the mark text.
  assert.match(view.visibleText(), /😀 cheap/);
  assert.equal(text.slice(3, 8), 'cheap');
  assert.match(window.handleguard.clientColour('Acme Cars'), /^#[0-9a-f]{6}$/);
  assert.equal(window.handleguard.clientColour('Acme Cars'), window.handleguard.clientColour('Acme Cars'));
  assert.notEqual(window.handleguard.clientColour('Acme Cars'), window.handleguard.clientColour('Zen Bank'));
});

test('every message key the UI uses exists in _locales/en', () => {
  const { view } = ui();
  for (const code of ['no_twid', 'signals_disagree', 'host_unavailable', 'host_timeout', 'host_error', 'extension_unavailable', 'unreadable_request', 'untrusted_event', 'account_changed', 'other']) {
    view.showAccount({ problem: { code, detail: 'd', to: 'e' } });
    assert.doesNotMatch(view.visibleText(), /\$p\d\$|undefined/);
  }
});

test('the guard follows X\'s light, dim and dark themes', () => {
  for (const [background, theme] of [['rgb(255, 255, 255)', 'light'], ['rgb(21, 32, 43)', 'dim'], ['rgb(0, 0, 0)', 'dark'], ['', 'light']]) {
    const { view, hostElement } = ui(`<body style="background-color: ${background}"><main></main></body>`);
    view.showAccount(managed);
    assert.equal(hostElement().getAttribute('data-theme'), theme, background);
  }
});
