// Renders the guard's status (popup and options page share it) from the service worker's
// `status` answer. DOM built with textContent only.
'use strict';
(() => {
  function row(doc, list, term, value, bad) {
    const dt = doc.createElement('dt');
    dt.textContent = term;
    const dd = doc.createElement('dd');
    dd.textContent = value;
    if (bad) dd.className = 'bad';
    list.append(dt, dd);
  }

  // The parts of the status, in order. Each `section(view, status)` adds its rows with
  // `view.row(term, value, bad)` (or `view.list.append(...)`) and pushes to `view.fixes` how
  // to fix what is wrong. A page adds its own with `sections` (the options page's diagnostics).
  function extensionSection(view) {
    view.row(view.t('optionsExtension'), view.version, false);
  }

  function hostSection({ row, t, fixes }, status) {
    if (status?.hello) {
      const { host, policy } = status.hello;
      row(t('popupHost'), t('popupHostOk', [String(host?.name), String(host?.version)]), false);
      const policyOk = policy?.loaded === true;
      const signer = policy?.signer ? t('popupSigner', [String(policy.signer)]) : t('popupUnsigned');
      row(t('popupPolicy'), policyOk ? `${t('popupPolicyOk', [String(policy.serial), String(policy.accounts)])} · ${signer}` : t('popupPolicyMissing', [String(policy?.error ?? '?')]), !policyOk);
      if (policyOk && policy?.error) row(t('popupPolicy'), t('popupPolicyMissing', [String(policy.error)]), true);
      if (!policyOk) fixes.push(t('optionsFixPolicy'));
    } else {
      const problem = status?.problem ?? { code: 'unknown', detail: status?.failed ?? '?' };
      row(t('popupHost'), t('popupOffline', [`${problem.code}: ${problem.detail}`]), true);
      fixes.push(t('optionsFixHost'));
    }
  }

  function accountSection({ row, t }, status) {
    const account = status?.lastAccount;
    if (!account) return;
    const who = account.handle ? `@${account.handle}` : t('userIdLabel', [String(account.userId ?? '?')]);
    const managed = account.status === 'managed';
    row(t('popupAccount'), managed ? `${who} · ${account.client} · ${account.kind === 'personal' ? t('kindPersonal') : t('kindBrand')}` : `${who} (${account.status})`, !managed);
  }

  function workAsSection({ row, t }, status) {
    const declared = status?.workAs;
    if (!declared) return;
    const current = declared.workAs ? t('popupWorkAsUntil', [`@${declared.workAs.handle}`, new Date(declared.workAs.until).toLocaleTimeString()]) : t('popupWorkAsNone');
    row(t('popupWorkAs'), declared.error ? t('bannerWorkAsUnreadable', [declared.error]) : current, Boolean(declared.error) || (declared.required && !declared.workAs));
  }

  function settingsSection({ row, t }, status) {
    const settings = status?.settings;
    if (!settings) return;
    row(t('optionsSettings'), t('optionsSettingsValue', [String(settings.nativeHostName), String(settings.hostTimeoutMs), String(settings.workAsMinutes)]), false);
    const managed = settings.managed?.length ? settings.managed.join(', ') : t('optionsManagedNone');
    row(t('optionsManaged'), managed, false);
    for (const { name, expected } of settings.ignored ?? []) row(t('optionsManaged'), t('optionsManagedIgnored', [name, expected]), true);
  }

  // Returns one of the host's last verdicts (`last_verdicts`, cleaned by guard_service.js) as
  // a line: time, verdict, action, account, rules, confirmation or override, what became of it.
  function verdictLine(t, entry) {
    const when = entry.time ? new Date(entry.time).toLocaleTimeString() : '?';
    const who = entry.handle ? `@${entry.handle}` : '?';
    const parts = [`${when} ${entry.verdict}`, entry.action ?? '', who];
    if (entry.rules.length) parts.push(entry.rules.join(', '));
    if (entry.override) parts.push(t(`override_${entry.override.type}`));
    const outcome = entry.outcome ? ` → ${t(`outcome_${entry.outcome.outcome}`)}${entry.outcome.detail ? ` (${entry.outcome.detail})` : ''}` : '';
    return `${parts.join(' · ')}${outcome}`;
  }

  function lastVerdictsSection({ doc, list, row, t }, status) {
    if (status?.lastVerdictsProblem) row(t('popupLastVerdicts'), t('popupLastVerdictsUnreadable', [String(status.lastVerdictsProblem.detail)]), true);
    const verdicts = Array.isArray(status?.lastVerdicts) ? status.lastVerdicts : [];
    if (verdicts.length === 0) return;
    const items = doc.createElement('ol');
    items.id = 'last-verdicts';
    for (const entry of verdicts) {
      const item = doc.createElement('li');
      item.textContent = verdictLine(t, entry);
      if (entry.verdict !== 'allow') item.className = 'bad';
      items.append(item);
    }
    const dt = doc.createElement('dt');
    dt.textContent = t('popupLastVerdicts');
    const dd = doc.createElement('dd');
    dd.append(items);
    list.append(dt, dd);
  }

  const SECTIONS = [extensionSection, hostSection, accountSection, workAsSection, settingsSection, lastVerdictsSection];

  // Fills `doc`'s #status from `status` (the service worker's `status` answer) with `sections`
  // (default: every section above); returns the fixes that apply.
  function render(doc, t, status, version, sections = SECTIONS) {
    const list = doc.getElementById('status');
    list.replaceChildren();
    const view = { doc, t, list, version, fixes: [], row: (term, value, bad) => row(doc, list, term, value, bad) };
    for (const section of sections) section(view, status);
    return view.fixes;
  }

  function element(doc, tag, attrs = {}, text = undefined) {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Fills `doc`'s #work-as form (the popup's picker): the accounts the host offers this person,
  // how long (unless IT fixed it), Work as and Stop. `declare(handle|null, minutes)` resolves
  // the service worker's answer.
  function renderPicker(doc, t, status, declare) {
    const form = doc.getElementById('work-as');
    if (!form) return;
    form.replaceChildren();
    const declared = status?.workAs;
    if (!declared || declared.accounts.length === 0) {
      form.hidden = true;
      return;
    }
    form.hidden = false;
    form.setAttribute('aria-label', t('popupWorkAs'));
    const select = element(doc, 'select', { id: 'work-as-account' });
    for (const account of declared.accounts) {
      const option = element(doc, 'option', { value: account.handle }, `@${account.handle} · ${account.client}`);
      if (declared.workAs?.handle?.toLowerCase() === account.handle.toLowerCase()) option.selected = true;
      select.append(option);
    }
    form.append(element(doc, 'label', { for: 'work-as-account' }, t('popupWorkAsPick')), select);
    const fixed = status.settings?.workAsMinutesFixed === true;
    let duration = null;
    if (fixed) {
      form.append(element(doc, 'p', {}, t('popupWorkAsFixed', [String(status.settings.workAsMinutes)])));
    } else {
      duration = element(doc, 'select', { id: 'work-as-minutes' });
      for (const hours of [1, 2, 4, 8, 12, 24]) {
        const option = element(doc, 'option', { value: String(hours * 60) }, t('popupWorkAsHours', [String(hours)]));
        if (hours * 60 === (status.settings?.workAsMinutes ?? 480)) option.selected = true;
        duration.append(option);
      }
      form.append(element(doc, 'label', { for: 'work-as-minutes' }, t('popupWorkAsFor')), duration);
    }
    if (declared.required) form.append(element(doc, 'p', {}, t('popupWorkAsRequired')));
    const set = element(doc, 'button', { type: 'submit', id: 'work-as-set' }, t('popupWorkAsSet'));
    const clear = element(doc, 'button', { type: 'button', id: 'work-as-clear' }, t('popupWorkAsClear'));
    clear.disabled = !declared.workAs;
    const error = element(doc, 'p', { role: 'alert', class: 'bad', id: 'work-as-error' });
    form.append(set, clear, error);
    const run = async (handle) => {
      const reply = await declare(handle, duration ? Number(duration.value) : undefined);
      if (reply?.problem || reply?.failed) error.textContent = t('popupWorkAsFailed', [String(reply.problem?.detail ?? reply.failed)]);
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      run(select.value);
    };
    clear.addEventListener('click', () => run(null));
  }

  // Fills `doc`'s #doctor section (options page) from the service worker's `doctor` answer
  // ({ok, checks} or {problem}): a summary, then one item per check with its fix.
  function renderDoctor(doc, t, report) {
    const summary = doc.getElementById('doctor-summary');
    const list = doc.getElementById('doctor-checks');
    if (!summary || !list) return;
    list.replaceChildren();
    if (!report || !Array.isArray(report.checks)) {
      const problem = report?.problem ?? { code: 'unknown', detail: report?.failed ?? '?' };
      summary.textContent = t('doctorUnavailable', [`${problem.code}: ${problem.detail}`]);
      summary.className = 'bad';
      return;
    }
    const failed = report.checks.filter((check) => check.status === 'fail').length;
    const warned = report.checks.filter((check) => check.status === 'warn').length;
    summary.textContent = failed > 0 ? t('doctorFailed', [String(failed)]) : warned > 0 ? t('doctorWarned', [String(warned)]) : t('doctorHealthy');
    summary.className = failed > 0 ? 'bad' : '';
    for (const check of report.checks) {
      const item = element(doc, 'li', { class: `check ${check.status}` });
      // The status as a word, not only a colour.
      item.append(element(doc, 'strong', {}, t(check.status === 'ok' ? 'doctorOk' : check.status === 'warn' ? 'doctorWarn' : 'doctorFail')),
        doc.createTextNode(` ${check.subject}: ${check.message}`));
      if (check.fix) item.append(element(doc, 'p', { class: 'fix' }, t('doctorFix', [check.fix])));
      list.append(item);
    }
  }

  async function ask(api, message) {
    try {
      return await api.sendMessage(message);
    } catch (error) {
      return { problem: { code: 'extension_unavailable', detail: String(error?.message ?? error) } };
    }
  }

  async function refresh(doc, api, options, what) {
    const status = await ask(api, { what });
    const fixes = render(doc, api.t, status, api.manifestVersion(), [...SECTIONS, ...(options.sections ?? [])]);
    if (options.withFixes) doc.getElementById('fix').textContent = fixes.join(' ');
    if (options.withDoctor) renderDoctor(doc, api.t, status?.hello ? await ask(api, { what: 'doctor' }) : status);
    renderPicker(doc, api.t, status, async (handle, minutes) => {
      const reply = await ask(api, { what: 'workAsSet', handle, minutes });
      if (!reply?.problem && !reply?.failed) await refresh(doc, api, options, 'status');
      return reply;
    });
  }

  // Starts the page: `options.withFixes` shows how to fix what is wrong (#fix); `options.sections`
  // adds sections after the common ones (see render).
  function start(doc, api, options = {}) {
    for (const node of doc.querySelectorAll('[data-i18n]')) node.textContent = api.t(node.getAttribute('data-i18n'));
    doc.getElementById('retry').addEventListener('click', () => refresh(doc, api, options, 'retry'));
    refresh(doc, api, options, 'status');
  }

  globalThis.handleguardStatusView = { start, render, renderPicker, renderDoctor, SECTIONS };
})();
