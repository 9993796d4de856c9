// Reads and operates the guard's UI as a user would. It lives in a closed shadow root, which no
// page script (nor a test framework's selectors) can enter; the browsers' automation protocols
// can: Chromium's DevTools protocol (DOM.getDocument with pierce) and WebDriver BiDi in Firefox
// (serialising the shadow tree). Each hands the root to readGuardUi, which runs in the page
// and reports what is rendered; buttons are then clicked with the real mouse (trusted clicks).

// Runs in the page on the guard's shadow root `shadow`: the banner's and the dialog's text, the
// visible buttons and the labelled fields with their centres, the labels of the dialog's
// buttons, and the spans of the post the dialog highlights (with their severity). Text joins the children of li and p with a space and leaves out styles and hidden
// elements, as a reader would.
export function readGuardUi(shadow) {
  const textOf = (node) => {
    if (node.nodeType === 3) return node.nodeValue;
    if (node.nodeType !== 1 && node.nodeType !== 11) return '';
    if (node.localName === 'style' || (node.nodeType === 1 && node.hasAttribute('hidden'))) return '';
    return [...node.childNodes].map(textOf).join(node.localName === 'li' || node.localName === 'p' ? ' ' : '');
  };
  const banner = shadow.querySelector('[role="status"]');
  const dialog = shadow.querySelector('[role="alertdialog"]');
  const centre = (node) => {
    const box = node.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const visibleButtons = (scope) => [...scope.querySelectorAll('button')].filter((button) => !button.hasAttribute('hidden'));
  const buttons = visibleButtons(shadow).map((button) => ({ label: textOf(button), ...centre(button) }));
  const fields = [...shadow.querySelectorAll('label[for]')].flatMap((label) => {
    const field = shadow.getElementById(label.getAttribute('for'));
    return field ? [{ label: textOf(label), ...centre(field) }] : [];
  });
  return {
    banner: banner ? textOf(banner) : '',
    dialog: dialog ? textOf(dialog) : '',
    buttons,
    dialogButtons: dialog ? visibleButtons(dialog).map(textOf) : [],
    highlighted: dialog ? [...dialog.querySelectorAll('mark')].map((mark) => ({ text: textOf(mark), severity: mark.className || 'block' })) : [],
    fields,
    // Where the dialog's first paragraph of text and the post shown in it lie, to select by hand.
    texts: dialog ? [...dialog.querySelectorAll('p, .post')].filter((node) => !node.hasAttribute('hidden')).slice(0, 2).map((node) => {
      const box = node.getBoundingClientRect();
      return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
    }) : [],
  };
}

export const NO_GUARD_UI = Object.freeze({ banner: '', dialog: '', buttons: [], dialogButtons: [], highlighted: [], fields: [], texts: [] });

// Chromium (Playwright page): the guard's UI as readGuardUi reports it.
async function readInChromium(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const stack = [root];
    let shadow = null;
    while (stack.length > 0 && !shadow) {
      const node = stack.pop();
      if (node.localName === 'handleguard-ui') shadow = node.shadowRoots?.[0] ?? null;
      else stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : []));
    }
    if (!shadow) return NO_GUARD_UI;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      functionDeclaration: readGuardUi.toString(), objectId: object.objectId, arguments: [{ objectId: object.objectId }], returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`reading the guard UI failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  } finally {
    await cdp.detach();
  }
}

// Returns {banner, dialog} texts as shown ('' when absent).
export async function guardView(page) {
  const { banner, dialog } = await readInChromium(page);
  return { banner, dialog };
}

// Clicks the guard's visible button labelled `label` at the centre of `ui` (from readGuardUi)
// with `clickAt(x, y)`, the browser's real mouse.
export async function clickButtonIn(ui, label, clickAt) {
  const button = ui.buttons.find((candidate) => candidate.label === label);
  if (!button) throw new Error(`the guard shows no button "${label}" (it shows: ${ui.buttons.map((b) => b.label).join(', ') || 'none'})`);
  await clickAt(button.x, button.y);
}

// Selects the dialog's text of `ui` by hand with `mouse` (the browser's real one): a drag from the
// start of its first paragraph to the end of the post shown in it.
export async function selectDialogTextIn(ui, mouse) {
  const [first, last = first] = ui.texts;
  if (!first) throw new Error('the guard shows no dialog text');
  await mouse.move(first.left + 2, first.top + 8);
  await mouse.down();
  await mouse.move(last.right - 2, last.bottom - 8, { steps: 8 });
  await mouse.up();
}

// Clicks the guard's field labelled `label` in `ui` with `clickAt(x, y)`, then types `text`
// with `typeText`, as a user would.
export async function typeInFieldOf(ui, label, text, clickAt, typeText) {
  const field = ui.fields.find((candidate) => candidate.label === label);
  if (!field) throw new Error(`the guard shows no field "${label}" (it shows: ${ui.fields.map((f) => f.label).join(', ') || 'none'})`);
  await clickAt(field.x, field.y);
  await typeText(text);
}

// Clicks the guard's button labelled `label` with the mouse (a trusted click).
export async function clickGuardButton(page, label) {
  await clickButtonIn(await readInChromium(page), label, (x, y) => page.mouse.click(x, y));
}

// Returns the labels of the buttons the verdict dialog offers.
export async function guardButtons(page) {
  return (await readInChromium(page)).dialogButtons;
}

// Returns the spans of the post the verdict dialog highlights: [{text, severity}].
export async function guardHighlights(page) {
  return (await readInChromium(page)).highlighted;
}

// Selects the dialog's text with the mouse, as a user would to copy it.
export async function selectGuardDialogText(page) {
  await selectDialogTextIn(await readInChromium(page), page.mouse);
}

// Clicks the dialog's field labelled `label` with the mouse and types `text` into it.
export async function typeInGuardField(page, label, text) {
  await typeInFieldOf(await readInChromium(page), label, text, (x, y) => page.mouse.click(x, y), (typed) => page.keyboard.type(typed));
}
