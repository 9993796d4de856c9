// The x.com replica: answers every X request a browser makes and records each one. Requests
// to x.com never leave the machine (Playwright's route for Chromium, a loopback HTTPS server
// for Firefox).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const APP = readFileSync(fileURLToPath(new URL('./app.js', import.meta.url)), 'utf8');
export const X_ROUTE = /^https:\/\/(x|twitter|mobile\.x|mobile\.twitter|pro\.x)\.com\//;
export const QUERY_IDS = { CreateTweet: 'aB3dE5fG7hI9jK1lM2nO4p' };

// Returns the page state X inlines at page load (window.__INITIAL_STATE__): the users the page
// shows, by id, the logged-in one (`twid`) among them. `pageStateHandle` gives that user another
// screen_name, as a page out of step with the others would.
function initialState(config, twid) {
  const users = {};
  const shown = (account, handle = account.handle) => {
    users[account.user_id] = { id_str: account.user_id, name: account.name, screen_name: handle };
  };
  shown(config.accounts[0]); // the author of the post on the timeline
  const loggedIn = config.accounts.find((account) => `u=${account.user_id}` === twid);
  if (loggedIn) shown(loggedIn, config.pageStateHandle ?? loggedIn.handle);
  return { entities: { users: { entities: users } } };
}

function page(config, twid) {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const state = JSON.stringify(initialState(config, twid)).replace(/</g, '\\u003c');
  const dir = config.lang === 'ar' ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${config.lang ?? 'en'}" dir="${dir}"><head><meta charset="utf-8"><title>Home / X</title>
<script>window.__INITIAL_STATE__=${state};</script>
<script id="replica-config" type="application/json">${json}</script>
<script src="/replica/app.js" defer></script></head>
<body><div id="react-root"></div><div id="layers"></div></body></html>`;
}

export function createReplica({ accounts, ...options }) {
  const requests = [];
  let config = { accounts, queryIds: QUERY_IDS, ...options };
  let created = 0;
  const refusals = []; // errors X answers the next posts with (200 and an `errors` list)

  // Answers one request {method, url, headers, body, isDocument} as x.com would, and records
  // it. Both transports below call this: Playwright's route (Chromium) and the local HTTPS
  // server behind a proxy (Firefox, replica_server.mjs).
  function answer({ method, url: href, headers, body, isDocument }) {
    const url = new URL(href);
    const cookies = Object.fromEntries((headers.cookie ?? '').split(/;\s*/).filter(Boolean).map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1))];
    }));
    requests.push({ method, url: url.href, path: url.pathname, body, cookies, at: Date.now() });
    if (url.pathname === '/replica/app.js') return { status: 200, contentType: 'text/javascript', body: APP };
    if (url.pathname.startsWith('/i/api/')) {
      // `answerDelayMs`: a slow X, so a post stays in flight a while (recorded at once).
      if (config.answerDelayMs) return { ...answerApi(url), delayMs: config.answerDelayMs };
      return answerApi(url);
    }
    if (isDocument) return { status: 200, contentType: 'text/html', body: page(config, cookies.twid) };
    return { status: 404, contentType: 'text/plain', body: '' };
  }

  // Answers a call to X's API at `url`.
  function answerApi(url) {
    if (/\/(CreateTweet|CreateNoteTweet)$/.test(url.pathname)) {
      // As X refuses a duplicate post or one over its limits: 200, an `errors` list, no post.
      if (refusals.length > 0) return { status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [refusals.shift()], data: {} }) };
      created += 1;
      const made = { tweet_results: { result: { rest_id: String(1900000000000000000n + BigInt(created)) } } };
      const data = url.pathname.endsWith('/CreateNoteTweet') ? { notetweet_create: made } : { create_tweet: made };
      return { status: 200, contentType: 'application/json', body: JSON.stringify({ data }) };
    }
    return { status: 200, contentType: 'application/json', body: '{}' };
  }

  // Serves a request Playwright routed (context.route(X_ROUTE, ...)).
  async function serve(route) {
    const request = route.request();
    const headers = await request.allHeaders();
    const isDocument = request.resourceType() === 'document';
    const { delayMs = 0, ...reply } = answer({ method: request.method(), url: request.url(), headers, body: request.postData(), isDocument });
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return route.fulfill(reply);
  }

  return {
    answer,
    serve,
    requests,
    // Every post that reached the replica (long ones too): {text, userId (from the twid cookie it carried)}.
    posts() {
      return requests.filter((r) => /\/graphql\/[^/]+\/Create(Note)?Tweet$/.test(r.path) && r.method === 'POST').map((r) => {
        let text = null;
        try {
          text = JSON.parse(r.body).variables.tweet_text;
        } catch (error) {
          text = `<unreadable body: ${error.message}>`;
        }
        return { text, userId: (r.cookies.twid ?? '').replace(/^u=/, '') };
      });
    },
    // Every request that reached the replica to publish something (not the page's own reads or
    // the account switch): what a user would see go out.
    published() {
      return requests.filter((r) => r.method === 'POST' && !/\/account\/multi\/switch\.json$/.test(r.path)).map((r) => {
        let body = r.body;
        try {
          body = JSON.parse(r.body);
        } catch {
          // form-encoded bodies stay as they are
        }
        return { operation: r.path.split('/').pop(), body, userId: (r.cookies.twid ?? '').replace(/^u=/, '') };
      });
    },
    // X refuses the next post with `error` ({message, code}), answering 200 as X does.
    refuseNextPost(error) {
      refusals.push({ kind: 'Permissions', ...error });
    },
    configure(changes) {
      config = { ...config, ...changes };
    },
  };
}
