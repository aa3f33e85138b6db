import { openDB } from 'idb';
import { KollegaError } from '../core/kollega-error.js';

const DB_NAME = 'kollega';
const DB_VERSION = 1;
const EVENTS = 'events';
const CHANNEL = 'kollega';

let dbPromise = null;

function openEventsDb() {
  if (!dbPromise) {
    if (!globalThis.indexedDB) return Promise.reject(new Error('IndexedDB is not available'));
    // indexedDB.open can throw synchronously (e.g. SecurityError for blocked storage).
    dbPromise = Promise.resolve().then(() => openDB(DB_NAME, DB_VERSION, {
      upgrade(db) {
        const events = db.createObjectStore(EVENTS, { keyPath: 'id' });
        events.createIndex('program', 'program');
      },
      blocking() {
        // Another tab wants a newer schema: let it, and reopen lazily next time.
        dbPromise?.then((db) => db.close());
        dbPromise = null;
      },
    }));
    dbPromise.catch(() => {
      dbPromise = null;
    });
  }
  return dbPromise;
}

function storageError(action, cause) {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new KollegaError('storage_failed', `IndexedDB ${action} failed: ${detail}`, '', { cause });
}

/**
 * The local event log (the generic-page default store): IndexedDB `kollega`, object store
 * `events` (key `id`, index `program`), records `{id, program, event}`. Events are immutable, so
 * `put` of an id already stored keeps the first copy: the log is a set.
 */
export class LocalStore {
  #channel = null;
  #listeners = new Set();

  /** Opens the database ahead of use (e.g. while the wasm compiles); failures surface on list/put. */
  warmUp() {
    openEventsDb().catch(() => {});
  }

  /** Every stored event of one program, in no particular order (the core orders them). */
  async list(programId) {
    try {
      const db = await openEventsDb();
      const records = await db.getAllFromIndex(EVENTS, 'program', programId);
      return records.map((record) => record.event);
    } catch (cause) {
      throw storageError('read', cause);
    }
  }

  /** Stores an event of a program (idempotent by event id) and tells other tabs. */
  async put(programId, event) {
    try {
      const db = await openEventsDb();
      const tx = db.transaction(EVENTS, 'readwrite');
      const existing = await tx.store.getKey(event.id);
      if (existing === undefined) await tx.store.add({ id: event.id, program: programId, event });
      await tx.done;
    } catch (cause) {
      throw storageError('write', cause);
    }
    this.#channelOrNull()?.postMessage({ type: 'events-changed', program: programId });
  }

  /**
   * Calls `listener(programId)` when another tab or element changed the log.
   * @returns {() => void} unsubscribe
   */
  subscribe(listener) {
    this.#listeners.add(listener);
    this.#channelOrNull();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.close();
    };
  }

  /** Closes the BroadcastChannel. */
  close() {
    this.#channel?.close();
    this.#channel = null;
  }

  #channelOrNull() {
    if (!this.#channel && typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = ({ data }) => {
        if (data?.type !== 'events-changed') return;
        for (const listener of this.#listeners) listener(data.program);
      };
    }
    return this.#channel;
  }
}
