// The network guard, in the page's own world (MAIN), injected at document_start before any of
// X's scripts. It wraps fetch and XMLHttpRequest; a POST that could publish something is held
// and its body handed to the isolated content script, which releases it only for an approval
// of exactly that text and account, or after a fresh verdict on the actual payload.
//
// Why page scripts cannot forge a release: the only channel is a MessageChannel whose port is
// handed to the isolated world once, synchronously, before any page script exists; answers
// arrive only on that private port. Every built-in used after start-up is captured now, so a
// page script that later replaces a prototype method cannot see or steer the guard.
// With no channel, or a channel that does not answer, nothing guarded is sent (fail closed).
'use strict';
(() => {
  const apply = Reflect.apply;
  const getOwnDescriptor = Object.getOwnPropertyDescriptor;
  const OriginalXhr = XMLHttpRequest;
  const xhrOpen = OriginalXhr.prototype.open;
  const xhrSend = OriginalXhr.prototype.send;
  const originalFetch = window.fetch;
  const OriginalRequest = Request;
  const requestClone = Request.prototype.clone;
  const requestText = Request.prototype.text;
  const requestUrl = getOwnDescriptor(Request.prototype, 'url').get;
  const requestMethod = getOwnDescriptor(Request.prototype, 'method').get;
  const responseStatus = getOwnDescriptor(Response.prototype, 'status').get;
  const xhrStatus = getOwnDescriptor(OriginalXhr.prototype, 'status').get;
  const xhrReadyState = getOwnDescriptor(OriginalXhr.prototype, 'readyState').get;
  const xhrResponseType = getOwnDescriptor(OriginalXhr.prototype, 'responseType').get;
  const xhrResponseText = getOwnDescriptor(OriginalXhr.prototype, 'responseText').get;
  const xhrResponse = getOwnDescriptor(OriginalXhr.prototype, 'response').get;
  const responseClone = Response.prototype.clone;
  const responseText = Response.prototype.text;
  const JsonRef = JSON;
  const jsonStringify = JSON.stringify;
  const blobText = Blob.prototype.text;
  const OriginalBlob = Blob;
  const OriginalFormData = FormData;
  const OriginalUrlSearchParams = URLSearchParams;
  const searchParamsToString = URLSearchParams.prototype.toString;
  const OriginalURL = URL;
  const urlPathname = getOwnDescriptor(URL.prototype, 'pathname').get;
  const portPost = MessagePort.prototype.postMessage;
  const portStart = MessagePort.prototype.start;
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const eventData = getOwnDescriptor(MessageEvent.prototype, 'data').get;
  const OriginalMessageChannel = MessageChannel;
  const OriginalMessageEvent = MessageEvent;
  const OriginalProgressEvent = ProgressEvent;
  const OriginalPromise = Promise;
  const promiseThen = Promise.prototype.then;
  const OriginalTypeError = TypeError;
  const OriginalWeakMap = WeakMap;
  const weakGet = WeakMap.prototype.get;
  const weakSet = WeakMap.prototype.set;
  const OriginalMap = Map;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapDelete = Map.prototype.delete;
  const regexpTest = RegExp.prototype.test;
  const toUpper = String.prototype.toUpperCase;
  const setTimer = setTimeout;
  const clearTimer = clearTimeout;
  const documentRef = document;
  const locationHref = () => documentRef.URL;

  // Only POSTs to these paths can publish: GraphQL mutations and the REST calls that post,
  // send DMs, follow, like or repost. The isolated world decides which of them carry a post.
  const GUARDED_PATH = /(\/graphql\/[A-Za-z0-9_-]+\/[A-Za-z][A-Za-z0-9_]*$)|(\/1\.1\/(dm\/new2?|statuses\/update|friendships\/create|favorites\/create|statuses\/retweet\/\d+)\.json$)/;
  // An answer that never comes (the extension was reloaded, the isolated world is gone).
  const ANSWER_TIMEOUT_MS = 120_000;
  // X's answer to a post is a few kilobytes; a longer one is reported by its status alone.
  const MAX_ANSWER_CHARS = 256 * 1024;

  const channel = new OriginalMessageChannel();
  const port = channel.port1;
  let handedOut = false;
  const waiting = new OriginalMap();
  let nextId = 1;

  function handOutPort() {
    if (handedOut) return;
    handedOut = true;
    apply(removeListener, documentRef, ['handleguard:hello', handOutPort, true]);
    apply(dispatch, documentRef, [new OriginalMessageEvent('handleguard:port', { ports: [channel.port2] })]);
  }
  // The isolated world may start after us (then it says hello) or before us (then it is
  // already listening for the port): both lead to exactly one hand-out before page scripts run.
  apply(addListener, documentRef, ['handleguard:hello', handOutPort, true]);
  apply(addListener, port, ['message', (event) => {
    const answer = apply(eventData, event, []);
    if (!answer || typeof answer !== 'object') return;
    const resolve = apply(mapGet, waiting, [answer.id]);
    if (!resolve) return;
    apply(mapDelete, waiting, [answer.id]);
    resolve(answer.release === true);
  }]);
  apply(portStart, port, []);
  handOutPort();

  // Resolves {release, id}: release is true when the isolated world releases this request.
  function decide(method, url, body) {
    return new OriginalPromise((resolve) => {
      const id = nextId++;
      const timer = setTimer(() => {
        apply(mapDelete, waiting, [id]);
        resolve({ release: false, id });
      }, ANSWER_TIMEOUT_MS);
      apply(mapSet, waiting, [id, (release) => {
        clearTimer(timer);
        resolve({ release, id });
      }]);
      try {
        apply(portPost, port, [{ id, method, url, body }]);
      } catch (error) {
        apply(mapDelete, waiting, [id]);
        clearTimer(timer);
        console.warn('handleguard: cannot reach the guard:', error);
        resolve({ release: false, id });
      }
    });
  }

  // Tells the isolated world how X answered released request `id` (HTTP `status`, 0 for a
  // network error, and the answer's text or null), so it can report the post posted or failed:
  // X answers 200 with an `errors` list to many refusals (a duplicate post, a rate limit).
  function reportDone(id, status, body = null) {
    const text = typeof body === 'string' && body.length <= MAX_ANSWER_CHARS ? body : null;
    try {
      apply(portPost, port, [{ id, done: true, status, body: text }]);
    } catch (error) {
      console.warn('handleguard: cannot report a request:', error);
    }
  }
  const HELD = { release: false, id: 0 };

  // Returns the answer of finished request `xhr` as text, or null.
  function xhrAnswer(xhr) {
    try {
      const type = apply(xhrResponseType, xhr, []);
      if (type === '' || type === 'text') return apply(xhrResponseText, xhr, []);
      if (type === 'json') return apply(jsonStringify, JsonRef, [apply(xhrResponse, xhr, [])]);
    } catch (error) {
      console.warn('handleguard: cannot read an answer:', error);
    }
    return null;
  }
  function isGuarded(method, url) {
    if (typeof method !== 'string' || apply(toUpper, method, []) !== 'POST') return false;
    let path;
    try {
      path = apply(urlPathname, new OriginalURL(url, locationHref()), []);
    } catch {
      return true; // a URL this guard cannot read might still publish: hold it
    }
    return apply(regexpTest, GUARDED_PATH, [path]);
  }

  // Resolves the body as text (null when it cannot be read, which holds the request).
  function bodyText(body) {
    if (body === undefined || body === null) return OriginalPromise.resolve('');
    if (typeof body === 'string') return OriginalPromise.resolve(body);
    try {
      if (body instanceof OriginalUrlSearchParams) return OriginalPromise.resolve(apply(searchParamsToString, body, []));
      if (body instanceof OriginalBlob) return apply(blobText, body, []);
      if (body instanceof OriginalFormData) {
        const params = new OriginalUrlSearchParams();
        for (const [name, value] of body) if (typeof value === 'string') params.append(name, value);
        return OriginalPromise.resolve(apply(searchParamsToString, params, []));
      }
    } catch (error) {
      console.warn('handleguard: cannot read a request body:', error);
    }
    return OriginalPromise.resolve(null);
  }

  const xhrRequests = new OriginalWeakMap();

  OriginalXhr.prototype.open = function open(method, url) {
    apply(weakSet, xhrRequests, [this, { method: String(method), url: String(url) }]);
    return apply(xhrOpen, this, arguments);
  };

  OriginalXhr.prototype.send = function send(body) {
    const request = apply(weakGet, xhrRequests, [this]);
    if (!request || !isGuarded(request.method, request.url)) return apply(xhrSend, this, arguments);
    const xhr = this;
    const args = arguments;
    apply(promiseThen, bodyText(body), [(text) => {
      const decision = text === null ? OriginalPromise.resolve(HELD) : decide(request.method, request.url, text);
      apply(promiseThen, decision, [({ release, id }) => {
        if (release) {
          // readystatechange at DONE comes before load: the isolated world hears the answer
          // before X's own handler sends the next post of a thread.
          let reported = false;
          const done = () => {
            if (reported) return;
            reported = true;
            reportDone(id, apply(xhrStatus, xhr, []), xhrAnswer(xhr));
          };
          apply(addListener, xhr, ['readystatechange', () => {
            if (apply(xhrReadyState, xhr, []) === 4) done();
          }]);
          apply(addListener, xhr, ['loadend', done]);
          apply(xhrSend, xhr, args);
        } else {
          // Held: the page sees a failed request; nothing left the browser.
          apply(dispatch, xhr, [new OriginalProgressEvent('error')]);
          apply(dispatch, xhr, [new OriginalProgressEvent('loadend')]);
        }
      }]);
    }]);
    return undefined;
  };

  window.fetch = function fetch(input, init) {
    let method = 'GET';
    let url;
    const body = init?.body;
    const isRequest = input instanceof OriginalRequest;
    if (isRequest) {
      url = apply(requestUrl, input, []);
      method = apply(requestMethod, input, []);
    } else {
      url = String(input);
    }
    if (init && init.method !== undefined) method = String(init.method);
    if (!isGuarded(method, url)) return apply(originalFetch, this, arguments);
    const args = arguments;
    const self = this;
    const readBody = body === undefined && isRequest ? apply(requestText, apply(requestClone, input, []), []) : bodyText(body);
    return apply(promiseThen, readBody, [
      (text) => apply(promiseThen, text === null ? OriginalPromise.resolve(HELD) : decide(method, url, text), [
        ({ release, id }) => {
          if (!release) return OriginalPromise.reject(new OriginalTypeError('Failed to fetch (held by handleguard)'));
          return apply(promiseThen, apply(originalFetch, self, args), [
            (response) => {
              // The page gets the answer once the guard has read it (so a thread's next post
              // finds its predecessor's outcome known).
              const status = apply(responseStatus, response, []);
              let copy;
              try {
                copy = apply(responseText, apply(responseClone, response, []), []);
              } catch {
                copy = OriginalPromise.resolve(null); // reported by its status alone
              }
              return apply(promiseThen, copy, [
                (text) => {
                  reportDone(id, status, text);
                  return response;
                },
                () => {
                  reportDone(id, status, null);
                  return response;
                },
              ]);
            },
            (error) => {
              reportDone(id, 0);
              throw error;
            },
          ]);
        },
      ]),
    ]);
  };
})();
