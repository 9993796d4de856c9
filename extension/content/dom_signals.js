// Reads X's page: who the page says is logged in, which elements post, and what a composer
// holds. Matches on data-testid, roles and routes only (../shared/x-web-ui.md). Pure DOM logic,
// no browser API: unit-tested on fixtures under jsdom.
'use strict';
(() => {
  const hg = (globalThis.handleguard ??= {});

  const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
  // A display name may mention other handles ("Jane (@acme)"); the switcher's own comes last.
  const AT_HANDLES = /@([A-Za-z0-9_]{1,15})\b/g;
  const AVATAR_PREFIX = 'UserAvatar-Container-';
  // Post composers, the legacy DM box and XChat's textarea.
  const COMPOSER_TEXT = '[data-testid^="tweetTextarea_"], [data-testid="dmComposerTextInput"], [data-testid="dm-composer-textarea"]';
  const DM_TEXT = '[data-testid="dmComposerTextInput"], [data-testid="dm-composer-textarea"]';
  // Both DM composers (XChat, and the legacy box) send on a plain Enter and take Shift+Enter as
  // a new line; in post composers Enter types a new line. Legacy DMs are readable on the wire
  // too, but judging the key here holds them before X tries to send anything, and without the
  // network guard.
  const ENTER_SENDS = DM_TEXT;
  const POST_BUTTON = '[data-testid^="tweetButton"], [data-testid="dmComposerSendButton"], [data-testid="dm-composer-send-button"]';
  // First path segments that are X's own routes, not profiles.
  const RESERVED_PATHS = new Set(['i', 'home', 'explore', 'notifications', 'messages', 'settings', 'compose', 'search', 'login', 'logout', 'signup', 'tos', 'privacy', 'jobs']);

  // Where the inline script sets the page state; other scripts may only read it.
  const STATE_SET = /__INITIAL_STATE__\s*=\s*\{/;
  const USER_ID = /^[0-9]{1,20}$/;
  // A page state names the users its page load showed (timeline authors too); more is junk.
  const MAX_STATE_USERS = 2000;
  const stateRead = new WeakMap(); // inline script → what pageStateUsers read from it
  let stateScript = null; // found once: signals are read on every change of the navigation

  // Returns the object literal that starts at `text[start]` ('{'), or null: JSON from X's
  // server, so strings are JSON strings and braces inside them do not count.
  function objectAt(text, start) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i += 1) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i += 1;
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
      } else if (c === '{') {
        depth += 1;
      } else if (c === '}' && (depth -= 1) === 0) {
        try {
          return JSON.parse(text.slice(start, i + 1));
        } catch (error) {
          console.debug('handleguard: unreadable page state:', error.message);
          return null;
        }
      }
    }
    return null;
  }

  // Returns {<user id>: <screen_name>} from the inline script holding window.__INITIAL_STATE__
  // (entities.users.entities), or null. A snapshot from page load: the service worker only
  // takes the entry of the twid cookie's user id, so after a switch without a reload it says
  // nothing rather than something stale. Read once per script: the state can be megabytes.
  function readPageStateUsers(doc) {
    if (!stateScript?.isConnected || stateScript.ownerDocument !== doc) {
      stateScript = [...doc.querySelectorAll('script:not([src])')].find((s) => STATE_SET.test(s.textContent ?? '')) ?? null;
    }
    const script = stateScript;
    if (!script) return null;
    if (stateRead.has(script)) return stateRead.get(script);
    const text = script.textContent;
    const set = STATE_SET.exec(text);
    const entities = set ? objectAt(text, set.index + set[0].length - 1)?.entities?.users?.entities : null;
    let users = null;
    if (entities && typeof entities === 'object' && !Array.isArray(entities)) {
      users = {};
      for (const [id, user] of Object.entries(entities).slice(0, MAX_STATE_USERS)) {
        const handle = user?.screen_name;
        if (USER_ID.test(id) && typeof handle === 'string' && HANDLE.test(handle)) users[id] = handle;
      }
      if (Object.keys(users).length === 0) users = null;
    }
    stateRead.set(script, users);
    return users;
  }

  // Returns the handle each page signal shows, or null where the layout shows none:
  // the avatar test id inside the account switcher, the switcher's "@handle" text, and the
  // profile tab link; and the page state's users by id (readPageStateUsers), for the service
  // worker to look up the cookie's user id in.
  function readAccountSignals(doc) {
    const signals = { switcherAvatar: null, switcherText: null, profileLink: null, pageStateUsers: readPageStateUsers(doc) };
    const switcher = doc.querySelector('[data-testid="SideNav_AccountSwitcher_Button"]');
    if (switcher) {
      const avatar = switcher.querySelector(`[data-testid^="${AVATAR_PREFIX}"]`);
      const suffix = avatar?.getAttribute('data-testid').slice(AVATAR_PREFIX.length);
      if (suffix && HANDLE.test(suffix)) signals.switcherAvatar = suffix;
      const text = [...(switcher.textContent ?? '').matchAll(AT_HANDLES)].at(-1);
      if (text) signals.switcherText = text[1];
    }
    const link = doc.querySelector('[data-testid="AppTabBar_Profile_Link"]');
    const href = link?.getAttribute('href');
    if (href) {
      const first = href.replace(/^https?:\/\/[^/]+/, '').split(/[/?#]/)[1] ?? '';
      if (HANDLE.test(first) && !RESERVED_PATHS.has(first.toLowerCase())) signals.profileLink = first;
    }
    return signals;
  }

  // Returns the post button `target` is in, or null.
  function postButtonOf(target) {
    return target instanceof target.ownerDocument.defaultView.Element ? target.closest(POST_BUTTON) : null;
  }

  // Returns the composer text field `target` is in (Draft.js editor or textarea), or null.
  function composerFieldOf(target) {
    const Element = target?.ownerDocument?.defaultView?.Element;
    return Element && target instanceof Element ? target.closest(COMPOSER_TEXT) : null;
  }

  // Returns the nearest ancestor of `element` holding both a composer field and a post button:
  // one composer (home box, modal, inline reply, thread).
  function composerScopeOf(element) {
    for (let node = element; node; node = node.parentElement) {
      if (node.querySelector(COMPOSER_TEXT) && node.querySelector(POST_BUTTON)) return node;
    }
    return null;
  }

  // Returns the composer `field` belongs to: the nearest ancestor holding a post button too, or,
  // while X shows none (XChat draws its send button only once text is typed, sometimes later),
  // the field's own wrapper, so that what it holds can still be judged.
  function composerOfField(field) {
    return composerScopeOf(field) ?? field.parentElement ?? field;
  }

  // Returns the composer fields of `scope` in thread order (tweetTextarea_0, _1, ...). The
  // index is read right after the prefix: only the prefix is promised, not what may follow.
  function composerFields(scope) {
    const fields = [...scope.querySelectorAll(COMPOSER_TEXT)].filter((field) => !field.parentElement?.closest(COMPOSER_TEXT));
    const index = (field) => Number(/^tweetTextarea_(\d+)/.exec(field.getAttribute('data-testid'))?.[1] ?? 0);
    return fields.sort((a, b) => index(a) - index(b));
  }

  // Returns the text a composer field holds: a textarea's value, or a Draft.js editor's blocks
  // joined by newlines.
  function fieldText(field) {
    if ('value' in field && (field.tagName === 'TEXTAREA' || field.tagName === 'INPUT')) return field.value;
    const inner = field.querySelector('textarea');
    if (inner) return inner.value;
    const blocks = field.querySelectorAll('[data-block="true"]');
    if (blocks.length > 0) return [...blocks].map((block) => block.textContent ?? '').join('\n');
    return field.textContent ?? '';
  }

  // Returns the composer's own post button, the one a key that submits from its field stands
  // for: the only post button of `scope`; null when it has none, or several (a thread's buttons
  // beside "Post all": which one the key means is not the guard's to guess).
  function ownPostButton(scope) {
    const buttons = scope.querySelectorAll(POST_BUTTON);
    return buttons.length === 1 ? buttons[0] : null;
  }

  // Returns the one post button of `scope` of the same kind as `pressed` (its test id and role):
  // what stands in for a pressed button React replaced while the verdict was on screen. Null
  // when there is none or several. A thread's "Post all" and a post's own button beside it
  // differ in test id, so one never stands in for the other.
  function samePostButton(scope, pressed) {
    const kind = (button) => [button.getAttribute('data-testid'), button.getAttribute('role')].join('|');
    const same = [...scope.querySelectorAll(POST_BUTTON)].filter((button) => kind(button) === kind(pressed) && composerScopeOf(button) === scope);
    return same.length === 1 ? same[0] : null;
  }

  // Returns whether `button` is disabled the way X marks it.
  function isDisabled(button) {
    return button.getAttribute('aria-disabled') === 'true' || button.disabled === true;
  }

  // Returns true for the keys that send from `field`: Ctrl+Enter / Cmd+Enter everywhere, and
  // in a DM composer every Enter but Shift+Enter (its new line: a handler that sends on Enter without
  // Shift sends on Alt+Enter too); never while an IME composes, never Shift+Enter elsewhere.
  function isSubmitKey(event, field = null) {
    if (event.key !== 'Enter' || event.isComposing) return false;
    if (event.ctrlKey || event.metaKey) return true;
    return !event.shiftKey && field !== null && field.matches(ENTER_SENDS);
  }

  // Returns true for the keys that press a focused button: Enter and Space, as the ARIA button
  // pattern has it. A <button> turns them into a click; X's older <div role="button"> presses
  // itself from the keys, with no click at all.
  function isPressKey(event) {
    return (event.key === 'Enter' || event.key === ' ') && !event.isComposing;
  }

  // Returns the action a composer performs, judged from the route and the composer's context.
  function composerAction(scope, location) {
    if (scope.querySelector(DM_TEXT)) return 'dm';
    if (/\/compose\/post\/schedule/.test(location.pathname)) return 'schedule';
    if (scope.querySelector('[data-testid="quoteTweet"], [data-testid="QuotedTweet"]')) return 'quote';
    const onPostPage = /\/status\/\d+/.test(location.pathname);
    // X gives the quoted post no stable test id (x-web-ui.md): a post shown inside the composer
    // itself is what it quotes (a reply dialog shows its post beside the composer, not in it).
    // Not on a post's page, where the composer answers that post. A wrong guess costs a second
    // verdict, not a post: the wire's `attachment_url` says quote, and an approval for another
    // action does not release it.
    if (!onPostPage && scope.querySelector('[data-testid="tweet"]')) return 'quote';
    if (onPostPage) return 'reply';
    // The reply dialog shows the post being answered beside the composer.
    const dialog = scope.closest('[role="dialog"]');
    if (dialog && [...dialog.querySelectorAll('article[data-testid="tweet"]')].some((a) => !scope.contains(a))) return 'reply';
    return 'post';
  }

  const SIGNAL_ELEMENTS = ['[data-testid="SideNav_AccountSwitcher_Button"]', '[data-testid="AppTabBar_Profile_Link"]'];
  const SIGNAL_CHANGES = { subtree: true, childList: true, attributes: true, attributeFilter: ['data-testid', 'href'] };

  // Returns the nearest element holding every one of `nodes`.
  function commonAncestor(nodes) {
    let scope = nodes[0];
    while (!nodes.every((node) => scope.contains(node))) scope = scope.parentElement;
    return scope;
  }

  // Calls `onChange()` (at most every `intervalMs`, never by polling) when the account signals
  // may have changed. Observes only where they live, so a timeline scrolling by costs nothing:
  // the subtree of the nearest element holding the switcher and the profile link (X's side
  // navigation), plus the child lists of that element's ancestors, which is where a re-render
  // that replaces the navigation shows. Where the page shows no signal (still loading, mobile
  // layouts), it watches the whole body until one appears. Returns a function that stops it.
  function watchAccountSignals(doc, onChange, { intervalMs = 150 } = {}) {
    const Observer = doc.defaultView.MutationObserver;
    let observers = [];
    let timer = null;

    function observe(node, options) {
      const observer = new Observer(changed);
      observer.observe(node, options);
      observers.push(observer);
    }
    function arm() {
      for (const observer of observers) observer.disconnect();
      observers = [];
      const root = doc.body ?? doc.documentElement;
      const shown = SIGNAL_ELEMENTS.map((selector) => doc.querySelector(selector)).filter(Boolean);
      const scope = shown.length > 0 ? commonAncestor(shown) : root;
      if (!scope || scope === root || !root.contains(scope)) {
        observe(root, SIGNAL_CHANGES);
        return;
      }
      observe(scope, SIGNAL_CHANGES);
      for (let node = scope.parentNode; node && node !== doc; node = node.parentNode) observe(node, { childList: true });
    }
    function changed() {
      if (timer !== null) return;
      timer = doc.defaultView.setTimeout(() => {
        timer = null;
        arm(); // the navigation may have been replaced, or a signal shown for the first time
        onChange();
      }, intervalMs);
    }

    arm();
    return () => {
      for (const observer of observers) observer.disconnect();
      observers = [];
      if (timer !== null) doc.defaultView.clearTimeout(timer);
    };
  }

  Object.assign(hg, {
    readAccountSignals,
    watchAccountSignals,
    postButtonOf,
    composerFieldOf,
    composerScopeOf,
    composerOfField,
    composerFields,
    fieldText,
    ownPostButton,
    samePostButton,
    isDisabled,
    isSubmitKey,
    isPressKey,
    composerAction,
  });
})();
