// One native messaging port to handleguard-host, opened on demand and replaced when it dies.
// Every request either gets the host's reply or rejects with a HostProblem (never hangs):
// the caller turns a rejection into a held post.

export class HostProblem extends Error {
  // `code`: host_unavailable (not installed, crashed, refused) | host_timeout (silent too long).
  constructor(code, detail) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
  }
}

export class NativeClient {
  #connect;
  #timeoutMs;
  #port = null;
  #pending = new Map();
  #nextId = 1;
  #onState;

  // `connect()` returns a port {post, onMessage, onDisconnect, disconnect} (browser_api.js);
  // `onState(state)` hears 'connected' | {problem} for status displays.
  constructor({ connect, timeoutMs = 2000, onState = () => undefined }) {
    this.#connect = connect;
    this.#timeoutMs = timeoutMs;
    this.#onState = onState;
  }

  set timeoutMs(value) {
    this.#timeoutMs = value;
  }

  get connected() {
    return this.#port !== null;
  }

  // Sends `{id, type, ...fields}` and resolves with the host's reply (ok true or false).
  // `slowMs` raises the timeout for requests that are slow on purpose (a supervisor's
  // passphrase is checked with a memory-hard hash), never lowers it.
  request(type, fields = {}, slowMs = 0) {
    const timeoutMs = Math.max(this.#timeoutMs, slowMs);
    let port;
    try {
      port = this.#ensurePort();
    } catch (error) {
      return Promise.reject(new HostProblem('host_unavailable', String(error?.message ?? error)));
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A silent host may be stuck: drop it, so the next request starts a fresh one.
        this.#drop(port, new HostProblem('host_timeout', `no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      try {
        port.post({ ...fields, id, type });
      } catch (error) {
        this.#drop(port, new HostProblem('host_unavailable', String(error?.message ?? error)));
      }
    });
  }

  // Closes the port (the next request starts a new host).
  reset(reason = 'reset') {
    if (this.#port) this.#drop(this.#port, new HostProblem('host_unavailable', reason));
  }

  #ensurePort() {
    if (this.#port) return this.#port;
    const port = this.#connect();
    this.#port = port;
    port.onMessage((message) => this.#receive(port, message));
    port.onDisconnect((reason) => this.#drop(port, new HostProblem('host_unavailable', reason), false));
    this.#onState('connected');
    return port;
  }

  #receive(port, message) {
    if (port !== this.#port || !message || typeof message !== 'object') return;
    const waiting = this.#pending.get(message.id);
    if (!waiting) return; // a late reply to a request that already timed out
    this.#pending.delete(message.id);
    clearTimeout(waiting.timer);
    waiting.resolve(message);
  }

  // Fails every pending request of `port` with `problem` and forgets the port.
  #drop(port, problem, disconnect = true) {
    if (port !== this.#port) return;
    this.#port = null;
    if (disconnect) {
      try {
        port.disconnect();
      } catch (error) {
        console.debug('handleguard: disconnecting a dead port:', error?.message ?? error);
      }
    }
    for (const [, waiting] of this.#pending) {
      clearTimeout(waiting.timer);
      waiting.reject(problem);
    }
    this.#pending.clear();
    this.#onState({ problem: { code: problem.code, detail: problem.detail } });
  }
}
