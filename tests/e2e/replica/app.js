// A local replica of the x.com web app, as ../shared/x-web-ui.md describes it: handlers
// delegated at the root containers as React does, Draft.js-shaped editors (or the mobile
// layout's <textarea>) that handle Ctrl/Cmd+Enter themselves, buttons re-rendered while typing, posts sent with XMLHttpRequest
// to /i/api/graphql/<id>/<Operation>, an account switch that changes twid without a reload,
// every composer the guard must cover (home, modal, inline and dialog replies, quotes, threads,
// scheduled posts, legacy DMs, XChat) and the engagement actions (repost, like, follow).
// Like X, it ignores event.isTrusted: only the guard may stop a scripted post.
(() => {
  const config = JSON.parse(document.getElementById('replica-config').textContent);
  const root = document.getElementById('react-root');
  const layers = document.getElementById('layers');
  const composers = new Map(); // composer id → state
  const STATUS_ID = '1800000000000000042';

  // `lang: 'ar'`: the page in Arabic, right to left, as X serves it to an Arabic user: every
  // word differs, the test ids do not.
  const ARABIC = {
    Post: 'نشر', 'Post all': 'نشر الكل', Reply: 'رد', Schedule: 'جدولة', 'Account menu': 'قائمة الحساب', Profile: 'الملف الشخصي',
    'Add post': 'إضافة منشور', 'Post text': 'نص المنشور', Compose: 'إنشاء', Repost: 'إعادة نشر', Like: 'إعجاب', Send: 'إرسال', Message: 'رسالة',
  };
  const w = (english) => (config.lang === 'ar' ? ARABIC[english] ?? english : english);

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

  function api(path, body, contentType, onDone) {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('x-csrf-token', cookie('ct0') ?? '');
    xhr.setRequestHeader('authorization', 'Bearer AAAAreplica');
    xhr.setRequestHeader('x-twitter-auth-type', 'OAuth2Session');
    xhr.onload = () => onDone(xhr.status === 200 ? JSON.parse(xhr.responseText || '{}') : null);
    xhr.onerror = () => onDone(null);
    xhr.send(body);
  }
  const graphql = (operation, variables, onDone) =>
    api(`/i/api/graphql/${config.queryIds[operation] ?? 'q1'}/${operation}`, JSON.stringify({ variables, features: { premium_content_api_read_enabled: false }, queryId: config.queryIds[operation] ?? 'q1' }), 'application/json', onDone);

  function setToast(text) {
    document.querySelector('[data-testid="toast"]').textContent = text;
  }

  function sideNav() {
    const account = loggedIn();
    const nav = el('nav', { 'aria-label': 'Primary role navigation', role: 'navigation' });
    if (!account) return nav;
    const shown = config.staleSwitcherHandle ?? account.handle;
    if (config.profileLink !== false) nav.append(el('a', { 'data-testid': 'AppTabBar_Profile_Link', href: `/${account.handle}`, role: 'link', 'aria-label': w('Profile') }, w('Profile')));
    if (config.switcher !== 'none') {
      const tag = config.switcherTag ?? 'button';
      const switcher = el(tag, { 'data-testid': 'SideNav_AccountSwitcher_Button', 'aria-label': w('Account menu'), role: tag === 'div' ? 'button' : null },
        el('div', { 'data-testid': `UserAvatar-Container-${shown}` }, el('img', { alt: '', src: 'data:,' })));
      // Right to left, X isolates the handle in its own direction.
      const handle = config.lang === 'ar' ? ` \u2066@${shown}\u2069` : ` @${shown}`;
      if (config.switcher !== 'avatar') switcher.append(el('span', {}, config.displayName ?? account.name), el('span', {}, handle));
      nav.append(switcher);
    }
    return nav;
  }

  // ---- Draft.js-shaped composers -------------------------------------------------------------

  function blocks(lines) {
    return el('div', { 'data-contents': 'true' }, ...lines.map((line, i) =>
      el('div', { 'data-block': 'true', 'data-offset-key': `k${i}-0-0` },
        el('div', { 'data-offset-key': `k${i}-0-0`, class: 'public-DraftStyleDefault-block' },
          el('span', { 'data-offset-key': `k${i}-0-0` }, line === '' ? el('br', { 'data-text': 'true' }) : el('span', { 'data-text': 'true' }, line))))));
  }

  const textOf = (post) => post.join('\n');

  function postButton(id) {
    const state = composers.get(id);
    const empty = state.posts.every((post) => textOf(post).trim() === '');
    const label = w(state.mode === 'schedule' ? 'Schedule' : state.posts.length > 1 ? 'Post all' : state.mode === 'reply' ? 'Reply' : 'Post');
    const tag = config.buttonTag ?? 'button';
    return el(tag, { 'data-testid': state.inline ? 'tweetButtonInline' : 'tweetButton', role: tag === 'div' ? 'button' : null, 'aria-disabled': empty ? 'true' : null, tabindex: '0', 'data-composer': id },
      el('span', {}, label));
  }

  // A button that posts the thread's post `index` alone.
  function onePostButton(id, index) {
    const tag = config.buttonTag ?? 'button';
    return el(tag, { 'data-testid': 'tweetButtonInline', role: tag === 'div' ? 'button' : null, tabindex: '0', 'data-composer': id, 'data-post-one': String(index) }, el('span', {}, w('Post')));
  }

  // Re-renders the editors' blocks (caret to the end of the focused one) and replaces the
  // post button with a new element, as React does while the user types. A textarea (the
  // mobile layout) keeps its own text, set only when the composer empties it.
  function renderComposer(id) {
    const state = composers.get(id);
    state.posts.forEach((post, index) => {
      const editor = state.editors[index];
      if (editor.tagName === 'TEXTAREA') {
        if (editor.value !== textOf(post)) editor.value = textOf(post);
        return;
      }
      editor.replaceChildren(blocks(post));
      if (document.activeElement === editor) {
        const range = document.createRange();
        range.selectNodeContents(editor);
        range.collapse(false);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      }
    });
    // `postEach`: a thread shows a post button beside each post as well as "Post all", so a
    // composer holds several post buttons (the one pressed is the one that must post).
    state.editors.forEach((editor, index) => {
      editor.parentElement.querySelector('[data-post-one]')?.remove();
      if (config.postEach && state.posts.length > 1) editor.parentElement.append(onePostButton(id, index));
    });
    state.toolbar.replaceChildren(postButton(id));
    // `toolbarButton`: a focusable toolbar button beside the post button (X's media button).
    if (config.toolbarButton) state.toolbar.append(el('button', { 'aria-label': w('Add photos or video'), 'data-toolbar': 'media', 'data-composer': id }, '+'));
    if (!state.inline && state.mode !== 'schedule') state.toolbar.append(el('div', { 'data-testid': 'addButton', role: 'button', 'aria-label': w('Add post'), 'data-composer': id }, '+'));
  }

  // Returns a post's editor, in a wrapper: Draft.js on desktop, a real <textarea> in the
  // mobile layout (`config.editor === 'textarea'`). `editorTestId` renames its test id, as a
  // new X build might.
  function editor(id, index) {
    const testId = `${config.editorTestId ?? 'tweetTextarea_'}${index}`;
    if (config.editor === 'textarea') {
      return el('div', {}, el('textarea', { 'data-testid': testId, 'data-composer': id, 'data-index': String(index), 'aria-label': w('Post text'), placeholder: 'What is happening?!' }));
    }
    return el('div', { class: 'DraftEditor-root' }, el('div', {
      class: 'public-DraftEditor-content', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', 'aria-label': w('Post text'),
      'data-testid': testId, 'data-composer': id, 'data-index': String(index), spellcheck: 'false',
    }));
  }

  // Returns a composer element. `mode`: post | reply | quote | schedule.
  function composer(id, { mode = 'post', inline = false } = {}) {
    const state = { mode, inline, posts: [['']], editors: [] };
    composers.set(id, state);
    state.list = el('div', { 'data-testid': 'editors' });
    state.toolbar = el('div', { 'data-testid': 'toolBar' });
    const box = el('div', { 'data-testid': 'composer', 'data-composer': id });
    if (mode === 'reply' && inline) box.append(el('div', {}, 'Replying to @acmecars'));
    box.append(state.list);
    // The quoted post, with no test id of its own (x-web-ui.md names none).
    if (mode === 'quote') box.append(el('div', { role: 'link' }, tweetArticle({ quoted: true })));
    box.append(state.toolbar);
    addPost(id, false);
    return box;
  }

  function addPost(id, push = true) {
    const state = composers.get(id);
    if (push) state.posts.push(['']);
    const node = editor(id, state.editors.length);
    state.editors.push(node.firstChild);
    state.list.append(node);
    renderComposer(id);
    if (push) node.firstChild.focus();
  }

  // Sends composer `id`'s posts (only its post `only` when given).
  function submit(id, only = null) {
    if (config.neverSend) return; // a page that swallows the click: an approval goes unused
    const state = composers.get(id);
    const texts = state.posts.filter((post, index) => only === null || index === only).map(textOf).filter((text) => text.trim() !== '').map((text) => (config.mangleText ? text + config.mangleText : text));
    if (texts.length === 0) return;
    setToast('');
    const done = (ok, why = null) => {
      if (!ok) return setToast(why ?? 'Something went wrong. Try reloading.');
      state.posts = state.posts.map(() => ['']);
      renderComposer(id);
      setToast(state.mode === 'schedule' ? 'Your post was scheduled.' : 'Your post was sent.');
      if (!state.inline) layers.replaceChildren();
    };
    if (state.mode === 'schedule') {
      return graphql('CreateScheduledTweet', { post_tweet_request: { auto_populate_reply_metadata: false, status: texts[0], exclude_reply_user_ids: [], media_ids: [] }, execute_at: config.executeAt ?? 1900000000 }, (r) => done(r !== null));
    }
    const sendFrom = (index, previousId) => {
      if (index === texts.length) return done(true);
      const variables = { tweet_text: texts[index], dark_request: false, media: { media_entities: [], possibly_sensitive: false }, semantic_annotation_ids: [] };
      if (texts.length > 1) variables.batch_compose = index === 0 ? 'BatchFirst' : 'BatchSubsequent';
      // `threadReplyTo` breaks the chain on purpose: a later post answering another post.
      const replyTo = index > 0 ? (config.threadReplyTo ?? previousId) : state.mode === 'reply' ? STATUS_ID : null;
      if (replyTo) variables.reply = { in_reply_to_tweet_id: replyTo, exclude_reply_user_ids: [] };
      if (state.mode === 'quote' && index === 0) variables.attachment_url = `https://twitter.com/acmecars/status/${STATUS_ID}`;
      // A post longer than 280 characters goes as a long post (CreateNoteTweet, answered under
      // `notetweet_create`). X answers a refused post 200 with an `errors` list and no post: the
      // toast says why.
      const long = [...texts[index]].length > 280;
      if (long) variables.richtext_options = { richtext_tags: [] };
      graphql(long ? 'CreateNoteTweet' : 'CreateTweet', variables, (r) => {
        const created = r?.data?.create_tweet ?? r?.data?.notetweet_create;
        return created ? sendFrom(index + 1, created.tweet_results.result.rest_id) : done(false, r?.errors?.[0]?.message);
      });
    };
    sendFrom(0, null);
  }

  function openComposerLayer(mode) {
    const dialog = el('div', { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-header' }, el('h2', { id: 'modal-header' }, w(mode === 'reply' ? 'Reply' : 'Compose')));
    if (mode === 'reply') dialog.append(tweetArticle());
    dialog.append(composer('modal', { mode }));
    layers.replaceChildren(dialog);
    dialog.querySelector('[data-composer][data-index]').focus();
  }

  // ---- the timeline: a post with its actions -----------------------------------------------

  function tweetArticle({ quoted = false } = {}) {
    const article = el('article', { 'data-testid': 'tweet', role: 'article' },
      el('div', { 'data-testid': 'User-Name' }, 'Acme Cars @acmecars'),
      el('div', { 'data-testid': 'tweetText', lang: 'en' }, 'Our new model is out.'));
    if (!quoted) {
      article.append(el('div', { role: 'group' },
        el('button', { 'data-testid': 'reply', 'aria-label': w('Reply') }, w('Reply')),
        el('button', { 'data-testid': 'retweet', 'aria-label': w('Repost') }, w('Repost')),
        el('button', { 'data-testid': 'like', 'aria-label': w('Like') }, w('Like')),
        el('button', { 'data-testid': '1500000000000000077-follow', 'aria-label': 'Follow @acmefans' }, 'Follow')));
    }
    return article;
  }

  function openRepostMenu() {
    layers.replaceChildren(el('div', { 'data-testid': 'Dropdown', role: 'menu' },
      el('div', { 'data-testid': config.repostItem ?? 'retweetConfirm', role: 'menuitem' }, w('Repost')),
      el('a', { role: 'menuitem', href: '/compose/post', 'data-quote': 'true' }, 'Quote')));
  }

  // ---- DMs ------------------------------------------------------------------------------------

  function legacyDm() {
    const input = el('div', { 'data-testid': 'dmComposerTextInput', contenteditable: 'true', role: 'textbox', 'data-dm': 'legacy', 'aria-label': 'Start a new message' });
    const send = el('button', { 'data-testid': 'dmComposerSendButton', 'aria-label': w('Send'), 'data-dm-send': 'legacy' }, w('Send'));
    return el('aside', { 'aria-label': 'Start a new message' }, input, send);
  }

  function xchat() {
    const textarea = el('textarea', { 'data-testid': 'dm-composer-textarea', 'data-dm': 'xchat', placeholder: w('Message') });
    const bar = el('div', { 'data-testid': 'dm-composer-bar' }, textarea);
    return el('section', { 'aria-label': 'Chat' }, bar);
  }

  function sendDm(kind) {
    if (kind === 'legacy') {
      const input = document.querySelector('[data-testid="dmComposerTextInput"]');
      const text = input.textContent;
      if (!text.trim()) return;
      const sent = (r) => {
        if (r) input.textContent = '';
        setToast(r ? 'Message sent.' : 'Message failed to send.');
      };
      // `dmGraphql`: the newer client sends it as the GraphQL useSendMessageMutation.
      if (config.dmGraphql) return graphql('useSendMessageMutation', { conversation_id: '1500000000000000001-1500000000000000077', message: { text: { text } }, requestId: 'r1' }, sent);
      return api('/i/api/1.1/dm/new2.json', JSON.stringify({ conversation_id: '1500000000000000001-1500000000000000077', text, cards_platform: 'Web-12' }), 'application/json', sent);
    }
    const textarea = document.querySelector('[data-testid="dm-composer-textarea"]');
    if (!textarea.value.trim()) return;
    // XChat is end-to-end encrypted: the wire carries no readable text.
    const ciphertext = btoa(String.fromCharCode(...new TextEncoder().encode(textarea.value)).split('').reverse().join(''));
    api('/i/api/graphql/xc1/SendXChatMessage', JSON.stringify({ variables: { conversation_id: 'g1', encrypted_payload: ciphertext } }), 'application/json', (r) => {
      if (r) textarea.value = '';
      updateXchatButton();
      setToast(r ? 'Message sent.' : 'Message failed to send.');
    });
  }

  // XChat shows its send button only once text is typed; `xchatSendButtonDelayMs` shows it
  // that long after the last key, as a slow render would (Enter may come first).
  let xchatButtonTimer = null;
  function xchatTyped() {
    if (!config.xchatSendButtonDelayMs) return updateXchatButton();
    document.querySelector('[data-testid="dm-composer-send-button"]')?.remove();
    clearTimeout(xchatButtonTimer);
    xchatButtonTimer = setTimeout(updateXchatButton, config.xchatSendButtonDelayMs);
    return undefined;
  }

  function updateXchatButton() {
    const bar = document.querySelector('[data-testid="dm-composer-bar"]');
    const textarea = bar.querySelector('textarea');
    bar.querySelector('[data-testid="dm-composer-send-button"]')?.remove();
    const tag = config.buttonTag ?? 'button';
    if (textarea.value.trim() !== '') bar.append(el(tag, { 'data-testid': 'dm-composer-send-button', 'aria-label': w('Send'), 'data-dm-send': 'xchat', role: tag === 'div' ? 'button' : null, tabindex: tag === 'div' ? '0' : null }, w('Send')));
  }

  // ---- pages ----------------------------------------------------------------------------------

  function render() {
    composers.clear();
    const path = location.pathname;
    const primary = el('div', { 'data-testid': 'primaryColumn' });
    if (/^\/messages\//.test(path)) primary.append(legacyDm());
    else if (/^\/i\/chat\//.test(path)) primary.append(xchat());
    else if (/\/status\/\d+/.test(path)) primary.append(tweetArticle(), composer('inline', { mode: 'reply', inline: true }));
    else primary.append(composer('home', { inline: true }), tweetArticle());
    root.replaceChildren(
      el('header', { role: 'banner' }, sideNav()),
      el('main', { role: 'main' }, primary),
      el('div', { 'data-testid': 'toast', role: 'alert' }));
    if (path === '/compose/post') openComposerLayer('post');
    if (path === '/compose/post/schedule') openComposerLayer('schedule');
  }

  function switchTo(account) {
    api('/i/api/1.1/account/multi/switch.json', `user_id=${account.user_id}`, 'application/x-www-form-urlencoded', () => {
      const domain = location.hostname.split('.').slice(-2).join('.');
      document.cookie = `twid=${encodeURIComponent(`u=${account.user_id}`)}; domain=.${domain}; path=/; secure`;
      layers.replaceChildren();
      render();
    });
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

  // Presses what `target` is in: a click, or Enter/Space on a focused <div role="button">.
  function press(target, event) {
    const button = target.closest('[data-testid^="tweetButton"]');
    const one = button?.getAttribute('data-post-one');
    if (button) return button.getAttribute('aria-disabled') !== 'true' && submit(button.getAttribute('data-composer'), one ? Number(one) : null);
    const add = target.closest('[data-testid="addButton"]');
    if (add) return addPost(add.getAttribute('data-composer'));
    if (target.closest('[data-testid="SideNav_AccountSwitcher_Button"]')) return openAccountMenu();
    const switchButton = target.closest('[data-switch]');
    if (switchButton) return switchTo(config.accounts.find((a) => a.user_id === switchButton.getAttribute('data-switch')));
    if (target.closest('[data-testid="reply"]')) return openComposerLayer('reply');
    if (target.closest('[data-testid="retweet"]')) return openRepostMenu();
    if (target.closest('[data-testid="retweetConfirm"], [data-testid="repostConfirm"]')) {
      layers.replaceChildren();
      return graphql('CreateRetweet', { tweet_id: STATUS_ID, dark_request: false }, (r) => setToast(r ? 'Reposted.' : 'Something went wrong.'));
    }
    if (target.closest('[data-quote]')) {
      event.preventDefault();
      return openComposerLayer('quote');
    }
    if (target.closest('[data-testid="like"]')) return graphql('FavoriteTweet', { tweet_id: STATUS_ID }, (r) => setToast(r ? 'Liked.' : 'Something went wrong.'));
    const follow = target.closest('[data-testid$="-follow"]');
    if (follow) return api('/i/api/1.1/friendships/create.json', `user_id=${follow.getAttribute('data-testid').split('-')[0]}&include_profile_interstitial_type=1`, 'application/x-www-form-urlencoded', (r) => setToast(r ? 'Followed.' : 'Something went wrong.'));
    const dmSend = target.closest('[data-dm-send]');
    if (dmSend) return sendDm(dmSend.getAttribute('data-dm-send'));
    return undefined;
  }

  // One listener per event type on each root container, as React 17+ attaches them.
  for (const container of [root, layers]) {
    container.addEventListener('click', (event) => press(event.target, event));
    container.addEventListener('keydown', (event) => {
      // A <div role="button"> presses itself on Enter or Space, with no click (as React Native
      // for Web's Pressable does); a <button> leaves that to the browser's click.
      const pressable = event.target.closest?.('[role="button"]');
      if (pressable && pressable.tagName !== 'BUTTON' && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        return press(pressable, event);
      }
      // Both DM composers send on Enter; Shift+Enter is their new line.
      const dm = event.target.closest?.('[data-dm]');
      if (dm && event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        if (dm.getAttribute('data-dm') === 'legacy') return sendDm('legacy');
        // "Enter sends" does not say on which edge of the key: `xchatSendsOnKeyup` sends on its release.
        return config.xchatSendsOnKeyup ? undefined : sendDm('xchat');
      }
      // `toolbarCtrlEnterPosts`: Ctrl/Cmd+Enter posts from the toolbar too (else it does nothing there).
      const tool = event.target.closest?.('[data-toolbar]');
      if (tool && config.toolbarCtrlEnterPosts && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        return submit(tool.getAttribute('data-composer'));
      }
      const target = event.target.closest?.('[data-composer][data-index]');
      if (!target || event.key !== 'Enter') return undefined;
      const id = target.getAttribute('data-composer');
      if (event.ctrlKey || event.metaKey) { // the composer's own keyboard post
        event.preventDefault();
        return submit(id);
      }
      if (target.tagName === 'TEXTAREA') return undefined; // a plain Enter: the textarea's own new line
      event.preventDefault();
      composers.get(id).posts[Number(target.getAttribute('data-index'))].push(''); // a plain Enter starts a new block
      return renderComposer(id);
    });
    container.addEventListener('keyup', (event) => {
      if (config.xchatSendsOnKeyup && event.key === 'Enter' && !event.shiftKey && event.target.closest?.('[data-dm="xchat"]')) sendDm('xchat');
    });
    container.addEventListener('input', (event) => {
      if (event.target.closest?.('[data-dm="xchat"]')) xchatTyped();
      const textarea = event.target.closest?.('textarea[data-composer]');
      if (textarea) {
        const id = textarea.getAttribute('data-composer');
        composers.get(id).posts[Number(textarea.getAttribute('data-index'))] = textarea.value.split('\n');
        renderComposer(id); // the post button follows the text
      }
    });
    container.addEventListener('beforeinput', (event) => {
      const target = event.target.closest?.('[contenteditable="true"][data-composer]');
      if (!target) return;
      event.preventDefault();
      const id = target.getAttribute('data-composer');
      const state = composers.get(id);
      const index = Number(target.getAttribute('data-index'));
      const selection = getSelection();
      if (selection && !selection.isCollapsed) state.posts[index] = [''];
      const post = state.posts[index];
      const last = post.length - 1;
      if (event.inputType === 'insertText' || event.inputType === 'insertReplacementText') post[last] += event.data ?? event.dataTransfer?.getData('text/plain') ?? '';
      else if (event.inputType === 'insertParagraph' || event.inputType === 'insertLineBreak') post.push('');
      else if (event.inputType.startsWith('deleteContent') && selection?.isCollapsed !== false) {
        if (post[last] === '' && last > 0) post.pop();
        else post[last] = post[last].slice(0, -1);
      }
      renderComposer(id);
    });
  }

  // A re-render that changes the editors' keys: React replaces each editor element with a new
  // one, its text kept (a test asks for it with the `replica:rerender` event, as the page's own
  // state changes would at any time).
  document.addEventListener('replica:rerender', () => {
    for (const [id, state] of composers) {
      state.editors = state.editors.map((old) => {
        const fresh = old.cloneNode(false);
        old.replaceWith(fresh);
        return fresh;
      });
      renderComposer(id);
    }
  });

  render();
})();
