// The page's side of the worker protocol (docs/groups-view.md): one module worker per element,
// promises for requests, callbacks for progress, and a cancel that terminates a worker which does
// not answer in time (keeping the last snapshot of the best result).
import { KollegaError } from '../core/kollega-error.js';

/** How long a cancelled search may take to send its best result before the worker is terminated. */
export const CANCEL_GRACE_MS = 1000;

export class GroupsWorkerClient {
  #workerUrl;
  #wasmUrl;
  #worker = null;
  #ready = null;
  #nextId = 1;
  /** id -> {resolve, reject, onProgress, onSnapshot, snapshot} */
  #pending = new Map();

  /** @param {{workerUrl: string, wasmUrl?: string}} options absolute URLs */
  constructor({ workerUrl, wasmUrl = '' }) {
    this.#workerUrl = workerUrl;
    this.#wasmUrl = wasmUrl;
  }

  /** Starts the worker and loads the module; resolves to the module's version. */
  ready() {
    if (this.#ready) return this.#ready;
    let worker;
    try {
      worker = new Worker(this.#workerUrl, { type: 'module', name: 'kollega-groups' });
    } catch (cause) {
      return Promise.reject(this.#loadError(cause?.message ?? String(cause)));
    }
    this.#worker = worker;
    this.#ready = new Promise((resolve, reject) => {
      const fail = (error) => {
        this.#discard(worker, error);
        reject(error);
      };
      worker.onmessage = ({ data }) => {
        if (data?.type === 'ready') resolve(data.version);
        else if (data?.type === 'failed') fail(this.#loadError(data.error?.message ?? ''));
        else this.#receive(data);
      };
      worker.onerror = (event) => {
        event.preventDefault?.();
        fail(this.#loadError(event.message || `the worker ${this.#workerUrl} could not start`));
      };
      worker.postMessage({ type: 'init', wasmUrl: this.#wasmUrl });
    });
    return this.#ready;
  }

  /** The core's roster parse: resolves to its envelope. */
  async parseRoster(text) {
    await this.ready();
    return this.#request({ type: 'parseRoster', text });
  }

  /**
   * Starts a search. Returns `{id, result}`: `result` resolves to `{reason, envelope}` with
   * reason `done`, `budget`, `cancelled` or `error`.
   */
  solve({ roster, options, lang, maxIterations }, { onProgress = () => {}, onSnapshot = () => {} } = {}) {
    const id = this.#nextId++;
    const result = this.ready().then(
      () =>
        new Promise((resolve, reject) => {
          this.#pending.set(id, { resolve, reject, onProgress, onSnapshot, snapshot: null });
          this.#worker.postMessage({ type: 'solve', id, roster, options, lang, maxIterations, wasmUrl: this.#wasmUrl });
        }),
    );
    return { id, result };
  }

  /**
   * Stops the search `id`: the worker answers with its best result; if it does not within
   * CANCEL_GRACE_MS, it is terminated and the search resolves with the last snapshot (or none).
   */
  cancel(id) {
    const entry = this.#pending.get(id);
    if (!entry || !this.#worker) return;
    this.#worker.postMessage({ type: 'cancel', id });
    const worker = this.#worker;
    setTimeout(() => {
      if (!this.#pending.has(id) || this.#worker !== worker) return;
      const snapshot = entry.snapshot;
      this.#pending.delete(id);
      this.#discard(worker, null);
      entry.resolve({ reason: 'cancelled', envelope: snapshot, terminated: true });
    }, CANCEL_GRACE_MS);
  }

  /** The last job's result in another language (no new search). */
  async explain(lang) {
    await this.ready();
    return this.#request({ type: 'explain', lang }).then((answer) => answer.envelope);
  }

  /**
   * The core's explanation of an edited schedule (rounds of groups of ids) under the last job's
   * roster and options: the same result JSON, with every broken hard constraint in `violations`.
   * Resolves to the envelope; rejects if there is no worker (e.g. after a terminated cancel).
   */
  async check(schedule, lang) {
    if (!this.#worker) throw new KollegaError('no_result', 'The solver was stopped; form the groups again to check them.', '');
    await this.ready();
    return this.#request({ type: 'check', schedule, lang }).then((answer) => answer.envelope);
  }

  /** Stops the worker; pending requests reject. */
  terminate() {
    if (this.#worker) this.#discard(this.#worker, new KollegaError('cancelled', 'The groups view was closed.', ''));
  }

  #request(message) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress() {}, onSnapshot() {}, snapshot: null, raw: true });
      this.#worker.postMessage({ ...message, id });
    });
  }

  #receive(data) {
    const entry = this.#pending.get(data?.id);
    if (!entry) return;
    if (data.type === 'progress') entry.onProgress(data);
    else if (data.type === 'snapshot') {
      if (data.envelope?.ok) {
        entry.snapshot = data.envelope;
        entry.onSnapshot(data.envelope);
      }
    } else if (data.type === 'roster') {
      this.#pending.delete(data.id);
      entry.resolve(data.envelope);
    } else if (data.type === 'result') {
      this.#pending.delete(data.id);
      entry.resolve(entry.raw ? data : { reason: data.reason, envelope: data.envelope });
    }
  }

  /** Terminates `worker`; every pending request resolves with its snapshot (`error` null) or rejects. */
  #discard(worker, error) {
    worker.terminate();
    if (this.#worker !== worker) return;
    this.#worker = null;
    this.#ready = null;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const entry of pending) {
      if (error) entry.reject(error);
      else entry.resolve({ reason: 'cancelled', envelope: entry.snapshot, terminated: true });
    }
  }

  #loadError(detail) {
    return new KollegaError('wasm_load_failed', `Could not start the group solver (${this.#workerUrl}): ${detail}`, '');
  }
}
