// Page signals, post buttons and composer text on fixtures of each X layout.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { contentWindow, fixture } from './support.mjs';

const plain = (value) => JSON.parse(JSON.stringify(value)); // from jsdom's realm to Node's

test('the full switcher gives its avatar and its text, and the profile link agrees', () => {
  const { handleguard: hg, document } = contentWindow(fixture('switcher_full.html'));
  assert.deepEqual({ ...hg.readAccountSignals(document) }, { switcherAvatar: 'AcmeCars', switcherText: 'AcmeCars', profileLink: 'AcmeCars', pageStateUsers: null });
});

test('an avatar-only switcher is read inside the switcher only, not from other avatars', () => {
  const { handleguard: hg, document } = contentWindow(fixture('switcher_avatar_only.html'));
  assert.deepEqual({ ...hg.readAccountSignals(document) }, { switcherAvatar: 'zenbank', switcherText: null, profileLink: null, pageStateUsers: null });
});

test('disagreeing signals are both reported, for the service worker to refuse', () => {
  const { handleguard: hg, document } = contentWindow(fixture('switcher_stale.html'));
  assert.deepEqual({ ...hg.readAccountSignals(document) }, { switcherAvatar: 'acmecars', switcherText: 'acmecars', profileLink: 'zenbank', pageStateUsers: null });
});

test('a localized right-to-left page: nothing is read from its words, the handle from its bidi marks', () => {
  const { handleguard: hg, document, location } = contentWindow(fixture('rtl_localized.html'), 'https://x.com/compose/post');
  assert.deepEqual({ ...hg.readAccountSignals(document) }, { switcherAvatar: 'acmecars', switcherText: 'acmecars', profileLink: 'acmecars', pageStateUsers: null });
  const button = hg.postButtonOf(document.querySelector('[data-testid="tweetButton"] span'));
  const scope = hg.composerScopeOf(button);
  assert.deepEqual(plain(hg.composerFields(scope).map(hg.fieldText)), ['السيارة الجديدة', 'متوفرة اليوم']);
  assert.equal(hg.composerAction(scope, location), 'post');
});

test('the mobile layout shows no signal at all', () => {
  const { handleguard: hg, document } = contentWindow(fixture('mobile.html'));
  assert.deepEqual({ ...hg.readAccountSignals(document) }, { switcherAvatar: null, switcherText: null, profileLink: null, pageStateUsers: null });
});

test('a malformed handle in a signal is ignored', () => {
  const { handleguard: hg, document } = contentWindow(
    '<button data-testid="SideNav_AccountSwitcher_Button"><div data-testid="UserAvatar-Container-not a handle!"></div></button>' +
    '<a data-testid="AppTabBar_Profile_Link" href="/i/flow/login">x</a>');
  assert.deepEqual({ ...hg.readAccountSignals(document) }, { switcherAvatar: null, switcherText: null, profileLink: null, pageStateUsers: null });
});

test('a click inside a <button> post button finds the button and its Draft.js composer', () => {
  const { handleguard: hg, document } = contentWindow(fixture('draft_composer.html'));
  const label = document.querySelector('[data-testid="tweetButtonInline"] span');
  const button = hg.postButtonOf(label);
  assert.equal(button.getAttribute('data-testid'), 'tweetButtonInline');
  const scope = hg.composerScopeOf(button);
  assert.deepEqual(plain(hg.composerFields(scope).map(hg.fieldText)), ['Hello world\n\nthird line']);
  assert.equal(hg.isDisabled(button), false);
  assert.equal(hg.postButtonOf(document.querySelector('[data-testid="reply"]')), null, 'Reply is not a post button');
});

test('a <div role="button"> post button and a mobile <textarea>', () => {
  const { handleguard: hg, document } = contentWindow(fixture('mobile.html'));
  const field = document.querySelector('textarea');
  field.value = 'typed on a phone\nline two';
  const button = hg.postButtonOf(document.querySelector('[data-testid="tweetButton"] span'));
  assert.ok(button);
  assert.equal(hg.isDisabled(button), true);
  assert.equal(hg.composerFieldOf(field), field);
  assert.deepEqual(plain(hg.composerFields(hg.composerScopeOf(button)).map(hg.fieldText)), ['typed on a phone\nline two']);
});

test('a thread\'s posts come in thread order, whatever the DOM order', () => {
  const { handleguard: hg, document } = contentWindow(fixture('thread.html'));
  const scope = hg.composerScopeOf(document.querySelector('[data-testid="tweetButton"]'));
  assert.deepEqual(plain(hg.composerFields(scope).map(hg.fieldText)), ['first', 'second', 'third']);
});

test('Ctrl+Enter and Cmd+Enter submit; Enter, Shift+Enter and IME composition do not', () => {
  const { handleguard: hg, KeyboardEvent } = contentWindow('');
  const key = (init) => hg.isSubmitKey(new KeyboardEvent('keydown', { key: 'Enter', ...init }));
  assert.equal(key({ ctrlKey: true }), true);
  assert.equal(key({ metaKey: true }), true);
  assert.equal(key({}), false);
  assert.equal(key({ shiftKey: true }), false);
  assert.equal(key({ ctrlKey: true, isComposing: true }), false);
});

test('the action follows the route and the composer', () => {
  const at = (url, html = fixture('draft_composer.html')) => {
    const { handleguard: hg, document, location } = contentWindow(html, url);
    return hg.composerAction(hg.composerScopeOf(document.querySelector('[data-testid^="tweetButton"]')), location);
  };
  assert.equal(at('https://x.com/home'), 'post');
  assert.equal(at('https://x.com/acmecars/status/1234567890'), 'reply');
  assert.equal(at('https://x.com/acmecars/status/1234567890/photo/1'), 'reply', 'the reply box beside a photo');
  assert.equal(at('https://mobile.x.com/acmecars/status/1234567890'), 'reply');
  assert.equal(at('https://twitter.com/acmecars/status/1234567890'), 'reply');
  assert.equal(at('https://x.com/compose/post/schedule'), 'schedule');
});

test('legacy DMs: the send button and its input are a composer whose action is dm', () => {
  const { handleguard: hg, document, location } = contentWindow(fixture('dm_legacy.html'), 'https://x.com/messages/1-2');
  const button = hg.postButtonOf(document.querySelector('[data-testid="dmComposerSendButton"]'));
  const scope = hg.composerScopeOf(button);
  assert.deepEqual(plain(hg.composerFields(scope).map(hg.fieldText)), ['see you at noon']);
  assert.equal(hg.composerAction(scope, location), 'dm');
});

test('XChat and legacy DMs send on a plain Enter, so Enter submits there; nowhere else', () => {
  const chat = contentWindow(fixture('dm_xchat.html'), 'https://x.com/i/chat/1');
  const textarea = chat.document.querySelector('textarea');
  const enter = (window, init = {}) => new window.KeyboardEvent('keydown', { key: 'Enter', ...init });
  assert.equal(chat.handleguard.isSubmitKey(enter(chat), chat.handleguard.composerFieldOf(textarea)), true);
  assert.equal(chat.handleguard.isSubmitKey(enter(chat, { shiftKey: true }), textarea), false);
  const legacy = contentWindow(fixture('dm_legacy.html'));
  const legacyInput = legacy.document.querySelector('[data-testid="dmComposerTextInput"]');
  assert.equal(legacy.handleguard.isSubmitKey(enter(legacy), legacyInput), true);
  assert.equal(legacy.handleguard.isSubmitKey(enter(legacy, { shiftKey: true }), legacyInput), false);
  const home = contentWindow(fixture('draft_composer.html'));
  assert.equal(home.handleguard.isSubmitKey(enter(home), home.document.querySelector('[data-testid="tweetTextarea_0"]')), false);
});

test('XChat before X draws its send button: the textarea is still a composer, judged as a DM', () => {
  const { handleguard: hg, document, location } = contentWindow(fixture('dm_xchat.html').replace(/<button[^]*<\/button>/, ''), 'https://x.com/i/chat/1');
  const textarea = document.querySelector('textarea');
  textarea.value = 'see you soon';
  assert.equal(hg.composerScopeOf(textarea), null, 'no post button anywhere');
  const scope = hg.composerOfField(textarea);
  assert.deepEqual(plain(hg.composerFields(scope).map(hg.fieldText)), ['see you soon']);
  assert.equal(hg.composerAction(scope, location), 'dm');
  assert.equal(hg.ownPostButton(scope), null);
});

test('a composer\'s own post button is its only one; with a button per post and "Post all" there is none to guess', () => {
  const { handleguard: hg, document } = contentWindow(fixture('thread.html'));
  const postAll = document.querySelector('[data-testid="tweetButton"]');
  const scope = hg.composerScopeOf(postAll);
  assert.equal(hg.ownPostButton(scope), postAll);
  assert.equal(hg.composerOfField(document.querySelector('[data-testid="tweetTextarea_1"]')), scope);
  const first = document.querySelector('[data-testid="tweetTextarea_0"]');
  first.after(Object.assign(document.createElement('button'), { textContent: 'Post' }));
  first.nextElementSibling.setAttribute('data-testid', 'tweetButtonInline');
  assert.equal(hg.composerScopeOf(postAll), scope);
  assert.equal(hg.ownPostButton(scope), null);
});

test('a redrawn post button stands in for the one pressed only when it is the composer\'s one button of that kind', () => {
  const { handleguard: hg, document } = contentWindow(fixture('thread.html'));
  const pressed = document.querySelector('[data-testid="tweetButton"]');
  const scope = hg.composerScopeOf(pressed);
  const redrawn = pressed.cloneNode(true);
  pressed.replaceWith(redrawn);
  assert.equal(hg.samePostButton(scope, pressed), redrawn);
  const first = document.querySelector('[data-testid="tweetTextarea_0"]');
  first.after(Object.assign(document.createElement('button'), { textContent: 'Post' }));
  first.nextElementSibling.setAttribute('data-testid', 'tweetButtonInline');
  assert.equal(hg.samePostButton(scope, pressed), redrawn, 'a post\'s own button is not "Post all"');
  assert.equal(hg.samePostButton(scope, first.nextElementSibling), first.nextElementSibling);
  redrawn.after(redrawn.cloneNode(true));
  assert.equal(hg.samePostButton(scope, pressed), null, 'two of its kind: none to guess');
  const div = document.createElement('div');
  div.setAttribute('data-testid', 'tweetButton');
  div.setAttribute('role', 'button');
  redrawn.nextElementSibling.replaceWith(div);
  assert.equal(hg.samePostButton(scope, pressed), redrawn, 'a <div role="button"> is another kind');
});

test('the reply dialog and a quote are told apart from a new post', () => {
  const html = `<div role="dialog"><article data-testid="tweet">answered post</article>${fixture('draft_composer.html')}</div>`;
  const { handleguard: hg, document, location } = contentWindow(html, 'https://x.com/compose/post');
  const scope = hg.composerScopeOf(document.querySelector('[data-testid="tweetButtonInline"]'));
  assert.equal(hg.composerAction(scope, location), 'reply');
  const fromNotifications = contentWindow(html, 'https://x.com/notifications');
  const dialogScope = fromNotifications.handleguard.composerScopeOf(fromNotifications.document.querySelector('[data-testid="tweetButtonInline"]'));
  assert.equal(fromNotifications.handleguard.composerAction(dialogScope, fromNotifications.location), 'reply', 'the reply dialog opened from a notification');
  const quote = contentWindow(fixture('draft_composer.html').replace('<div data-testid="toolBar">', '<div data-testid="quoteTweet"><article data-testid="tweet"></article></div><div data-testid="toolBar">'), 'https://x.com/compose/post');
  const quoteScope = quote.handleguard.composerScopeOf(quote.document.querySelector('[data-testid="tweetButtonInline"]'));
  assert.equal(quote.handleguard.composerAction(quoteScope, quote.location), 'quote');
});

test('a quote without a test id of its own: the post shown inside the composer is what it quotes', () => {
  const html = fixture('draft_composer.html').replace('<div data-testid="toolBar">', '<div role="link"><article data-testid="tweet">quoted post</article></div><div data-testid="toolBar">');
  const { handleguard: hg, document, location } = contentWindow(`<div role="dialog">${html}</div>`, 'https://x.com/compose/post');
  assert.equal(hg.composerAction(hg.composerScopeOf(document.querySelector('[data-testid="tweetButtonInline"]')), location), 'quote');
});

test('a display name that mentions another handle does not hide the switcher\'s own, which comes last', () => {
  const { handleguard: hg, document } = contentWindow(
    '<button data-testid="SideNav_AccountSwitcher_Button" aria-label="Account menu">' +
    '<div data-testid="UserAvatar-Container-AcmeCars"></div><span>Acme (@zenbank fan) 🚗 @x</span><span>@AcmeCars</span></button>');
  assert.deepEqual({ ...hg.readAccountSignals(document) }, { switcherAvatar: 'AcmeCars', switcherText: 'AcmeCars', profileLink: null, pageStateUsers: null });
});

test('the page state names each user id\'s handle; ids stay strings, junk is dropped', () => {
  const { handleguard: hg, document } = contentWindow(fixture('initial_state.html'));
  assert.deepEqual(plain(hg.readAccountSignals(document).pageStateUsers), { '1500000000000000001': 'AcmeCars', '1500000000000000077': 'acmefans' });
  assert.deepEqual(Object.keys(hg.readAccountSignals(document).pageStateUsers), ['1500000000000000001', '1500000000000000077']);
});

test('a page state that cannot be read is no signal', () => {
  for (const script of ['window.__INITIAL_STATE__={"entities":{"users":', 'window.__INITIAL_STATE__=42;', 'window.__INITIAL_STATE__={"entities":{"users":{"entities":[]}}};', 'var other = {};']) {
    const { handleguard: hg, document } = contentWindow(`<script>${script}</script>`);
    assert.equal(hg.readAccountSignals(document).pageStateUsers, null, script);
  }
});

test('Enter and Space press a focused post button (a <div role="button"> has no click then); other keys do not', () => {
  const { handleguard: hg, KeyboardEvent } = contentWindow('');
  const key = (init) => hg.isPressKey(new KeyboardEvent('keydown', init));
  assert.equal(key({ key: 'Enter' }), true);
  assert.equal(key({ key: ' ' }), true);
  assert.equal(key({ key: 'Enter', ctrlKey: true }), true);
  assert.equal(key({ key: 'Tab' }), false);
  assert.equal(key({ key: 'a' }), false);
  assert.equal(key({ key: ' ', isComposing: true }), false);
});

test('thread order holds when the test ids go on after the index (only the prefix is promised)', () => {
  const post = (i, text) => `<div data-testid="tweetTextarea_${i}_label"><div data-testid="tweetTextarea_${i}" contenteditable="true" role="textbox"><div data-block="true"><span data-text="true">${text}</span></div></div></div>`;
  const { handleguard: hg, document } = contentWindow(`<div role="dialog">${post(1, 'second')}${post(10, 'eleventh')}${post(0, 'first')}${post(2, 'third')}<button data-testid="tweetButton">Post all</button></div>`);
  const scope = hg.composerScopeOf(document.querySelector('[data-testid="tweetButton"]'));
  assert.deepEqual(plain(hg.composerFields(scope).map(hg.fieldText)), ['first', 'second', 'third', 'eleventh']);
});

test('in XChat every Enter but Shift+Enter (the new line) may send, Alt+Enter too', () => {
  const chat = contentWindow(fixture('dm_xchat.html'), 'https://x.com/i/chat/1');
  const textarea = chat.document.querySelector('textarea');
  const enter = (init) => chat.handleguard.isSubmitKey(new chat.KeyboardEvent('keydown', { key: 'Enter', ...init }), textarea);
  assert.equal(enter({ altKey: true }), true);
  assert.equal(enter({ ctrlKey: true, shiftKey: true }), true);
  assert.equal(enter({ shiftKey: true }), false);
  assert.equal(enter({ isComposing: true }), false);
});

test('the page state is read from the script that sets it, not from one that only mentions it', () => {
  const html = '<script>if (window.__INITIAL_STATE__) boot();</script>' + fixture('initial_state.html');
  const { handleguard: hg, document } = contentWindow(html);
  assert.equal(hg.readAccountSignals(document).pageStateUsers?.['1500000000000000001'], 'AcmeCars');
});
