// The session module (build/wasm/kollega-session.{mjs,wasm}, docs/sessions.md): loaded only
// when a learner opens a session, a form, the goals or the schedule, never in the first load.
import createSessionModule from '../../../build/wasm/kollega-session.mjs';
import { KollegaError, call, unwrap } from '../core/core-client.js';

const json = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

/** JSON in, plain values out, KollegaError on failure: the session module's functions. */
export class SessionCore {
  #module;

  constructor(module) {
    this.#module = module;
  }

  #call(name, ...args) {
    const fn = this.#module[name];
    if (typeof fn !== 'function') throw new KollegaError('core_protocol', `This kollega-session.wasm has no ${name}; rebuild it.`, '');
    return unwrap(call(fn, ...args.map((a) => (typeof a === 'number' ? a : json(a)))));
  }

  /** A session's first state (docs/sessions.md, "Functions"). */
  sessionStart(program, activityId, members, events, sessionNumber, lang, now) {
    return this.#call('sessionStart', program, activityId, members, events, sessionNumber, lang, now);
  }

  /** The state after one action (`{type: 'start'|'pause'|…}`). */
  sessionAct(state, action, now) {
    return this.#call('sessionAct', state, action, now);
  }

  /** What to show now: the current slot, its timer and overtime, roles, fair time. */
  sessionView(state, now) {
    return this.#call('sessionView', state, now);
  }

  /** The events of an ended session: `{events: [...]}`. */
  sessionEvents(state, ids, at) {
    return this.#call('sessionEvents', state, ids, at);
  }

  /** An observation's form: fields, who sees each answer, the balance rule. */
  feedbackForm(program, activityId, lang) {
    return this.#call('feedbackForm', program, activityId, lang);
  }

  /** A checked `feedback.given` event, or a KollegaError with every problem. */
  feedbackEvent(program, activityId, answers, actor, to, eventId, at) {
    return this.#call('feedbackEvent', program, activityId, answers, actor, to, eventId, at);
  }

  rolePlayView(program, activityId, state, lang) {
    return this.#call('rolePlayView', program, activityId, state, lang);
  }

  rolePlayAct(program, activityId, state, action) {
    return this.#call('rolePlayAct', program, activityId, state, action);
  }

  rolePlayEvents(program, activityId, state, ids, at) {
    return this.#call('rolePlayEvents', program, activityId, state, ids, at);
  }

  goalsView(program, events, actor, now, lang) {
    return this.#call('goalsView', program, events, actor, now, lang);
  }

  occurrences(cadence, startLocal, tz, count) {
    return this.#call('occurrences', String(cadence), String(startLocal), tz, count);
  }

  calendarIcs(program, request) {
    return this.#call('calendarIcs', program, request);
  }

  /** `{reminders: [{kind, at, about, ref, title}]}` from now on, sorted by time. */
  reminders(program, request, events) {
    return this.#call('reminders', program, request, events);
  }
}

const loads = new Map();

/** Loads the session module once per URL (default: kollega-session.wasm next to this bundle). */
export function loadSessionCore(wasmUrl = new URL('kollega-session.wasm', import.meta.url).href) {
  let load = loads.get(wasmUrl);
  if (!load) {
    load = createSessionModule({
      locateFile: (file) => (file.endsWith('.wasm') ? wasmUrl : file),
      printErr: (text) => console.warn('[kollega-session]', text),
    }).then(
      (module) => new SessionCore(module),
      (cause) => {
        throw new KollegaError('wasm_load_failed', `Could not load the session module from ${wasmUrl}: ${cause?.message ?? cause}`, '', { cause });
      },
    );
    loads.set(wasmUrl, load);
    load.catch(() => loads.delete(wasmUrl));
  }
  return load;
}
