import { openDB } from 'idb';

/**
 * The xAPI store's IndexedDB (docs/xapi-store.md, "Data"): `events` (the local log), `outbox`
 * (statements not yet accepted by the LRS) and `meta` (read-back cursors, the flush lease), each
 * keyed by `[scope, …]` so two learners or two LRSs in one browser never mix.
 */
const DB_NAME = 'kollega-xapi';
const DB_VERSION = 1;

let dbPromise = null;

function openQueueDb() {
  if (!dbPromise) {
    if (!globalThis.indexedDB) return Promise.reject(new Error('IndexedDB is not available'));
    dbPromise = Promise.resolve().then(() =>
      openDB(DB_NAME, DB_VERSION, {
        upgrade(db) {
          const events = db.createObjectStore('events', { keyPath: ['scope', 'id'] });
          events.createIndex('program', ['scope', 'program']);
          const outbox = db.createObjectStore('outbox', { keyPath: ['scope', 'id'] });
          outbox.createIndex('order', ['scope', 'seq']);
          db.createObjectStore('meta', { keyPath: ['scope', 'key'] });
        },
        blocking() {
          dbPromise?.then((db) => db.close());
          dbPromise = null;
        },
      }),
    );
    dbPromise.catch(() => {
      dbPromise = null;
    });
  }
  return dbPromise;
}

/** The durable part of one XapiStore: everything it keeps on this machine, for one scope. */
export class XapiQueue {
  /** @param {string} scope `<endpoint> <learner>` */
  constructor(scope) {
    this.scope = scope;
  }

  open() {
    return openQueueDb();
  }

  /** Every event of a program in the local log. */
  async events(program) {
    const db = await openQueueDb();
    const records = await db.getAllFromIndex('events', 'program', [this.scope, program]);
    return records.map((r) => r.event);
  }

  /**
   * Writes an event to the log and, when `statement` is given, its statement to the outbox, in
   * one transaction (both or neither). An id already in the log keeps its first copy and is not
   * queued again. Resolves to true when the event was new.
   */
  async write(program, event, statement) {
    const db = await openQueueDb();
    const tx = db.transaction(['events', 'outbox'], 'readwrite');
    const events = tx.objectStore('events');
    const known = (await events.getKey([this.scope, event.id])) !== undefined;
    if (!known) {
      await events.add({ scope: this.scope, id: event.id, program, event });
      if (statement) {
        await tx.objectStore('outbox').add({
          scope: this.scope,
          id: event.id,
          seq: Date.now() + Math.random() / 2,
          statement,
          attempts: 0,
          lastError: null,
          held: false,
        });
      }
    }
    await tx.done;
    return !known;
  }

  /** Queues a statement that is no Kollega event (cmi5's initialized, completed, …); false when its id is queued already. */
  async enqueue(statement) {
    const db = await openQueueDb();
    const tx = db.transaction('outbox', 'readwrite');
    const known = (await tx.store.getKey([this.scope, statement.id])) !== undefined;
    if (!known) {
      await tx.store.add({ scope: this.scope, id: statement.id, seq: Date.now() + Math.random() / 2, statement, attempts: 0, lastError: null, held: false });
    }
    await tx.done;
    return !known;
  }

  /** Adds events read back from the LRS (set union by id); resolves to how many were new. */
  async merge(program, events) {
    if (!events.length) return 0;
    const db = await openQueueDb();
    const tx = db.transaction('events', 'readwrite');
    let added = 0;
    for (const event of events) {
      if ((await tx.store.getKey([this.scope, event.id])) === undefined) {
        await tx.store.add({ scope: this.scope, id: event.id, program, event });
        added += 1;
      }
    }
    await tx.done;
    return added;
  }

  /** The outbox in the order statements were put. */
  async pending() {
    const db = await openQueueDb();
    return db.getAllFromIndex('outbox', 'order', IDBKeyRange.bound([this.scope, -Infinity], [this.scope, Infinity]));
  }

  /** Removes a statement the LRS has accepted. */
  async done(id) {
    const db = await openQueueDb();
    await db.delete('outbox', [this.scope, id]);
  }

  /** Records a failed attempt; `held` puts the entry aside (the LRS refused it for good). */
  async failed(id, lastError, held = false) {
    const db = await openQueueDb();
    const tx = db.transaction('outbox', 'readwrite');
    const entry = await tx.store.get([this.scope, id]);
    if (entry) await tx.store.put({ ...entry, attempts: entry.attempts + 1, lastError, held });
    await tx.done;
  }

  async getMeta(key) {
    const db = await openQueueDb();
    return (await db.get('meta', [this.scope, key]))?.value;
  }

  async setMeta(key, value) {
    const db = await openQueueDb();
    await db.put('meta', { scope: this.scope, key, value });
  }

  /**
   * Takes (or renews) the flush lease when Web Locks are missing: true when `owner` holds it
   * until `now + ms`. The check and the write are one readwrite transaction, so two tabs cannot
   * both win.
   */
  async lease(owner, ms, now = Date.now()) {
    const db = await openQueueDb();
    const tx = db.transaction('meta', 'readwrite');
    const current = (await tx.store.get([this.scope, 'flush-lease']))?.value;
    const free = !current || current.owner === owner || current.until < now;
    if (free) await tx.store.put({ scope: this.scope, key: 'flush-lease', value: { owner, until: now + ms } });
    await tx.done;
    return free;
  }

  /** Gives the lease back. */
  async release(owner) {
    const db = await openQueueDb();
    const tx = db.transaction('meta', 'readwrite');
    const current = (await tx.store.get([this.scope, 'flush-lease']))?.value;
    if (current?.owner === owner) await tx.store.delete([this.scope, 'flush-lease']);
    await tx.done;
  }
}
