// What the user sees on X: a persistent banner naming the account, and the verdict dialog.
// Both live in one closed shadow root, so X's scripts cannot read client names or rules.
// Built with createElement/textContent only; every string comes from `t` (chrome.i18n).
'use strict';
(() => {
  const hg = (globalThis.handleguard ??= {});

  // Nothing of ours can be selected by hand but what the user types: a selection inside a
  // closed shadow root is still the page's (getSelection().toString(), selectionchange), so the
  // verdict, the rules and the client's name would be readable through it.
  const STYLE = `
    :host { all: initial; user-select: none; -webkit-user-select: none; }
    .banner, .backdrop, .dialog { user-select: none; -webkit-user-select: none; }
    input, textarea { user-select: text; -webkit-user-select: text; }
    .banner { position: fixed; z-index: 2147483646; left: 50%; bottom: 12px; transform: translateX(-50%);
      display: flex; align-items: center; gap: 8px; max-width: min(92vw, 640px); padding: 6px 12px;
      border-radius: 999px; font: 600 13px/1.3 system-ui, sans-serif; color: #0f1419; background: #fff;
      border: 2px solid var(--chip, #536471); box-shadow: 0 2px 10px rgba(0,0,0,.25); }
    .banner.held { border-color: #c0161f; background: #fff0f0; }
    .chip { flex: none; width: 12px; height: 12px; border-radius: 50%; background: var(--chip, #536471); }
    .text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .notice { font-weight: 600; white-space: nowrap; }
    button { font: 600 13px system-ui, sans-serif; border-radius: 999px; padding: 6px 14px; cursor: pointer;
      border: 1px solid #536471; background: #fff; color: #0f1419; }
    button.primary { background: #0f1419; color: #fff; border-color: #0f1419; }
    button.danger { background: #c0161f; color: #fff; border-color: #c0161f; }
    button:focus-visible { outline: 3px solid #1d9bf0; outline-offset: 2px; }
    .backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.4);
      display: flex; align-items: center; justify-content: center; }
    .dialog { max-width: min(92vw, 560px); max-height: 86vh; overflow: auto; background: #fff; color: #0f1419;
      border-radius: 16px; padding: 20px; font: 15px/1.4 system-ui, sans-serif; }
    .dialog h2 { margin: 0 0 8px; font-size: 19px; }
    .post { white-space: pre-wrap; border: 1px solid #cfd9de; border-radius: 8px; padding: 8px; margin: 8px 0; }
    mark { background: #ffd4d6; color: inherit; border-bottom: 2px solid #c0161f; }
    mark.warn { background: #fff1c2; border-color: #b58500; }
    ul { padding-left: 20px; }
    li.warn::marker { color: #b58500; }
    li.block::marker { color: #c0161f; }
    .dialog h3 { margin: 12px 0 4px; font-size: 15px; }
    .guidelines p { white-space: pre-wrap; margin: 0; padding: 8px; border-left: 4px solid var(--chip, #536471); }
    .note { font-size: 13px; opacity: .85; }
    .field { display: flex; flex-direction: column; gap: 4px; margin-top: 10px; }
    .field label { font-weight: 600; font-size: 14px; }
    .field input, .field textarea { font: 15px system-ui, sans-serif; padding: 6px 8px; border-radius: 6px;
      border: 1px solid #536471; background: inherit; color: inherit; }
    .field input:focus-visible, .field textarea:focus-visible { outline: 3px solid #1d9bf0; outline-offset: 1px; }
    .error { color: #c0161f; font-weight: 600; }
    button:disabled { opacity: .5; cursor: default; }
    .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
    :host([data-theme="dim"]) .banner, :host([data-theme="dim"]) .dialog, :host([data-theme="dim"]) button { background: #15202b; color: #f7f9f9; }
    :host([data-theme="dark"]) .banner, :host([data-theme="dark"]) .dialog, :host([data-theme="dark"]) button { background: #000; color: #e7e9ea; }
    :host([data-theme="dim"]) .banner.held, :host([data-theme="dark"]) .banner.held { background: #3a0d10; }
    :host([data-theme="dim"]) .error, :host([data-theme="dark"]) .error { color: #ff8a8f; }
    :host([data-theme="dim"]) button.primary, :host([data-theme="dark"]) button.primary { background: #f7f9f9; color: #0f1419; }
    @media (max-width: 500px) { .banner { bottom: 64px; } }
  `;

  // Returns X's theme from the page's background: 'light' (white), 'dim' (#15202b) or 'dark'
  // (black), so the guard's UI matches whichever the user chose in X.
  function xTheme(doc) {
    const colour = doc.body ? doc.defaultView.getComputedStyle(doc.body).backgroundColor : '';
    const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/.exec(colour ?? '');
    if (!rgb || rgb[4] === '0') return 'light'; // no background set: X's default is light
    const [r, g, b] = rgb.slice(1).map(Number);
    if (r + g + b < 30) return 'dark';
    if (r + g + b < 200) return 'dim';
    return 'light';
  }

  function element(doc, tag, { className, text, attrs } = {}, children = []) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  }

  // Returns `text` as nodes with each violation span marked (spans are UTF-16 offsets, as JS
  // strings index).
  function highlighted(doc, text, violations) {
    const spans = violations
      .filter((v) => Array.isArray(v.span) && v.span[0] >= 0 && v.span[1] <= text.length && v.span[0] < v.span[1])
      .map((v) => ({ begin: v.span[0], end: v.span[1], severity: v.severity }))
      .sort((a, b) => a.begin - b.begin);
    const nodes = [];
    let at = 0;
    for (const span of spans) {
      if (span.begin < at) continue; // overlapping: the first one wins
      if (span.begin > at) nodes.push(doc.createTextNode(text.slice(at, span.begin)));
      nodes.push(element(doc, 'mark', { className: span.severity === 'warn' ? 'warn' : '', text: text.slice(span.begin, span.end) }));
      at = span.end;
    }
    if (at < text.length) nodes.push(doc.createTextNode(text.slice(at)));
    return nodes;
  }

  // Returns the user-facing sentence for a problem {code, detail} the guard found itself.
  function problemMessage(t, problem) {
    switch (problem.code) {
      case 'no_twid': return t('problemNoTwid');
      case 'signals_disagree': return t('problemSignalsDisagree', [problem.detail]);
      case 'host_unavailable': return t('problemHostUnavailable', [problem.detail]);
      case 'host_timeout': return t('problemHostTimeout', [problem.detail]);
      case 'host_error': return t('problemHostError', [problem.detail]);
      case 'extension_unavailable': return t('problemExtensionUnavailable', [problem.detail]);
      case 'unreadable_request': return t('problemUnreadableRequest', [problem.detail]);
      case 'untrusted_event': return t('problemUntrustedEvent');
      case 'account_changed': return t('problemAccountChanged', [problem.detail, problem.to]);
      case 'release_refused': return t('problemReleaseRefused', [problem.detail]);
      case 'pressed_control_gone': return t('problemPressedControlGone');
      case 'no_composer': return t('problemNoComposer');
      case 'text_kept_changing': return t('problemTextKeptChanging');
      default: return t('problemOther', [`${problem.code}: ${problem.detail ?? ''}`]);
    }
  }

  function isOffline(problem) {
    return problem && ['host_unavailable', 'host_timeout', 'host_error', 'extension_unavailable'].includes(problem.code);
  }

  // Returns the account's colour: the policy's `colour` when it sets one, else the client's.
  function accountColour(account) {
    return typeof account?.colour === 'string' && /^#[0-9a-fA-F]{6}$/.test(account.colour) ? account.colour : hg.clientColour(account?.client ?? '');
  }

  // Returns the user-facing describing of an identify result for the banner.
  function describeAccount(t, result) {
    const problem = result?.problem ?? result?.account?.problem;
    if (problem) return { held: true, offline: isOffline(problem), text: problemMessage(t, problem) };
    const identity = result?.identity;
    const account = identity?.account;
    if (identity?.status === 'managed' && account) {
      const kind = account.kind === 'personal' ? t('kindPersonal') : t('kindBrand');
      const colour = accountColour(account);
      const text = t('bannerManaged', [`@${account.handle}`, account.client, kind]);
      const declared = result.workAs?.workAs?.handle ?? null;
      if (declared && declared.toLowerCase() !== account.handle.toLowerCase()) {
        return { held: true, colour, text: t('bannerWrongWorkAs', [`@${declared}`, `@${account.handle}`]) };
      }
      if (result.workAs?.error) return { held: true, colour, text: t('bannerWorkAsUnreadable', [result.workAs.error]) };
      if (!declared && result.workAs?.required) return { held: true, colour, text: `${text} · ${t('bannerWorkAsRequired')}` };
      return { held: false, colour, text: declared ? `${text} · ${t('bannerWorkingAs', [`@${declared}`])}` : text };
    }
    const who = result?.account?.handle ? `@${result.account.handle}` : t('userIdLabel', [result?.account?.userId ?? '?']);
    return { held: true, text: t('bannerNotManaged', [who, identity?.reason ?? t('reasonNotInPolicy')]) };
  }

  function createGuardUi({ doc, t, onRetry = () => undefined }) {
    const host = doc.createElement('handleguard-ui');
    const root = host.attachShadow({ mode: 'closed' });
    root.append(element(doc, 'style', { text: STYLE }));
    const banner = element(doc, 'div', { className: 'banner', attrs: { role: 'status', 'aria-live': 'polite', 'aria-label': t('bannerLabel') } });
    const chip = element(doc, 'span', { className: 'chip', attrs: { 'aria-hidden': 'true' } });
    const label = element(doc, 'span', { className: 'text', text: t('bannerChecking') });
    const retry = element(doc, 'button', { text: t('retry'), attrs: { type: 'button', hidden: '' } });
    retry.addEventListener('click', () => onRetry());
    const notice = element(doc, 'span', { className: 'notice', attrs: { hidden: '' } });
    banner.append(chip, label, notice, retry);
    root.append(banner);
    let dialog = null;
    let settle = null; // resolves the open dialog's promise
    let onDialogKey = null; // the open dialog's keys: (event, focused element)

    // Keys and text typed into our root (a reason, a supervisor's passphrase, a handle) are
    // composed events: they cross the closed shadow root, and page scripts listening on window
    // or document would read each key. This listener, on window in the capture phase, is
    // registered before any page script (document_start), so it sees them first: it stops them
    // there (their default actions, the typing itself, still happen) and hands the dialog its
    // keys itself. At window the event's target is our host element (retargeted).
    const TYPED = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'textInput', 'compositionstart', 'compositionupdate', 'compositionend', 'paste', 'copy', 'cut'];
    const shield = (event) => {
      if (event.target !== host) return;
      event.stopImmediatePropagation();
      if (event.type === 'keydown') onDialogKey?.(event, root.activeElement);
    };
    for (const type of TYPED) doc.defaultView.addEventListener(type, shield, true);

    function mount() {
      if (!host.isConnected) (doc.body ?? doc.documentElement).append(host);
      host.setAttribute('data-theme', xTheme(doc));
    }

    // Shows `result` of identify (or of a failed one) in the banner.
    function showAccount(result) {
      const view = describeAccount(t, result);
      banner.classList.toggle('held', view.held);
      banner.style.setProperty('--chip', view.colour ?? '#c0161f');
      label.textContent = view.text;
      label.title = view.text;
      retry.hidden = !view.offline;
      mount();
    }

    // Shows `text` beside the account in the banner (a live region: read out as it appears),
    // or hides it for null.
    function showNotice(text) {
      notice.textContent = text ?? '';
      notice.hidden = text === null;
      mount();
    }

    // Closes the open dialog; its promise resolves 'cancel' (the held post stays held).
    function closeDialog() {
      dialog?.remove();
      dialog = null;
      onDialogKey = null;
      const pending = settle;
      settle = null;
      pending?.('cancel');
    }

    // Shows the verdict on a held post and the next steps `steps` allows (verdict_steps.js):
    // edit and cancel always; confirm a warning, override a block or type the handle where the
    // host offers it. `submit({reason, passphrase, typedHandle})` asks the host and resolves
    // {ok: true} or {error}; on an error the dialog stays open and says why.
    // Resolves 'granted', 'edit' or 'cancel'. `postIndex` names the post of a thread.
    // `thread` ([{postIndex, text, violations}], for a thread) lists every post that broke a
    // rule: each reason and text then names its post.
    function showVerdict({ verdict, text, violations = [], account, problem, postIndex = null, thread = null, guidelines = null, policyWarning = null, steps = null }, submit = null) {
      closeDialog();
      mount();
      const plan = steps && submit ? steps : { kind: 'hard', reasonRequired: false, handle: null };
      return new Promise((resolve) => {
        let title = verdict === 'warn' ? t('dialogWarnTitle') : verdict === 'allow' ? t('dialogConfirmTitle') : t('dialogBlockTitle');
        if (postIndex !== null) title = `${title} ${t('dialogThreadPost', [String(postIndex + 1)])}`;
        const heading = element(doc, 'h2', { text: title, attrs: { id: 'hg-title' } });
        const who = account?.handle ? `@${account.handle}` : account?.userId ? t('userIdLabel', [account.userId]) : t('accountUnknown');
        const intro = element(doc, 'p', { text: t('dialogAccount', [who]) });
        const parts = [heading, intro];
        if (policyWarning) parts.push(element(doc, 'p', { className: 'note', text: t('dialogPolicyWarning', [policyWarning]) }));
        const list = element(doc, 'ul', { attrs: { 'aria-label': t('dialogReasons') } });
        const posts = thread && thread.length > 0 ? thread : [{ postIndex: null, text, violations }];
        const ofPost = (index, sentence) => (index === null ? sentence : t('dialogThreadReason', [String(index + 1), sentence]));
        for (const post of posts) {
          for (const violation of post.violations) {
            const message = violation.kind === 'guard' && problem ? problemMessage(t, problem) : violation.message || violation.rule;
            const sentence = t(violation.severity === 'warn' ? 'violationWarn' : 'violationBlock', [message]);
            list.append(element(doc, 'li', { className: violation.severity === 'warn' ? 'warn' : 'block', text: ofPost(post.postIndex, sentence) }));
          }
        }
        if (violations.length === 0 && problem) list.append(element(doc, 'li', { className: 'block', text: problemMessage(t, problem) }));
        if (list.childElementCount > 0) parts.push(list);
        for (const post of posts) {
          if (!post.text) continue;
          const label = post.postIndex === null ? t('dialogPostText') : t('dialogThreadPostText', [String(post.postIndex + 1)]);
          if (post.postIndex !== null) parts.push(element(doc, 'h3', { text: label }));
          parts.push(element(doc, 'div', { className: 'post', attrs: { 'aria-label': label } }, highlighted(doc, post.text, post.violations)));
        }
        if (guidelines) {
          parts.push(element(doc, 'section', { className: 'guidelines', attrs: { 'aria-labelledby': 'hg-guidelines' } }, [
            element(doc, 'h3', { text: t('dialogGuidelines', [who]), attrs: { id: 'hg-guidelines' } }),
            element(doc, 'p', { text: guidelines }),
          ]));
        }

        // The fields the next step needs, each with its label.
        const inputs = {};
        const field = (name, labelKey, labelArgs, control) => {
          control.id = `hg-${name}`;
          inputs[name] = control;
          parts.push(element(doc, 'div', { className: 'field' }, [element(doc, 'label', { text: t(labelKey, labelArgs), attrs: { for: control.id } }), control]));
        };
        if (plan.kind !== 'hard' && plan.kind !== 'none') {
          if (plan.handle) field('typedHandle', 'dialogTypeHandle', [`@${plan.handle}`], element(doc, 'input', { attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none' } }));
          if (plan.reasonRequired) field('reason', 'dialogReason', [], element(doc, 'textarea', { attrs: { rows: '2', maxlength: '2000' } }));
          if (plan.kind === 'supervisor') field('passphrase', 'dialogPassphrase', [], element(doc, 'input', { attrs: { type: 'password', autocomplete: 'off' } }));
        }
        const error = element(doc, 'p', { className: 'error', attrs: { role: 'alert', hidden: '' } });
        parts.push(error);

        const actions = element(doc, 'div', { className: 'actions' });
        const finish = (choice) => {
          settle = null;
          closeDialog();
          resolve(choice);
        };
        const button = (key, className, onClick) => {
          const node = element(doc, 'button', { className, text: t(key), attrs: { type: 'button' } });
          node.addEventListener('click', onClick);
          actions.append(node);
          return node;
        };
        const edit = button('dialogEdit', plan.kind === 'hard' ? 'primary' : '', () => finish('edit'));
        button('dialogCancel', '', () => finish('cancel'));
        if (isOffline(problem)) {
          button('retry', '', () => {
            onRetry();
            finish('cancel');
          });
        }
        let go = null;
        const showError = (message) => {
          error.textContent = message;
          error.hidden = false;
        };
        const attempt = async () => {
          const answer = {
            typedHandle: inputs.typedHandle?.value.trim() ?? '',
            reason: inputs.reason?.value.trim() ?? '',
            passphrase: inputs.passphrase?.value ?? '',
          };
          if (inputs.typedHandle && answer.typedHandle.replace(/^@/, '').toLowerCase() !== plan.handle.toLowerCase()) return showError(t('dialogHandleMismatch', [`@${plan.handle}`]));
          if (inputs.reason && answer.reason === '') return showError(t('dialogReasonMissing'));
          if (inputs.passphrase && answer.passphrase === '') return showError(t('dialogPassphraseMissing'));
          for (const node of actions.querySelectorAll('button')) node.disabled = true;
          let reply;
          try {
            reply = await submit(answer);
          } catch (failure) {
            reply = { error: String(failure?.message ?? failure) };
          }
          if (settle !== resolve) return; // closed meanwhile
          for (const node of actions.querySelectorAll('button')) node.disabled = false;
          if (reply?.ok === true) return finish('granted');
          if (inputs.passphrase) inputs.passphrase.value = '';
          return showError(reply?.error || t('dialogRefused'));
        };
        const goKey = { confirm: 'dialogConfirm', supervisor: 'dialogOverride', handle: 'dialogPostConfirmed' }[plan.kind];
        if (goKey) go = button(goKey, 'danger', attempt);
        const box = element(doc, 'div', { className: 'dialog', attrs: { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'hg-title' } }, [...parts, actions]);
        onDialogKey = (event, focused) => {
          if (event.key === 'Escape') finish('cancel');
          else if (event.key === 'Enter' && go && focused?.localName === 'input') {
            event.preventDefault();
            attempt();
          } else if (event.key === 'Tab') {
            // A modal dialog keeps the focus: Tab from the last control returns to the first.
            const controls = [...box.querySelectorAll('input, textarea, button')].filter((node) => !node.disabled);
            const at = controls.indexOf(root.activeElement);
            const next = event.shiftKey ? (at <= 0 ? controls.length - 1 : null) : (at === controls.length - 1 ? 0 : null);
            if (next !== null && controls.length > 0) {
              event.preventDefault();
              controls[next].focus();
            }
          }
        };
        // Keys that stay inside the root (not composed) never reach the shield.
        box.addEventListener('keydown', (event) => {
          onDialogKey?.(event, event.target);
          event.stopPropagation(); // keys typed in our dialog are not X's shortcuts
        });
        dialog = element(doc, 'div', { className: 'backdrop' }, [box]);
        settle = resolve;
        root.append(dialog);
        (Object.values(inputs)[0] ?? edit).focus();
      });
    }

    return {
      mount,
      showAccount,
      showNotice,
      showVerdict,
      closeDialog,
      get dialogOpen() {
        return dialog !== null;
      },
      // Returns the visible text of the banner and dialog (unit tests read it here; the
      // shadow root itself stays closed to the page).
      visibleText: () => root.textContent.replace(STYLE, ''),
      // The closed root, for unit tests in the isolated world (never handed to the page).
      rootForTests: () => root,
    };
  }

  Object.assign(hg, { createGuardUi, describeAccount, problemMessage, xTheme, accountColour });
})();
