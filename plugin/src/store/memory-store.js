/**
 * An event log kept in memory only, with the LocalStore interface: for previews (the admin page)
 * where nothing a visitor marks as done may be kept. Idempotent by event id, like LocalStore.
 */
export class MemoryStore {
  #events = new Map();

  warmUp() {}

  /** Every event of one program, in no particular order. */
  async list(programId) {
    return [...(this.#events.get(programId)?.values() ?? [])];
  }

  /** Keeps an event (the first copy of an id wins). */
  async put(programId, event) {
    let events = this.#events.get(programId);
    if (!events) this.#events.set(programId, (events = new Map()));
    if (!events.has(event.id)) events.set(event.id, event);
  }

  /** Nobody else writes to a memory log, so there is nothing to hear about. */
  subscribe() {
    return () => {};
  }

  close() {}
}
