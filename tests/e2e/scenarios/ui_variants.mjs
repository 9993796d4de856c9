// Variants of X's web UI that x-web-ui.md names and the other suites do not show: a collapsed
// sidebar's <div> switcher with only the avatar, the profile tab link alone, a display name that mentions another handle,
// page signals out of step (the switcher, the page state), the older <div role="button"> post
// button (clicked, or pressed from the keyboard, which gives no click), the mobile layout's
// <textarea>, and the repost item's newer test id. Written against
// the browser driver, so ui_variants.test.mjs runs it in Chromium and firefox_ui_variants.test.mjs
// in Firefox ESR.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createReplica } from '../replica/replica.mjs';
import { ACCOUNTS, ACME, STRANGER } from '../support/fixtures.mjs';
import { waitFor } from '../support/guarded_browser.mjs';
import { useGuardedBrowser } from '../support/guarded_suite.mjs';

const EDITOR = '[data-testid="tweetTextarea_0"]';
const POST = '[data-testid="tweetButtonInline"]';

// Registers the tests in `browserName` ('chromium' or 'firefox').
export function uiVariants(browserName) {
  const replica = createReplica({ accounts: ACCOUNTS });
  let driver;
  let user;
  useGuardedBrowser({ browser: browserName, replica }, (started) => ({ driver, user } = started));
  const dismiss = () => driver.clickGuardButton('Edit post');

  // Runs `body` with the replica showing the UI variant `changes` (replica config), then back.
  async function inVariant(changes, body) {
    replica.configure(changes);
    try {
      await body();
    } finally {
      replica.configure(Object.fromEntries(Object.keys(changes).map((name) => [name, undefined])));
    }
  }

  // Checks the home box holds a banned term and lets a clean post out from ACME.
  async function homeBoxGuarded(post = () => driver.click(POST)) {
    await user.type(EDITOR, 'Cheap and cheerful');
    assert.match(await user.held(post), /"cheap" is banned/);
    await dismiss();
    await user.type(EDITOR, 'Bright and cheerful');
    const [sent] = await user.publishes(post);
    assert.deepEqual([sent.operation, sent.body.variables.tweet_text, sent.userId], ['CreateTweet', 'Bright and cheerful', ACME.user_id]);
  }

  test(`${browserName}: a collapsed sidebar: a <div> switcher with only the avatar, no profile link`, { timeout: 60_000 }, async () => {
    await inVariant({ switcherTag: 'div', switcher: 'avatar', profileLink: false }, async () => {
      await user.open(ACME);
      assert.match(await user.banner(), /Posting as @acmecars · Acme Cars · brand/);
      await homeBoxGuarded();
    });
  });

  test(`${browserName}: an Arabic page, right to left: nothing is read from its words; a post and a thread ("Post all" in Arabic) guarded`, { timeout: 60_000 }, async () => {
    await inVariant({ lang: 'ar' }, async () => {
      await user.open(ACME);
      assert.equal(await driver.evaluate(() => document.documentElement.dir), 'rtl');
      assert.match(await user.banner(), /Posting as @acmecars · Acme Cars · brand/);
      assert.equal(await driver.textOf(POST), 'نشر');
      await homeBoxGuarded();
      await homeBoxGuarded(() => driver.press('Control+Enter'));

      await user.open(ACME, 'https://x.com/compose/post');
      const editor = (i) => `#layers [data-testid="tweetTextarea_${i}"]`;
      await user.type(editor(0), 'First post');
      await driver.click('#layers [data-testid="addButton"]');
      await user.type(editor(1), 'Second post is cheap');
      assert.equal(await driver.textOf('#layers [data-testid="tweetButton"]'), 'نشر الكل');
      assert.match(await user.held(() => driver.click('#layers [data-testid="tweetButton"]')), /post 2 of the thread/);
      await dismiss();
      await user.type(editor(1), 'Second post');
      const sent = await user.publishes(() => driver.click('#layers [data-testid="tweetButton"]'), 2);
      assert.deepEqual(sent.map((request) => request.body.variables.tweet_text), ['First post', 'Second post']);
    });
  });

  test(`${browserName}: no switcher in view: the profile tab link names the account`, { timeout: 60_000 }, async () => {
    await inVariant({ switcher: 'none', pageStateHandle: 'zenbank' }, async () => {
      await user.open(ACME);
      // The link is read: it is what disagrees with a page state out of step.
      assert.match(await user.banner(), /does not agree on who is logged in \(profileLink=@acmecars, initialState=@zenbank\)/);
    });
    await inVariant({ switcher: 'none' }, async () => {
      await user.open(ACME);
      assert.match(await user.banner(), /Posting as @acmecars · Acme Cars · brand/);
      await homeBoxGuarded();
    });
  });

  test(`${browserName}: a display name that mentions another handle is not a second account`, { timeout: 60_000 }, async () => {
    await inVariant({ displayName: 'Acme Cars (ask @zenbank)' }, async () => {
      await user.open(ACME);
      assert.match(await user.banner(), /Posting as @acmecars · Acme Cars · brand/);
      await homeBoxGuarded();
    });
  });

  test(`${browserName}: a switcher out of step with the profile link: could not tell, held`, { timeout: 60_000 }, async () => {
    await inVariant({ staleSwitcherHandle: 'zenbank' }, async () => {
      await user.open(ACME);
      assert.match(await user.banner(), /does not agree on who is logged in \(switcherAvatar=@zenbank, switcherText=@zenbank, profileLink=@acmecars/);
      await user.type(EDITOR, 'Bright and cheerful');
      assert.match(await user.held(() => driver.click(POST)), /does not agree on who is logged in/);
      await dismiss();
    });
  });

  test(`${browserName}: a page state that names another handle for the logged-in user id: held`, { timeout: 60_000 }, async () => {
    await inVariant({ pageStateHandle: 'zenbank' }, async () => {
      await user.open(ACME);
      assert.match(await user.banner(), /does not agree on who is logged in \(.*initialState=@zenbank/);
      await user.type(EDITOR, 'Bright and cheerful');
      assert.match(await user.held(() => driver.click(POST)), /does not agree on who is logged in/);
      await dismiss();
    });
  });

  test(`${browserName}: the older <div role="button"> post button, clicked and by Ctrl+Enter`, { timeout: 60_000 }, async () => {
    await inVariant({ buttonTag: 'div' }, async () => {
      await user.open(ACME);
      assert.equal(await driver.evaluate((selector) => document.querySelector(selector).getAttribute('role'), POST), 'button');
      await homeBoxGuarded();
      await homeBoxGuarded(() => driver.press('Control+Enter'));
    });
  });

  // Focuses `selector` (the user tabbed there) and presses `key` on it.
  async function pressOn(selector, key) {
    await driver.evaluate((target) => document.querySelector(target).focus(), selector);
    await driver.press(key);
  }

  test(`${browserName}: Enter or Space on a focused <div role="button"> post button, which presses it without a click`, { timeout: 60_000 }, async () => {
    await inVariant({ buttonTag: 'div' }, async () => {
      await user.open(ACME);
      await homeBoxGuarded(() => pressOn(POST, 'Enter'));
      await homeBoxGuarded(() => pressOn(POST, ' '));
    });
  });

  test(`${browserName}: XChat's send button as a <div role="button">, pressed from the keyboard: guarded in the page, since the wire is unreadable`, { timeout: 60_000 }, async () => {
    await inVariant({ buttonTag: 'div' }, async () => {
      await user.open(ACME, 'https://x.com/i/chat/g1');
      const textarea = '[data-testid="dm-composer-textarea"]';
      const send = '[data-testid="dm-composer-send-button"]';
      await driver.click(textarea);
      await driver.typeText('so cheap');
      for (const key of [' ', 'Enter']) {
        assert.match(await user.held(() => pressOn(send, key)), /"cheap" is banned/, key);
        await dismiss();
      }
      assert.equal(await driver.valueOf(textarea), 'so cheap', 'nothing was sent');
      await user.type(textarea, 'see you soon');
      const [sent] = await user.publishes(() => pressOn(send, ' '));
      assert.equal(sent.operation, 'SendXChatMessage');
    });
  });

  // In an XChat conversation: Enter on a banned word is held, then Enter on a clean message sends it once.
  const enterIsHeldThenSendsOnce = async (beforeEnter = async () => {}) => {
    await user.open(ACME, 'https://x.com/i/chat/g1');
    const textarea = '[data-testid="dm-composer-textarea"]';
    await driver.click(textarea);
    await driver.typeText('so cheap');
    await beforeEnter();
    assert.match(await user.held(() => driver.press('Enter')), /"cheap" is banned/);
    await dismiss();
    assert.equal(await driver.valueOf(textarea), 'so cheap', 'nothing was sent');
    await user.type(textarea, 'see you soon');
    const before = replica.published().length;
    const [sent] = await user.publishes(() => driver.press('Enter'));
    assert.equal(sent.operation, 'SendXChatMessage');
    await driver.pause(300);
    assert.equal(replica.published().length, before + 1, 'sent once');
  };

  test(`${browserName}: an XChat that sends on the release of Enter: that keyup is guarded too`, { timeout: 60_000 }, async () => {
    await inVariant({ xchatSendsOnKeyup: true }, () => enterIsHeldThenSendsOnce());
  });

  test(`${browserName}: the button pressed is disabled by the page while the verdict is on screen: the user is told nothing was sent`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    await user.type(EDITOR, 'We guarantee delivery');
    assert.match(await user.held(() => driver.click(POST)), /Check before posting/);
    await driver.evaluate((selector) => document.querySelector(selector).setAttribute('aria-disabled', 'true'), POST);
    const before = replica.published().length;
    await driver.clickGuardButton('Post anyway');
    const said = await waitFor(async () => /not sent/.test((await driver.view()).dialog) && (await driver.view()).dialog, 'the guard saying the post was not sent');
    assert.match(said, /no longer enabled/);
    assert.equal(replica.published().length, before, 'nothing went out');
    await dismiss();
  });

  test(`${browserName}: XChat: Enter before X draws the send button is judged, not swallowed, and the message goes out`, { timeout: 60_000 }, async () => {
    const sendButtonShown = () => driver.evaluate(() => document.querySelector('[data-testid="dm-composer-send-button"]') !== null);
    await inVariant({ xchatSendButtonDelayMs: 4000 }, () =>
      enterIsHeldThenSendsOnce(async () => assert.equal(await sendButtonShown(), false, 'no send button yet')));
  });

  test(`${browserName}: a composer with a post button beside each post and "Post all": the guard presses the one the user pressed`, { timeout: 60_000 }, async () => {
    await inVariant({ postEach: true }, async () => {
      const editor = (i) => `#layers [data-testid="tweetTextarea_${i}"]`;
      await user.open(ACME, 'https://x.com/compose/post');
      await user.type(editor(0), 'First post');
      await driver.click('#layers [data-testid="addButton"]');
      await user.type(editor(1), 'Second post');
      assert.equal(await driver.evaluate(() => document.querySelectorAll('#layers [data-testid^="tweetButton"]').length), 3, 'one button per post, and Post all');
      const sent = await user.publishes(() => driver.click('#layers [data-testid="tweetButton"]'), 2);
      assert.deepEqual(sent.map((s) => [s.body.variables.tweet_text, s.body.variables.batch_compose]), [['First post', 'BatchFirst'], ['Second post', 'BatchSubsequent']]);
    });
  });

  test(`${browserName}: a reply dialog over the home composer: each composer's own button sends its own text`, { timeout: 60_000 }, async () => {
    const dialogEditor = '#layers [data-testid="tweetTextarea_0"]';
    await user.open(ACME);
    await user.type(EDITOR, 'Home draft');
    await driver.click('main [data-testid="reply"]');
    await user.type(dialogEditor, 'A kind reply');
    const [reply] = await user.publishes(() => driver.press('Control+Enter'));
    assert.deepEqual([reply.body.variables.tweet_text, reply.body.variables.reply?.in_reply_to_tweet_id], ['A kind reply', '1800000000000000042']);
    assert.equal(await driver.textOf(EDITOR), 'Home draft', 'the home composer kept its text');
    await driver.click('main [data-testid="reply"]');
    await user.type(dialogEditor, 'Another reply');
    const [second] = await user.publishes(() => driver.click('#layers [data-testid="tweetButton"]'));
    assert.equal(second.body.variables.tweet_text, 'Another reply');
    const [post] = await user.publishes(() => driver.click(POST));
    assert.deepEqual([post.body.variables.tweet_text, post.body.variables.reply], ['Home draft', undefined]);
  });

  // Redraws the home box's post button behind the dialog, as React may; `testId` gives the new
  // one another test id, and `twice` draws two of them.
  const redrawPostButton = ({ testId = null, twice = false } = {}) => driver.evaluate(([selector, id, two]) => {
    const button = document.querySelector(selector);
    const again = button.cloneNode(true);
    if (id) again.setAttribute('data-testid', id);
    button.replaceWith(again);
    if (two) again.after(again.cloneNode(true));
  }, [POST, testId, twice]);

  test(`${browserName}: the button pressed is redrawn while the verdict is on screen: its one redrawn twin is pressed, the post goes out once`, { timeout: 60_000 }, async () => {
    await user.open(ACME);
    await user.type(EDITOR, 'We guarantee delivery');
    assert.match(await user.held(() => driver.click(POST)), /Check before posting/);
    await redrawPostButton();
    const before = replica.published().length;
    const [sent] = await user.publishes(() => driver.clickGuardButton('Post anyway'));
    assert.equal(sent.body.variables.tweet_text, 'We guarantee delivery');
    await driver.pause(300);
    assert.equal(replica.published().length, before + 1, 'sent once');
  });

  test(`${browserName}: the button pressed is redrawn as another kind, or twice: nothing is pressed in its place, the user is told`, { timeout: 60_000 }, async () => {
    for (const redraw of [{ testId: 'tweetButton' }, { twice: true }]) {
      await user.open(ACME);
      await user.type(EDITOR, 'We guarantee delivery');
      assert.match(await user.held(() => driver.click(POST)), /Check before posting/);
      await redrawPostButton(redraw);
      const before = replica.published().length;
      await driver.clickGuardButton('Post anyway');
      const said = await waitFor(async () => /not sent/.test((await driver.view()).dialog) && (await driver.view()).dialog, 'the guard saying the post was not sent');
      assert.match(said, /press Post again/);
      await driver.pause(300);
      assert.equal(replica.published().length, before, `nothing went out (${JSON.stringify(redraw)})`);
      await dismiss();
    }
  });

  test(`${browserName}: a composer whose text box the guard does not know: its button is held and says why, its Ctrl+Enter is judged on the wire`, { timeout: 60_000 }, async () => {
    await inVariant({ editorTestId: 'postTextarea_' }, async () => {
      const editor = '[data-testid="postTextarea_0"]';
      await user.open(ACME);
      await user.type(editor, 'Bright and cheerful');
      assert.match(await user.held(() => driver.click(POST)), /cannot find the text this button would send/);
      await dismiss();
      await user.type(editor, 'So cheap');
      assert.match(await user.held(() => driver.press('Control+Enter')), /"cheap" is banned/);
      await dismiss();
    });
  });

  test(`${browserName}: Ctrl+Enter with the focus on a composer's toolbar is left to X: a key that does nothing stays nothing, one that posts is judged on the wire`, { timeout: 60_000 }, async () => {
    await inVariant({ toolbarButton: true, toolbarCtrlEnterPosts: false }, async () => {
      const fromToolbar = async () => {
        await driver.evaluate(() => document.querySelector('[data-toolbar="media"]').focus());
        await driver.press('Control+Enter');
      };
      await user.open(ACME);
      await user.type(EDITOR, 'So cheap');
      const before = replica.published().length;
      await fromToolbar();
      await driver.pause(1000);
      assert.equal(replica.published().length, before, 'nothing posted');
      await user.noDialog();
      replica.configure({ toolbarCtrlEnterPosts: true }); // read by the page when it loads
      await user.open(ACME);
      await user.type(EDITOR, 'So cheap');
      assert.match(await user.held(fromToolbar), /"cheap" is banned/);
      await dismiss();
      await user.type(EDITOR, 'Bright and cheerful');
      const [sent] = await user.publishes(fromToolbar);
      assert.equal(sent.body.variables.tweet_text, 'Bright and cheerful');
    });
  });

  test(`${browserName}: the mobile layout's <textarea>: click and Ctrl+Enter guarded, a plain Enter types a new line`, { timeout: 60_000 }, async () => {
    await inVariant({ editor: 'textarea' }, async () => {
      await user.open(ACME);
      assert.equal(await driver.evaluate((selector) => document.querySelector(selector).tagName, EDITOR), 'TEXTAREA');
      await homeBoxGuarded();
      await user.type(EDITOR, 'So cheap');
      assert.match(await user.held(() => driver.press('Control+Enter')), /"cheap" is banned/);
      await dismiss();
      const before = replica.published().length;
      await user.type(EDITOR, 'First line');
      await driver.press('Enter');
      await driver.typeText('second line');
      assert.equal(await driver.valueOf(EDITOR), 'First line\nsecond line');
      assert.equal(replica.published().length, before, 'Enter posted nothing');
      const [sent] = await user.publishes(() => driver.press('Control+Enter'));
      assert.equal(sent.body.variables.tweet_text, 'First line\nsecond line');
    });
  });

  test(`${browserName}: a thread in the mobile layout's <textarea>s: each post judged, Post all sends them in order`, { timeout: 60_000 }, async () => {
    await inVariant({ editor: 'textarea' }, async () => {
      const editor = (i) => `#layers [data-testid="tweetTextarea_${i}"]`;
      const postAll = () => driver.click('#layers [data-testid="tweetButton"]');
      await user.open(ACME, 'https://x.com/compose/post');
      await user.type(editor(0), 'First post');
      await driver.click('#layers [data-testid="addButton"]');
      await user.type(editor(1), 'Second post is cheap');
      const dialog = await user.held(postAll);
      assert.match(dialog, /post 2 of the thread/);
      await dismiss();
      await user.type(editor(1), 'Second post');
      const sent = await user.publishes(postAll, 2);
      assert.deepEqual(sent.map((s) => s.body.variables.tweet_text), ['First post', 'Second post']);
    });
  });

  test(`${browserName}: the repost item's newer test id, repostConfirm, is guarded too`, { timeout: 60_000 }, async () => {
    await inVariant({ repostItem: 'repostConfirm' }, async () => {
      await user.open(STRANGER);
      await driver.click('main [data-testid="retweet"]');
      assert.match(await user.held(() => driver.click('#layers [data-testid="repostConfirm"]')), /not an account of this policy/);
      await dismiss();
      await user.open(ACME);
      await driver.click('main [data-testid="retweet"]');
      const [repost] = await user.publishes(() => driver.click('#layers [data-testid="repostConfirm"]'));
      assert.deepEqual([repost.operation, repost.userId], ['CreateRetweet', ACME.user_id]);
    });
  });
}
