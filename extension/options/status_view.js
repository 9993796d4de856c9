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

  // Fills `doc`'s #status from `status` ({hello, problem}); returns the fixes that apply.
  function render(doc, t, status, version) {
    const list = doc.getElementById('status');
    list.replaceChildren();
    const fixes = [];
    row(doc, list, t('optionsExtension'), version, false);
    if (status?.hello) {
      const { host, policy } = status.hello;
      row(doc, list, t('popupHost'), t('popupHostOk', [String(host?.name), String(host?.version)]), false);
      const policyOk = policy?.loaded === true;
      row(doc, list, t('popupPolicy'), policyOk ? t('popupPolicyOk', [String(policy.serial), String(policy.accounts)]) : t('popupPolicyMissing', [String(policy?.error ?? '?')]), !policyOk);
      if (!policyOk) fixes.push(t('optionsFixPolicy'));
    } else {
      const problem = status?.problem ?? { code: 'unknown', detail: status?.failed ?? '?' };
      row(doc, list, t('popupHost'), t('popupOffline', [`${problem.code}: ${problem.detail}`]), true);
      fixes.push(t('optionsFixHost'));
    }
    const account = status?.lastAccount;
    if (account) {
      const who = account.handle ? `@${account.handle}` : t('userIdLabel', [String(account.userId ?? '?')]);
      const managed = account.status === 'managed';
      row(doc, list, t('popupAccount'), managed ? `${who} · ${account.client} · ${account.kind === 'personal' ? t('kindPersonal') : t('kindBrand')}` : `${who} (${account.status})`, !managed);
    }
    const verdicts = Array.isArray(status?.lastVerdicts) ? status.lastVerdicts : [];
    if (verdicts.length > 0) {
      const dd = doc.createElement('dd');
      const items = doc.createElement('ol');
      for (const entry of verdicts) {
        const item = doc.createElement('li');
        const who = entry.handle ? `@${entry.handle}` : '?';
        item.textContent = `${new Date(entry.at).toLocaleTimeString()} ${entry.verdict} · ${entry.action ?? ''} · ${who}${entry.rules.length ? ` · ${entry.rules.join(', ')}` : ''}`;
        if (entry.verdict !== 'allow') item.className = 'bad';
        items.append(item);
      }
      dd.append(items);
      const dt = doc.createElement('dt');
      dt.textContent = t('popupLastVerdicts');
      list.append(dt, dd);
    }
    return fixes;
  }

  async function refresh(doc, api, options, what) {
    let status;
    try {
      status = await api.sendMessage({ what });
    } catch (error) {
      status = { problem: { code: 'extension_unavailable', detail: String(error?.message ?? error) } };
    }
    const fixes = render(doc, api.t, status, api.manifestVersion());
    if (options.withFixes) doc.getElementById('fix').textContent = fixes.join(' ');
  }

  function start(doc, api, options = {}) {
    for (const node of doc.querySelectorAll('[data-i18n]')) node.textContent = api.t(node.getAttribute('data-i18n'));
    doc.getElementById('retry').addEventListener('click', () => refresh(doc, api, options, 'retry'));
    refresh(doc, api, options, 'status');
  }

  globalThis.handleguardStatusView = { start, render };
})();
