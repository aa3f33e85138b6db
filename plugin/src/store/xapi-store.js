import { KollegaError } from '../core/kollega-error.js';
import { XapiQueue } from './xapi-queue.js';
import { eventToStatement, agentOf, learnerOf } from './xapi-mapping.js';
import { endpointUrl, readStatements } from './xapi-reader.js';

const CHANNEL = 'kollega-xapi';
const LEASE_MS = 30_000;

/** Retry-After in ms (delta-seconds or an HTTP date), or 0. */
function retryAfterMs(response, now = Date.now()) {
  const value = response.headers.get('Retry-After');
  if (!value) return 0;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

const storageError = (action, cause) =>
  cause instanceof KollegaError ? cause : new KollegaError('storage_failed', `IndexedDB ${action} failed: ${cause?.message ?? cause}`, '', { cause });

/**
 * An event store backed by an LRS (docs/xapi-store.md): the LocalStore interface (warmUp, list,
 * put, subscribe) plus `syncState`, `flush()`, `refresh()` and `sync` events (an EventTarget).
 * Events are written to IndexedDB and queued in the same transaction before anything is sent;
 * the queue is sent with PUT by statement id (idempotent), retried with exponential backoff and
 * jitter, and survives reloads. The group's shared statements are read back and merged by id.
 */
export class XapiStore extends EventTarget {
  #endpoint;
  #auth;
  #learner;
  #homePage;
  #actor;
  #registration;
  #groupMembers;
  #coach;
  #pollMs;
  #retryBaseMs;
  #retryMaxMs;
  #queue;
  #scope;
  #owner = Math.random().toString(36).slice(2);
  #listeners = new Set();
  #programs = new Set();
  #channel = null;
  #flushing = null;
  #refreshing = new Map();
  #timer = null;
  #pollTimer = null;
  #notBefore = 0;
  #attempts = 0;
  #stopped = null;
  #decorate;
  #state = { state: 'synced', pending: 0, held: 0, error: null, readError: null };
  #onWake = () => this.#wake();

  /**
   * @param {object} options
   * @param {string} options.endpoint the LRS endpoint (statements are at `<endpoint>statements`)
   * @param {string} [options.auth] the `Authorization` header value (cmi5: `Basic <token>`)
   * @param {string} [options.learner] the learner id (default: `actor.account.name`)
   * @param {object} [options.actor] the learner's Agent (cmi5: the launch actor)
   * @param {string} [options.homePage] the LMS address of the accounts (default: the actor's)
   * @param {string} [options.registration] context.registration of every statement (cmi5)
   * @param {string[]} [options.groupMembers] the learner's group: their `group` events are read back
   * @param {boolean} [options.coach] read the whole cohort (everything but private) and send nothing
   * @param {number} [options.pollSeconds] read-back interval while the page is visible (default 60; 0: only on focus)
   * @param {(statement: object) => object} [options.decorate] changes each event's statement before it is queued (cmi5: the contextTemplate)
   * @param {number} [options.retryBaseMs] first retry delay (default 1000), doubled per attempt up to `retryMaxMs` (60000)
   */
  constructor(options = {}) {
    super();
    this.#endpoint = endpointUrl(options.endpoint ?? '');
    this.#auth = options.auth ?? '';
    this.#actor = options.actor ?? null;
    this.#learner = String(options.learner ?? learnerOf(this.#actor) ?? '');
    this.#coach = Boolean(options.coach);
    if (!this.#learner && !this.#coach) throw new KollegaError('lrs_config', 'The xAPI store needs the learner (or an actor with an account).', '/learner');
    this.#homePage = options.homePage ?? this.#actor?.account?.homePage ?? globalThis.location?.origin;
    this.#actor ??= this.#learner ? agentOf(this.#learner, this.#homePage) : null;
    this.#registration = options.registration ?? '';
    this.#decorate = options.decorate ?? ((statement) => statement);
    this.#groupMembers = [...(options.groupMembers ?? [])];
    this.#pollMs = (options.pollSeconds ?? 60) * 1000;
    this.#retryBaseMs = options.retryBaseMs ?? 1000;
    this.#retryMaxMs = options.retryMaxMs ?? 60_000;
    this.#scope = `${this.#endpoint} ${this.#coach ? '(coach)' : this.#learner}`;
    this.#queue = new XapiQueue(this.#scope);
  }

  /**
   * `{state: 'synced'|'waiting'|'sending'|'error', pending, held, error, readError}`: `pending`
   * statements in the outbox (`held`: refused by the LRS), errors as `{code, message}` or null.
   */
  get syncState() {
    return { ...this.#state };
  }

  /** The LRS endpoint, ending in `/`. */
  get endpoint() {
    return this.#endpoint;
  }

  /** Opens the database and sends what an earlier page left in the outbox. */
  warmUp() {
    this.#queue.open().then(
      () => this.flush(),
      () => {},
    );
  }

  /** The local log of a program at once; a read-back from the LRS starts the first time. */
  async list(programId) {
    const first = !this.#programs.has(programId);
    this.#programs.add(programId);
    let events;
    try {
      events = await this.#queue.events(programId);
    } catch (cause) {
      throw storageError('read', cause);
    }
    if (first) this.refresh(programId).catch(() => {});
    return events;
  }

  /**
   * Keeps an event: in the log and (unless private) in the outbox, in one transaction, then
   * starts sending. Resolves when the event is on disk, not when the LRS has it.
   */
  async put(programId, event) {
    if (this.#coach) throw new KollegaError('read_only', 'A coach\'s LRS source does not record events.', '');
    this.#programs.add(programId);
    let statement = null;
    if (event.visibility !== 'private') {
      let goalActivity;
      if (event.type === 'goal.checked-in') {
        const known = await this.#queue.events(programId).catch(() => []);
        const set = known.find((e) => e.type === 'goal.set' && e.actor === event.actor && e.payload?.goal === event.payload?.goal);
        goalActivity = () => set?.payload.activity;
      }
      statement = this.#decorate(eventToStatement(event, {
        programId,
        homePage: this.#homePage,
        actor: this.#actor,
        registration: this.#registration || undefined,
        goalActivity,
      }));
    }
    try {
      await this.#queue.write(programId, event, statement);
    } catch (cause) {
      throw storageError('write', cause);
    }
    this.#announce(programId);
    if (statement) {
      await this.#updateState();
      this.flush();
    }
  }

  /**
   * Queues a statement that is not a Kollega event (the cmi5 host's own statements) durably and
   * starts sending; the outbox keeps the order in which statements were queued.
   */
  async sendStatement(statement, { now = false } = {}) {
    // `now` (the page is closing): the keepalive PUT starts before anything is awaited, so it
    // leaves even if the page is gone before IndexedDB answers; the outbox copy is sent again
    // next time unless this one is confirmed (PUT by id: a second copy is a no-op).
    const direct = now && !this.#stopped ? this.#send(statement) : null;
    try {
      await this.#queue.enqueue(statement);
    } catch (cause) {
      if (!direct) throw storageError('write', cause);
    }
    if (direct && (await direct).kind === 'done') await this.#queue.done(statement.id).catch(() => {});
    await this.#updateState();
    return this.flush();
  }

  /**
   * Calls `listener(programId)` when events arrived (read back, or put in another tab).
   * While anyone listens, the store polls the LRS and refreshes on focus.
   * @returns {() => void} unsubscribe
   */
  subscribe(listener) {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#startWatching();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.close();
    };
  }

  /** Stops polling, timers and the channel (the outbox stays on disk for the next start). */
  close() {
    clearTimeout(this.#timer);
    clearInterval(this.#pollTimer);
    this.#timer = this.#pollTimer = null;
    globalThis.removeEventListener?.('focus', this.#onWake);
    globalThis.removeEventListener?.('online', this.#onWake);
    globalThis.document?.removeEventListener('visibilitychange', this.#onWake);
    this.#channel?.close();
    this.#channel = null;
  }

  /** Sends the outbox now (one tab at a time); resolves when this attempt is over. */
  flush() {
    if (this.#coach) return Promise.resolve();
    this.#flushing ??= this.#withFlushLock(() => this.#sendAll())
      .catch((error) => this.#setError(error))
      .finally(() => {
        this.#flushing = null;
      });
    return this.#flushing;
  }

  /** Reads the program's shared statements back (every program listed so far without an argument). */
  async refresh(programId) {
    if (programId === undefined) {
      await Promise.all([...this.#programs].map((p) => this.refresh(p)));
      return;
    }
    if (!this.#refreshing.has(programId)) {
      this.#refreshing.set(programId, this.#readBack(programId).finally(() => this.#refreshing.delete(programId)));
    }
    return this.#refreshing.get(programId);
  }

  /** Every statement of the program in the LRS that the viewer may see, as events (the coach's source). */
  async fetchEvents(programId) {
    const events = [];
    await readStatements(this.#readOptions(programId, null), (event) => events.push(event));
    return events;
  }

  // --- sending ---

  async #withFlushLock(fn) {
    const locks = globalThis.navigator?.locks;
    if (locks?.request) {
      return locks.request(`kollega-xapi-flush ${this.#scope}`, { ifAvailable: true }, (lock) => (lock ? fn() : this.#busy()));
    }
    if (!(await this.#queue.lease(this.#owner, LEASE_MS))) return this.#busy();
    try {
      return await fn();
    } finally {
      await this.#queue.release(this.#owner).catch(() => {});
    }
  }

  /** Another tab is sending: look again later (it may close mid-way). */
  async #busy() {
    await this.#updateState();
    this.#schedule(Math.max(2000, this.#retryBaseMs));
  }

  async #sendAll() {
    if (this.#stopped) return;
    for (;;) {
      const entries = (await this.#queue.pending()).filter((e) => !e.held);
      if (!entries.length) break;
      const wait = this.#notBefore - Date.now();
      if (wait > 0) {
        this.#schedule(wait);
        break;
      }
      const entry = entries[0];
      await this.#updateState('sending');
      if (!globalThis.navigator?.locks?.request) await this.#queue.lease(this.#owner, LEASE_MS); // renew
      const outcome = await this.#send(entry.statement);
      if (outcome.kind === 'done') {
        await this.#queue.done(entry.id);
        this.#attempts = 0;
        continue;
      }
      await this.#queue.failed(entry.id, outcome.error, outcome.kind === 'refused');
      if (outcome.kind === 'refused') {
        this.#state.error = outcome.error;
        continue;
      }
      if (outcome.kind === 'auth') {
        this.#stopped = outcome.error;
        break;
      }
      // retry: exponential backoff with jitter, at least what Retry-After asks.
      const delay = Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** this.#attempts);
      this.#attempts += 1;
      const jittered = delay / 2 + Math.random() * (delay / 2);
      const ms = Math.max(jittered, outcome.retryAfter ?? 0);
      this.#notBefore = Date.now() + ms;
      this.#schedule(ms);
      this.#state.error = outcome.error;
      break;
    }
    await this.#updateState();
  }

  /** One PUT; `{kind: 'done'|'retry'|'auth'|'refused', error, retryAfter}`. */
  async #send(statement) {
    const url = new URL('statements', this.#endpoint);
    url.searchParams.set('statementId', statement.id);
    let response;
    try {
      const body = JSON.stringify(statement);
      // keepalive: a statement sent as the tab closes (cmi5 terminated) still reaches the LRS.
      response = await fetch(url, { method: 'PUT', headers: this.#headers(true), body, credentials: 'omit', keepalive: body.length < 32_000 });
    } catch (cause) {
      return { kind: 'retry', error: { code: 'lrs_unreachable', message: `The LRS at ${this.#endpoint} could not be reached: ${cause?.message ?? cause}` } };
    }
    const status = response.status;
    // 204: stored; 409: the LRS already has a statement with this id (our earlier attempt): done.
    if (status === 204 || status === 200 || status === 409) return { kind: 'done' };
    const detail = await response.text().catch(() => '');
    const error = { code: `lrs_http_${status}`, message: `The LRS answered HTTP ${status} to statement ${statement.id}${detail ? `: ${detail.slice(0, 200)}` : ''}` };
    if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', error, retryAfter: retryAfterMs(response) };
    if (status === 401 || status === 403) return { kind: 'auth', error: { ...error, code: 'lrs_auth' } };
    return { kind: 'refused', error };
  }

  #headers(json = false) {
    const headers = { 'X-Experience-API-Version': '1.0.3' };
    if (this.#auth) headers.Authorization = this.#auth;
    if (json) headers['Content-Type'] = 'application/json';
    return headers;
  }

  #schedule(ms) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flush();
    }, ms);
  }

  /** Back online, focused or visible: retry now and read back. */
  #wake() {
    if (globalThis.document?.visibilityState === 'hidden') return;
    this.#notBefore = 0;
    this.flush();
    this.refresh().catch(() => {});
  }

  async #updateState(sending) {
    let entries = [];
    try {
      entries = await this.#queue.pending();
    } catch {
      /* the state keeps its last counts */
    }
    const held = entries.filter((e) => e.held).length;
    const pending = entries.length;
    let state = pending === 0 ? 'synced' : sending ?? 'waiting';
    let error = pending === 0 ? null : this.#state.error;
    if (this.#stopped) {
      state = 'error';
      error = this.#stopped;
    } else if (held && pending === held) {
      state = 'error';
      error = entries.find((e) => e.held)?.lastError ?? error;
    }
    const next = { state, pending, held, error, readError: this.#state.readError };
    const changed = JSON.stringify(next) !== JSON.stringify(this.#state);
    this.#state = next;
    if (changed) this.dispatchEvent(new CustomEvent('sync', { detail: this.syncState }));
  }

  #setReadError(readError) {
    if (JSON.stringify(readError) === JSON.stringify(this.#state.readError)) return;
    this.#state = { ...this.#state, readError };
    this.dispatchEvent(new CustomEvent('sync', { detail: this.syncState }));
  }

  #setError(error) {
    this.#state = { ...this.#state, state: 'error', error: { code: error?.code ?? 'storage_failed', message: String(error?.message ?? error) } };
    this.dispatchEvent(new CustomEvent('sync', { detail: this.syncState }));
  }

  // --- reading back ---

  async #readBack(programId) {
    const cursorKey = `since ${programId}`;
    const since = await this.#queue.getMeta(cursorKey).catch(() => undefined);
    const events = [];
    let newest;
    try {
      newest = await readStatements(this.#readOptions(programId, since), (event) => events.push(event));
      this.#setReadError(null);
    } catch (error) {
      this.#setReadError({ code: error.code ?? 'lrs_unreachable', message: error.message });
      throw error;
    }
    const added = await this.#queue.merge(programId, events);
    if (newest && newest !== since) await this.#queue.setMeta(cursorKey, newest);
    if (added) this.#announce(programId);
    // The LRS answered: a good time to send what is waiting.
    if (this.#state.pending && !this.#coach) {
      this.#notBefore = 0;
      this.flush();
    }
    return added;
  }

  #readOptions(programId, since) {
    return {
      endpoint: this.#endpoint,
      auth: this.#auth,
      programId,
      since,
      viewer: { learner: this.#learner, groupMembers: this.#groupMembers, coach: this.#coach },
    };
  }

  // --- telling others ---

  #startWatching() {
    if (typeof BroadcastChannel === 'function' && !this.#channel) {
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = ({ data }) => {
        if (data?.scope !== this.#scope) return;
        if (data.type === 'events-changed') this.#notify(data.program);
        if (data.type === 'queue-changed') this.#updateState();
      };
    }
    globalThis.addEventListener?.('focus', this.#onWake);
    globalThis.addEventListener?.('online', this.#onWake);
    globalThis.document?.addEventListener('visibilitychange', this.#onWake);
    if (this.#pollMs > 0) {
      this.#pollTimer = setInterval(() => {
        if (globalThis.document?.visibilityState !== 'hidden') this.refresh().catch(() => {});
      }, this.#pollMs);
    }
  }

  #notify(programId) {
    for (const listener of this.#listeners) listener(programId);
  }

  #announce(programId) {
    this.#notify(programId);
    this.#channel?.postMessage({ type: 'events-changed', scope: this.#scope, program: programId });
  }
}
