// The account-signal watcher observes only where the signals live: a scrolling timeline never
// wakes it; a change in the switcher, a re-rendered navigation, or signals showing up on a page
// that had none do.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { contentWindow } from './support.mjs';

const PAGE = `<div id="react-root"><div id="app">
  <header role="banner"><nav>
    <a data-testid="AppTabBar_Profile_Link" href="/acmecars">Profile</a>
    <button data-testid="SideNav_AccountSwitcher_Button"><div data-testid="UserAvatar-Container-acmecars"></div> @acmecars</button>
  </nav></header>
  <main role="main"><div aria-label="Timeline"></div></main>
</div></div>`;

// Starts the watcher on `html`; returns the window and a function that resolves the number of
// calls after pending mutations and timers have run.
function watch(html) {
  const window = contentWindow(html);
  let calls = 0;
  window.handleguard.watchAccountSignals(window.document, () => { calls += 1; }, { intervalMs: 0 });
  const settled = () => new Promise((resolve) => window.setTimeout(() => resolve(calls), 20));
  return { window, document: window.document, settled };
}

function addCells(document, count) {
  const timeline = document.querySelector('[aria-label="Timeline"]');
  for (let i = 0; i < count; i += 1) {
    const cell = document.createElement('div');
    cell.setAttribute('data-testid', 'cellInnerDiv');
    const avatar = document.createElement('div');
    avatar.setAttribute('data-testid', `UserAvatar-Container-user${i}`);
    const link = document.createElement('a');
    link.setAttribute('href', `/user${i}`);
    cell.append(avatar, link);
    timeline.append(cell);
  }
  timeline.firstElementChild?.remove();
}

test('a scrolling timeline does not wake the watcher; a switch in the switcher does', async () => {
  const { document, settled } = watch(PAGE);
  addCells(document, 20);
  assert.equal(await settled(), 0);
  document.querySelector('[data-testid^="UserAvatar-Container-"]').setAttribute('data-testid', 'UserAvatar-Container-zenbank');
  assert.equal(await settled(), 1);
});

test('a re-rendered navigation is noticed, and the new one is watched', async () => {
  const { document, settled } = watch(PAGE);
  const header = document.querySelector('header');
  header.replaceWith(header.cloneNode(true));
  assert.equal(await settled(), 1);
  document.querySelector('[data-testid="AppTabBar_Profile_Link"]').setAttribute('href', '/zenbank');
  assert.equal(await settled(), 2);
  addCells(document, 5);
  assert.equal(await settled(), 2);
});

test('a page without signals is watched whole until they appear, then only where they are', async () => {
  const { document, settled } = watch('<div id="react-root"><main role="main"><div aria-label="Timeline"></div></main><nav id="bar"></nav></div>');
  addCells(document, 3);
  assert.equal(await settled(), 1, 'with no signal yet, any change may be the one that shows them');
  const link = document.createElement('a');
  link.setAttribute('data-testid', 'AppTabBar_Profile_Link');
  link.setAttribute('href', '/acmecars');
  document.getElementById('bar').append(link);
  assert.equal(await settled(), 2);
  addCells(document, 5);
  assert.equal(await settled(), 2, 'once the profile link shows, the timeline no longer wakes the watcher');
});

test('stopping the watcher ends every observer and the pending timer', async () => {
  const window = contentWindow(PAGE);
  let calls = 0;
  const stop = window.handleguard.watchAccountSignals(window.document, () => { calls += 1; }, { intervalMs: 0 });
  window.document.querySelector('[data-testid="AppTabBar_Profile_Link"]').setAttribute('href', '/zenbank');
  await new Promise((resolve) => window.setTimeout(resolve, 0)); // the observer has fired
  stop();
  await new Promise((resolve) => window.setTimeout(resolve, 20));
  assert.equal(calls, 0);
});
