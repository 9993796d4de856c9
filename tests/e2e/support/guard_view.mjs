// Reads and operates the guard's UI as a user would: it lives in a closed shadow root, which
// no page script (nor Playwright's selectors) can enter, so these helpers use the DevTools
// protocol, which sees the rendered tree, and click with the real mouse.

async function shadowTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const stack = [root];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node.localName === 'handleguard-ui') return { cdp, shadow: node.shadowRoots?.[0] ?? null };
      stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : []));
    }
    return { cdp, shadow: null };
  } catch (error) {
    await cdp.detach();
    throw error;
  }
}

function textOf(node, skip = new Set(['style'])) {
  if (skip.has(node.localName)) return '';
  if (node.nodeType === 3) return node.nodeValue;
  if (node.attributes) {
    const attrs = node.attributes;
    for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'hidden') return '';
  }
  return (node.children ?? []).map((child) => textOf(child, skip)).join(node.localName === 'li' || node.localName === 'p' ? ' ' : '');
}

function find(node, predicate) {
  if (predicate(node)) return node;
  for (const child of node.children ?? []) {
    const found = find(child, predicate);
    if (found) return found;
  }
  return null;
}

const attr = (node, name) => {
  const attrs = node.attributes ?? [];
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return null;
};

// Returns {banner, dialog} texts as shown ('' when absent).
export async function guardView(page) {
  const { cdp, shadow } = await shadowTree(page);
  await cdp.detach();
  if (!shadow) return { banner: '', dialog: '' };
  const banner = find(shadow, (n) => attr(n, 'role') === 'status');
  const dialog = find(shadow, (n) => attr(n, 'role') === 'alertdialog');
  return { banner: banner ? textOf(banner) : '', dialog: dialog ? textOf(dialog) : '' };
}

// Clicks the guard's button labelled `label` with the mouse (a trusted click).
export async function clickGuardButton(page, label) {
  const { cdp, shadow } = await shadowTree(page);
  try {
    const button = shadow && find(shadow, (n) => n.localName === 'button' && textOf(n) === label && attr(n, 'hidden') === null);
    if (!button) throw new Error(`the guard shows no button "${label}"`);
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId });
    const [x1, y1, , , x3, y3] = model.content;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}

// Returns the labels of the buttons the verdict dialog offers.
export async function guardButtons(page) {
  const { cdp, shadow } = await shadowTree(page);
  await cdp.detach();
  const dialog = shadow && find(shadow, (n) => attr(n, 'role') === 'alertdialog');
  const buttons = [];
  const walk = (node) => {
    if (node.localName === 'button' && attr(node, 'hidden') === null) buttons.push(textOf(node));
    for (const child of node.children ?? []) walk(child);
  };
  if (dialog) walk(dialog);
  return buttons;
}

// Clicks the dialog's field labelled `label` with the mouse and types `text` into it, as a user would.
export async function typeInGuardField(page, label, text) {
  const { cdp, shadow } = await shadowTree(page);
  try {
    const labelNode = shadow && find(shadow, (n) => n.localName === 'label' && textOf(n) === label);
    const id = labelNode && attr(labelNode, 'for');
    const field = id && find(shadow, (n) => attr(n, 'id') === id);
    if (!field) throw new Error(`the guard shows no field "${label}"`);
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: field.backendNodeId });
    const [x1, y1, , , x3, y3] = model.content;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
  await page.keyboard.type(text);
}
