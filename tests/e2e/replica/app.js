// A local replica of the x.com web app, as ../shared/x-web-ui.md describes it: handlers
// delegated at the root container as React does, a Draft.js-shaped editor that handles
// Ctrl/Cmd+Enter itself, buttons re-rendered while typing, posts sent with XMLHttpRequest to
// /i/api/graphql/<id>/CreateTweet, and an account switch that changes twid without a reload.
// It deliberately ignores event.isTrusted, like X: only the guard may stop a scripted post.
(() => {
  const config = JSON.parse(document.getElementById('replica-config').textContent);
  const root = document.getElementById('react-root');
  const layers = document.getElementById('layers');
  const composers = new Map(); // composer id → {lines, editor, toolbar}
  let toast = '';

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) if (value !== null && value !== undefined) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };

  function cookie(name) {
    const match = new RegExp(`(?:^|; )${name}=([^;]*)`).exec(document.cookie);
    return match ? decodeURIComponent(match[1]) : null;
  }
  const loggedIn = () => config.accounts.find((a) => `u=${a.user_id}` === cookie('twid')) ?? null;

  function sideNav() {
    const account = loggedIn();
    const nav = el('nav', { 'aria-label': 'Primary role navigation', role: 'navigation' });
    if (!account) return nav;
    const shown = config.staleSwitcherHandle ?? account.handle;
    if (config.profileLink !== false) nav.append(el('a', { 'data-testid': 'AppTabBar_Profile_Link', href: `/${account.handle}`, role: 'link', 'aria-label': 'Profile' }, 'Profile'));
    if (config.switcher !== 'none') {
      const tag = config.switcherTag ?? 'button';
      const switcher = el(tag, { 'data-testid': 'SideNav_AccountSwitcher_Button', 'aria-label': 'Account menu', role: tag === 'div' ? 'button' : null },
        el('div', { 'data-testid': `UserAvatar-Container-${shown}` }, el('img', { alt: '', src: 'data:,' })));
      if (config.switcher !== 'avatar') switcher.append(el('span', {}, account.name), el('span', {}, ` @${shown}`));
      nav.append(switcher);
    }
    return nav;
  }

  function blocks(lines) {
    return el('div', { 'data-contents': 'true' }, ...lines.map((line, i) =>
      el('div', { 'data-block': 'true', 'data-editor': 'e1', 'data-offset-key': `k${i}-0-0` },
        el('div', { 'data-offset-key': `k${i}-0-0`, class: 'public-DraftStyleDefault-block' },
          el('span', { 'data-offset-key': `k${i}-0-0` }, line === '' ? el('br', { 'data-text': 'true' }) : el('span', { 'data-text': 'true' }, line))))));
  }

  function postButton(id) {
    const state = composers.get(id);
    const empty = state.lines.join('').trim() === '';
    const tag = config.buttonTag ?? 'button';
    return el(tag, { 'data-testid': id === 'home' ? 'tweetButtonInline' : 'tweetButton', role: tag === 'div' ? 'button' : null, 'aria-disabled': empty ? 'true' : null, tabindex: '0', 'data-composer': id },
      el('span', {}, 'Post'));
  }

  // Re-renders the editor's blocks (caret to the end) and replaces the post button with a new
  // element, as React does while the user types.
  function renderComposer(id) {
    const state = composers.get(id);
    state.editor.replaceChildren(blocks(state.lines));
    state.toolbar.replaceChildren(postButton(id));
    if (document.activeElement === state.editor) {
      const range = document.createRange();
      range.selectNodeContents(state.editor);
      range.collapse(false);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }
  }

  function composer(id) {
    const state = { lines: [''] };
    composers.set(id, state);
    state.editor = el('div', { class: 'public-DraftEditor-content', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Post text', 'data-testid': 'tweetTextarea_0', 'data-composer': id, spellcheck: 'false' });
    state.toolbar = el('div', { 'data-testid': 'toolBar' });
    const box = el('div', { 'data-testid': 'composer', 'data-composer': id }, el('div', { class: 'DraftEditor-root' }, state.editor), state.toolbar);
    renderComposer(id);
    return box;
  }

  function render() {
    composers.clear();
    root.replaceChildren(
      el('header', { role: 'banner' }, sideNav()),
      el('main', { role: 'main' }, el('div', { 'data-testid': 'primaryColumn' }, composer('home'))),
      el('div', { 'data-testid': 'toast', role: 'alert' }, toast));
  }

  function setToast(text) {
    toast = text;
    document.querySelector('[data-testid="toast"]').textContent = text;
  }

  function submit(id) {
    const state = composers.get(id);
    const text = state.lines.join('\n');
    if (text.trim() === '') return;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/i/api/graphql/${config.queryIds.CreateTweet}/CreateTweet`);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('x-csrf-token', cookie('ct0') ?? '');
    xhr.setRequestHeader('authorization', 'Bearer AAAAreplica');
    xhr.setRequestHeader('x-twitter-auth-type', 'OAuth2Session');
    xhr.onload = () => {
      if (xhr.status !== 200) return setToast('Something went wrong. Try reloading.');
      state.lines = [''];
      renderComposer(id);
      setToast('Your post was sent.');
    };
    xhr.onerror = () => setToast('Something went wrong. Try reloading.');
    setToast('');
    xhr.send(JSON.stringify({
      variables: { tweet_text: text, dark_request: false, media: { media_entities: [], possibly_sensitive: false }, semantic_annotation_ids: [] },
      features: { premium_content_api_read_enabled: false },
      queryId: config.queryIds.CreateTweet,
    }));
  }

  function switchTo(account) {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/i/api/1.1/account/multi/switch.json');
    xhr.setRequestHeader('content-type', 'application/x-www-form-urlencoded');
    xhr.onload = () => {
      const domain = location.hostname.split('.').slice(-2).join('.');
      document.cookie = `twid=${encodeURIComponent(`u=${account.user_id}`)}; domain=.${domain}; path=/; secure`;
      layers.replaceChildren();
      render();
    };
    xhr.send(`user_id=${account.user_id}`);
  }

  function openAccountMenu() {
    const current = loggedIn();
    const menu = el('div', { role: 'menu', 'data-testid': 'Dropdown' });
    for (const account of config.accounts) {
      if (account === current) continue;
      menu.append(el('div', { 'data-testid': 'UserCell' }, el('button', { 'aria-label': `Switch to @${account.handle}`, 'data-switch': account.user_id }, `${account.name} @${account.handle}`)));
    }
    layers.replaceChildren(menu);
  }

  // One listener per event type on the root container and #layers, as React 17+ attaches them.
  for (const container of [root, layers]) {
    container.addEventListener('click', (event) => {
      const button = event.target.closest('[data-testid^="tweetButton"]');
      if (button && button.getAttribute('aria-disabled') !== 'true') return submit(button.getAttribute('data-composer'));
      if (event.target.closest('[data-testid="SideNav_AccountSwitcher_Button"]')) return openAccountMenu();
      const switchButton = event.target.closest('[data-switch]');
      if (switchButton) switchTo(config.accounts.find((a) => a.user_id === switchButton.getAttribute('data-switch')));
    });
    container.addEventListener('keydown', (event) => {
      const editor = event.target.closest?.('[contenteditable="true"][data-composer]');
      if (!editor || event.key !== 'Enter') return;
      event.preventDefault();
      const id = editor.getAttribute('data-composer');
      if (event.ctrlKey || event.metaKey) return submit(id); // Draft.js's own keyboard post
      composers.get(id).lines.push(''); // a plain Enter starts a new block
      renderComposer(id);
    });
    container.addEventListener('beforeinput', (event) => {
      const editor = event.target.closest?.('[contenteditable="true"][data-composer]');
      if (!editor) return;
      event.preventDefault();
      const state = composers.get(editor.getAttribute('data-composer'));
      const selection = getSelection();
      const replacing = selection && !selection.isCollapsed;
      if (replacing && event.inputType !== 'insertText') state.lines = [''];
      else if (replacing) state.lines = [''];
      const last = state.lines.length - 1;
      if (event.inputType === 'insertText' || event.inputType === 'insertReplacementText') state.lines[last] += event.data ?? event.dataTransfer?.getData('text/plain') ?? '';
      else if (event.inputType === 'insertParagraph' || event.inputType === 'insertLineBreak') state.lines.push('');
      else if (event.inputType.startsWith('deleteContent') && !replacing) {
        if (state.lines[last] === '' && last > 0) state.lines.pop();
        else state.lines[last] = state.lines[last].slice(0, -1);
      }
      renderComposer(editor.getAttribute('data-composer'));
    });
  }

  render();
})();
