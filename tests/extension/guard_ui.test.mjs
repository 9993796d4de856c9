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

test('a notice beside the account in the banner, until it is taken back', () => {
  const { view } = ui();
  view.showAccount(managed);
  view.showNotice(t('noticeStillChecking'));
  assert.match(view.visibleText(), /Posting as @acmecars · Acme Cars · brand— still checking this post: wait for the verdict/);
  view.showAccount(managed); // a banner redrawn meanwhile keeps it
  assert.match(view.visibleText(), /still checking this post/);
  view.showNotice(null);
  assert.doesNotMatch(view.visibleText(), /still checking/);
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

const buttons = (view) => [...view.rootForTests().querySelectorAll('[role="alertdialog"] button')].map((b) => b.textContent);
const press = (view, label) => [...view.rootForTests().querySelectorAll('[role="alertdialog"] button')].find((b) => b.textContent === label).click();
const input = (view, name) => view.rootForTests().querySelector(`#hg-${name}`);
const labelOf = (view, name) => view.rootForTests().querySelector(`label[for="hg-${name}"]`)?.textContent;
const warnResult = (extra = {}) => ({ verdict: 'warn', text: 'We guarantee it', checkId: 'a'.repeat(32), account: { handle: 'acmecars' }, confirmation: { required: false, handle: null },
  override: { mode: 'confirm', reasonRequired: false }, violations: [{ rule: 'careful', kind: 'banned_terms', severity: 'warn', message: 'Legal approves promises.', span: [3, 12], override: { mode: 'confirm', reasonRequired: false } }], ...extra });

test('a hard block offers only Edit and Cancel; confirm is offered for a warning only', async () => {
  const { window, view } = ui();
  const block = { verdict: 'block', text: 'x', checkId: 'b'.repeat(32), override: { mode: 'none', reasonRequired: false }, confirmation: { required: false }, violations: [{ rule: 'r', kind: 'banned_terms', severity: 'block', message: 'no', span: null, override: { mode: 'none' } }] };
  const steps = window.handleguard.nextSteps([block]);
  assert.equal(steps.kind, 'hard');
  view.showVerdict({ ...block, steps }, async () => ({ ok: true }));
  assert.deepEqual(buttons(view), ['Edit post', 'Cancel post']);
  assert.equal(view.rootForTests().querySelector('input, textarea'), null, 'nothing to type');
  const warn = warnResult();
  const shown = view.showVerdict({ ...warn, steps: window.handleguard.nextSteps([warn]) }, async () => ({ ok: true }));
  assert.deepEqual(buttons(view), ['Edit post', 'Cancel post', 'Post anyway']);
  press(view, 'Post anyway');
  assert.equal(await shown, 'granted');
});

test('a warning whose rule asks for a reason: no reason, no request; the host\'s refusal keeps the dialog open', async () => {
  const { window, view } = ui();
  const warn = warnResult({ override: { mode: 'confirm', reasonRequired: true } });
  const asked = [];
  let answer = { error: 'give a reason: it is recorded with the post' };
  const shown = view.showVerdict({ ...warn, steps: window.handleguard.nextSteps([warn]) }, async (given) => {
    asked.push(given);
    return answer;
  });
  assert.equal(labelOf(view, 'reason'), 'Reason (recorded with the post)');
  assert.equal(view.rootForTests().activeElement, input(view, 'reason'), 'the reason field has the focus');
  press(view, 'Post anyway');
  assert.match(view.visibleText(), /Give a reason/);
  assert.equal(asked.length, 0);
  input(view, 'reason').value = 'Legal said yes';
  press(view, 'Post anyway');
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(JSON.parse(JSON.stringify(asked)), [{ typedHandle: '', reason: 'Legal said yes', passphrase: '' }]);
  assert.match(view.visibleText(), /give a reason: it is recorded/);
  assert.equal(view.dialogOpen, true);
  answer = { ok: true };
  press(view, 'Post anyway');
  assert.equal(await shown, 'granted');
});

test('a block a supervisor may override asks for a reason and the passphrase, and forgets a wrong one', async () => {
  const { window, view } = ui();
  const block = { verdict: 'block', text: 'Cheap', checkId: 'c'.repeat(32), account: { handle: 'acmecars' }, confirmation: { required: false }, override: { mode: 'supervisor', reasonRequired: true },
    violations: [{ rule: 'r', kind: 'banned_terms', severity: 'block', message: 'no', span: [0, 5], override: { mode: 'supervisor', reasonRequired: true } }] };
  const steps = window.handleguard.nextSteps([block]);
  assert.deepEqual([steps.kind, steps.reasonRequired], ['supervisor', true]);
  const shown = view.showVerdict({ ...block, steps }, async ({ passphrase }) => (passphrase === 'right one' ? { ok: true } : { error: 'the supervisor passphrase is wrong' }));
  assert.deepEqual(buttons(view), ['Edit post', 'Cancel post', 'Override and post']);
  assert.equal(input(view, 'passphrase').type, 'password');
  input(view, 'reason').value = 'CEO approved';
  input(view, 'passphrase').value = 'wrong';
  press(view, 'Override and post');
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.match(view.visibleText(), /passphrase is wrong/);
  assert.equal(input(view, 'passphrase').value, '', 'a wrong passphrase is not kept');
  input(view, 'passphrase').value = 'right one';
  press(view, 'Override and post');
  assert.equal(await shown, 'granted');
});

test('the confirmation step: type the handle to post, any case, with or without @', async () => {
  const { window, view } = ui();
  const allow = { verdict: 'allow', text: 'Hello', checkId: 'd'.repeat(32), account: { handle: 'acmecars' }, confirmation: { required: true, handle: 'acmecars' }, override: { mode: 'none' }, violations: [] };
  const steps = window.handleguard.nextSteps([allow]);
  assert.deepEqual([steps.kind, steps.handle], ['handle', 'acmecars']);
  const given = [];
  const shown = view.showVerdict({ ...allow, steps }, async (answer) => {
    given.push(answer.typedHandle);
    return { ok: true };
  });
  assert.match(view.visibleText(), /Confirm the account/);
  assert.equal(labelOf(view, 'typedHandle'), 'Type @acmecars to post from this account');
  input(view, 'typedHandle').value = 'zenbank';
  press(view, 'Post');
  assert.match(view.visibleText(), /That is not @acmecars/);
  input(view, 'typedHandle').value = '@AcmeCars';
  input(view, 'typedHandle').dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  assert.equal(await shown, 'granted');
  assert.deepEqual(given, ['@AcmeCars']);
});

test('the dialog shows the account\'s guidelines, and Edit and Cancel say which', async () => {
  const { window, view } = ui();
  const warn = warnResult({ guidelines: 'Friendly, never pushy. No prices.' });
  const edit = view.showVerdict({ ...warn, steps: window.handleguard.nextSteps([warn]) }, async () => ({ ok: true }));
  assert.match(view.visibleText(), /Guidelines for @acmecars\s*Friendly, never pushy\. No prices\./);
  assert.match(view.visibleText(), /Warning: Legal approves promises\./);
  press(view, 'Edit post');
  assert.equal(await edit, 'edit');
  const cancel = view.showVerdict({ ...warn, steps: window.handleguard.nextSteps([warn]) }, async () => ({ ok: true }));
  press(view, 'Cancel post');
  assert.equal(await cancel, 'cancel');
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

test('the banner shows the declared work-as account, and holds posts when another is logged in', () => {
  const { view } = ui();
  view.showAccount({ ...managed, workAs: { workAs: { handle: 'acmecars' }, required: false } });
  assert.match(view.visibleText(), /Posting as @acmecars · Acme Cars · brand · working as @acmecars/);
  view.showAccount({ ...managed, workAs: { workAs: { handle: 'zenbank' }, required: false } });
  assert.match(view.visibleText(), /Posts held: you declared you work as @zenbank, but @acmecars is logged in/);
  view.showAccount({ ...managed, workAs: { workAs: null, required: true } });
  assert.match(view.visibleText(), /declare the account you work as/);
});

test('the policy\'s colour wins over the client\'s', () => {
  const { window } = ui();
  assert.equal(window.handleguard.accountColour({ client: 'Acme Cars', colour: '#112233' }), '#112233');
  assert.equal(window.handleguard.accountColour({ client: 'Acme Cars', colour: 'red; background: url(x)' }), window.handleguard.clientColour('Acme Cars'));
});

test('every message key the UI uses exists in _locales/en', () => {
  const { view } = ui();
  for (const code of ['no_twid', 'signals_disagree', 'host_unavailable', 'host_timeout', 'host_error', 'extension_unavailable', 'unreadable_request', 'untrusted_event', 'account_changed', 'release_refused', 'pressed_control_gone', 'no_composer', 'text_kept_changing', 'other']) {
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

test('the dialog keeps the keyboard focus: Tab from the last control returns to the first, Escape cancels', async () => {
  const { window, view } = ui();
  const warn = warnResult({ override: { mode: 'confirm', reasonRequired: true } });
  const shown = view.showVerdict({ ...warn, steps: window.handleguard.nextSteps([warn]) }, async () => ({ ok: true }));
  const root = view.rootForTests();
  const controls = [...root.querySelectorAll('[role="alertdialog"] textarea, [role="alertdialog"] button')];
  assert.deepEqual(controls.map((c) => c.textContent || c.localName), ['textarea', 'Edit post', 'Cancel post', 'Post anyway']);
  controls.at(-1).focus();
  controls.at(-1).dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
  assert.equal(root.activeElement, controls[0]);
  controls[0].dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true }));
  assert.equal(root.activeElement, controls.at(-1));
  controls[0].dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  assert.equal(await shown, 'cancel');
});

test('keys and text typed into the dialog never reach the page\'s listeners, and still work the dialog', async () => {
  const { window, view } = ui();
  const seen = [];
  const types = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'paste', 'compositionend'];
  for (const target of [window, window.document]) for (const type of types) target.addEventListener(type, () => seen.push(type), true);
  const allow = { verdict: 'allow', text: 'Hello', checkId: 'e'.repeat(32), account: { handle: 'acmecars' }, confirmation: { required: true, handle: 'acmecars' }, override: { mode: 'none' }, violations: [] };
  const shown = view.showVerdict({ ...allow, steps: window.handleguard.nextSteps([allow]) }, async () => ({ ok: true }));
  const field = input(view, 'typedHandle');
  field.focus();
  // As a user types: composed events, which cross the closed root.
  const composed = { bubbles: true, composed: true, cancelable: true };
  field.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'a', ...composed }));
  field.dispatchEvent(new window.InputEvent('beforeinput', { data: 'a', inputType: 'insertText', ...composed }));
  field.value = '@acmecars';
  field.dispatchEvent(new window.InputEvent('input', { data: 'a', inputType: 'insertText', ...composed }));
  field.dispatchEvent(new window.KeyboardEvent('keyup', { key: 'a', ...composed }));
  field.dispatchEvent(new window.Event('paste', composed));
  field.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', ...composed }));
  assert.equal(await shown, 'granted', 'Enter in the field still posts');
  assert.deepEqual(seen, []);
  // Keys elsewhere on the page are the page's.
  window.document.body.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'b', ...composed }));
  assert.deepEqual(seen, ['keydown', 'keydown']);
});

test('a thread\'s dialog names each post of a phrase split between posts, and each post\'s other violations', async () => {
  const { view } = ui();
  // As the host reports a banned phrase split between posts 1 and 2 (check_thread): a
  // violation of each post it takes in, its span the part in that post.
  const phrase = '"nobody here knows how to drive" is banned on @acmecars';
  const thread = [
    { postIndex: 0, text: 'Nobody here knows', violations: [{ rule: 'no-slurs', kind: 'banned_terms', severity: 'block', message: `${phrase} (read across this post and the one after it)`, span: [0, 17] }] },
    { postIndex: 1, text: 'how to drive so cheap', violations: [
      { rule: 'no-slurs', kind: 'banned_terms', severity: 'block', message: `${phrase} (read across this post and the one before it)`, span: [0, 12] },
      { rule: 'careful', kind: 'banned_terms', severity: 'warn', message: 'Never cheap.', span: [16, 21] },
    ] },
    { postIndex: 3, text: 'We guarantee it', violations: [{ rule: 'careful', kind: 'banned_terms', severity: 'warn', message: 'Legal approves promises.', span: [3, 12] }] },
  ];
  const shown = view.showVerdict({ ...thread[0], verdict: 'block', account: { handle: 'acmecars' }, thread });
  const root = view.rootForTests();
  assert.match(root.querySelector('h2').textContent, /\(post 1 of the thread\)/);
  const reasons = [...root.querySelectorAll('[role="alertdialog"] ul li')];
  assert.deepEqual(reasons.map((li) => [li.className, li.textContent]), [
    ['block', `Post 1 — Blocked: ${phrase} (read across this post and the one after it)`],
    ['block', `Post 2 — Blocked: ${phrase} (read across this post and the one before it)`],
    ['warn', 'Post 2 — Warning: Never cheap.'],
    ['warn', 'Post 4 — Warning: Legal approves promises.'],
  ]);
  const texts = [...root.querySelectorAll('.post')];
  assert.deepEqual(texts.map((node) => node.getAttribute('aria-label')), ['Post 1 of the thread', 'Post 2 of the thread', 'Post 4 of the thread']);
  assert.deepEqual(texts.map((node) => [...node.querySelectorAll('mark')].map((mark) => [mark.textContent, mark.className])),
    [[['Nobody here knows', '']], [['how to drive', ''], ['cheap', 'warn']], [['guarantee', 'warn']]]);
  assert.deepEqual([...root.querySelectorAll('h3')].map((h) => h.textContent), ['Post 1 of the thread', 'Post 2 of the thread', 'Post 4 of the thread']);
  view.closeDialog();
  assert.equal(await shown, 'cancel');
});

test('a thread\'s dialog says which post broke which rule, each post\'s text marked', async () => {
  const { view } = ui();
  const thread = [
    { postIndex: 0, text: 'We guarantee it', violations: [{ rule: 'careful', kind: 'banned_terms', severity: 'warn', message: 'Legal approves promises.', span: [3, 12] }] },
    { postIndex: 2, text: 'So cheap', violations: [{ rule: 'banned', kind: 'banned_terms', severity: 'block', message: 'Never cheap.', span: [3, 8] }] },
  ];
  const shown = view.showVerdict({ ...thread[1], verdict: 'block', account: { handle: 'acmecars' }, thread });
  const root = view.rootForTests();
  assert.match(root.querySelector('h2').textContent, /\(post 3 of the thread\)/, 'the title names the worst post');
  assert.deepEqual([...root.querySelectorAll('[role="alertdialog"] ul li')].map((li) => li.textContent),
    ['Post 1 — Warning: Legal approves promises.', 'Post 3 — Blocked: Never cheap.']);
  const texts = [...root.querySelectorAll('.post')];
  assert.deepEqual(texts.map((node) => node.getAttribute('aria-label')), ['Post 1 of the thread', 'Post 3 of the thread']);
  assert.deepEqual(texts.map((node) => node.querySelector('mark').textContent), ['guarantee', 'cheap']);
  view.closeDialog();
  assert.equal(await shown, 'cancel');
});
