/**
 * The SCORM hosts' event store: the learner's own events in memory, persisted into
 * cmi.suspend_data after every put (docs/scorm.md). It has the LocalStore interface.
 *
 * suspend_data is `K1` + base64(deflate-raw(JSON)) of `{"v":1,"p":{programId: [event, …]}}`:
 * CompressionStream is native in browsers (and Node), so no JS compression library ships.
 */

/** The format marker in front of the base64 text (a future format gets K2). */
export const STATE_PREFIX = 'K1';

/** What stays in suspend_data when all of the learner's events do not fit. */
export const KEEP = Object.freeze({ all: 'all', progress: 'progress', previous: 'previous' });

/** Events that carry the learner's own texts (reflections, feedback, goals, wins): never needed to rebuild the path. */
export function carriesText(event) {
  return event.visibility === 'private' || event.visibility === 'group';
}

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `{programId: events[]}` -> suspend_data text (ASCII only, so length = characters = bytes). */
export async function encodeState(programs) {
  const json = JSON.stringify({ v: 1, p: programs });
  const compressed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return STATE_PREFIX + toBase64(compressed);
}

/**
 * suspend_data text -> `{programId: events[]}`. Empty text is an empty state; anything else that
 * is not this format throws (the caller tells the learner instead of guessing).
 */
export async function decodeState(text) {
  if (!text) return {};
  if (!text.startsWith(STATE_PREFIX)) throw new Error('suspend_data is not in the Kollega format');
  const bytes = await pipe(fromBase64(text.slice(STATE_PREFIX.length)), new DecompressionStream('deflate-raw'));
  const state = JSON.parse(new TextDecoder().decode(bytes));
  if (state?.v !== 1 || typeof state.p !== 'object' || state.p === null) throw new Error('suspend_data has an unknown version');
  for (const events of Object.values(state.p)) if (!Array.isArray(events)) throw new Error('suspend_data is damaged');
  return state.p;
}

/**
 * Picks what to write: every event if it fits in `limit` characters; else every event but the
 * ones that carry texts (the path, status and score can still be rebuilt); else nothing new
 * (the previous suspend_data stays — never a cut-off state).
 * @returns {Promise<{keep: string, text: string|null}>}
 */
export async function fitState(programs, limit) {
  const all = await encodeState(programs);
  if (all.length <= limit) return { keep: KEEP.all, text: all };
  const progressOnly = Object.fromEntries(Object.entries(programs).map(([id, events]) => [id, events.filter((e) => !carriesText(e))]));
  const progress = await encodeState(progressOnly);
  if (progress.length <= limit) return { keep: KEEP.progress, text: progress };
  return { keep: KEEP.previous, text: null };
}

/**
 * Events in memory, written to suspend_data through `write(text)` after every put.
 * `onFit(keep)` hears what the last write kept (KEEP.*), so the host can warn.
 */
export class ScormStore {
  #programs;
  #limit;
  #write;
  #onFit;
  #queue = Promise.resolve();

  /**
   * @param {{programs?: object, limit: number, write: (text: string) => void, onFit: (keep: string) => void}} options
   */
  constructor({ programs = {}, limit, write, onFit }) {
    this.#programs = new Map(Object.entries(programs).map(([id, events]) => [id, new Map(events.map((e) => [e.id, e]))]));
    this.#limit = limit;
    this.#write = write;
    this.#onFit = onFit;
  }

  warmUp() {}

  /** Every event of one program, in no particular order. */
  async list(programId) {
    return [...(this.#programs.get(programId)?.values() ?? [])];
  }

  /** Keeps an event (the first copy of an id wins) and writes suspend_data (resolves when written). */
  async put(programId, event) {
    let events = this.#programs.get(programId);
    if (!events) this.#programs.set(programId, (events = new Map()));
    if (events.has(event.id)) return;
    events.set(event.id, event);
    // Writes in order, each with the state at its turn.
    const run = this.#queue.then(() => this.#persist());
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Nobody else writes to this learner's suspend_data while the SCO runs. */
  subscribe() {
    return () => {};
  }

  close() {}

  /** The state as `{programId: events[]}`. */
  snapshot() {
    return Object.fromEntries([...this.#programs].map(([id, events]) => [id, [...events.values()]]));
  }

  async #persist() {
    const { keep, text } = await fitState(this.snapshot(), this.#limit);
    if (text !== null) this.#write(text);
    this.#onFit(keep);
  }
}
