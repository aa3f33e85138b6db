/**
 * The SCORM runtime shared by 1.2 and 2004 (docs/scorm.md): finding the LMS's API object,
 * calling it with its error codes, the time formats, and the host that <kollega-app> uses.
 * The version files (scorm12.js, scorm2004.js) only describe their data model.
 */
import { KollegaError } from '../core/kollega-error.js';
import { Translator } from '../i18n/translator.js';
import { hostCatalogs } from './i18n/index.js';
import { KEEP, ScormStore, decodeState } from './scorm-store.js';

/**
 * The API object `name` (`API` or `API_1484_11`): this window and up to `maxLevels` parents,
 * then the opener and its parents, then the top window's opener and its parents (the ADL
 * discovery algorithm). Frames of another origin are skipped, not fatal.
 */
export function findApi(start, name, maxLevels) {
  const climb = (win) => {
    for (let level = 0; win && level <= maxLevels; level++) {
      try {
        if (win[name]) return win[name];
      } catch {
        // another origin: its properties are out of reach, its parent is not
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  };
  const openers = () => {
    try {
      return [start.opener, start.top?.opener];
    } catch {
      return [];
    }
  };
  let found = climb(start);
  for (const opener of openers()) if (!found && opener) found = climb(opener);
  return found;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` (hours 2–4 digits, at most 9999:59:59.99). */
export function cmiTimespan(ms) {
  const cs = Math.min(Math.max(0, Math.round(ms / 10)), 9999 * 360000 + 359999);
  const hours = Math.floor(cs / 360000);
  const minutes = Math.floor(cs / 6000) % 60;
  const seconds = cs % 6000;
  return `${pad(hours)}:${pad(minutes)}:${pad(Math.floor(seconds / 100))}.${pad(seconds % 100)}`;
}

/** SCORM 2004 timeinterval (ISO 8601 duration), e.g. `PT1H2M3.45S`, centisecond precision. */
export function isoDuration(ms) {
  const cs = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(cs / 360000);
  const minutes = Math.floor(cs / 6000) % 60;
  const seconds = (cs % 6000) / 100;
  let text = 'PT';
  if (hours) text += `${hours}H`;
  if (minutes) text += `${minutes}M`;
  if (seconds || text === 'PT') text += `${seconds}S`;
  return text;
}

/** SCORM 1.2 CMITime `HH:MM:SS` (the learner's local time of day) of an RFC 3339 moment. */
export function cmiTime(iso) {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** SCORM 2004 time(second,10,0): UTC, at most two decimals of a second. */
export function cmiTimestamp(iso) {
  return new Date(iso).toISOString().replace(/(\.\d\d)\d*Z$/, '$1Z');
}

/** A number as CMIDecimal / real(10,7) text: at most `digits` decimals, never an exponent. */
export function cmiDecimal(value, digits = 2) {
  const factor = 10 ** digits;
  return String(Math.round(value * factor) / factor);
}

/** One LMS API object with the method names of its version; errors come back as values. */
export class ScormConnection {
  #api;
  #m;

  constructor(api, methods) {
    this.#api = api;
    this.#m = methods;
  }

  #call(method, ...args) {
    return String(this.#api[this.#m[method]](...args));
  }

  /** `{code, text, diagnostic}` of the last call, or null when it succeeded (code 0). */
  lastError() {
    const code = this.#call('lastError');
    if (code === '0' || code === '') return null;
    return { code, text: this.#call('errorString', code), diagnostic: this.#call('diagnostic', code) };
  }

  #ok(result) {
    return result === 'true' ? null : this.lastError() ?? { code: '?', text: `answered ${result}`, diagnostic: '' };
  }

  initialize() {
    return this.#ok(this.#call('init', ''));
  }

  /** `{value, error}`; an element that was never set (2004 error 403) is an empty value, not an error. */
  get(element) {
    const value = this.#call('get', element);
    const error = this.lastError();
    return { value: error?.code === '403' ? '' : value, error: error?.code === '403' ? null : error };
  }

  set(element, value) {
    return this.#ok(this.#call('set', element, String(value)));
  }

  commit() {
    return this.#ok(this.#call('commit', ''));
  }

  finish() {
    return this.#ok(this.#call('finish', ''));
  }
}

/**
 * Starts a SCORM host for a data model (scorm12.js or scorm2004.js): finds and initialises the
 * API, reads the learner and suspend_data, and returns the host <kollega-app> uses
 * (plugin/src/hosts/select-host.js). Rejects with `host_failed` when there is no usable API.
 */
export async function startScormHost(model, { changed = () => {}, win = globalThis.window, now = () => Date.now() } = {}) {
  const api = findApi(win, model.apiName, model.maxLevels);
  if (!api || typeof api[model.methods.init] !== 'function') {
    throw new KollegaError(
      'host_failed',
      `No SCORM ${model.version} API (window.${model.apiName}) in this window, its parent frames or its opener: open the activity from the LMS.`,
      '',
    );
  }
  const lms = new ScormConnection(api, model.methods);
  const initError = lms.initialize();
  if (initError) {
    throw new KollegaError('host_failed', `${model.methods.init} failed: LMS error ${initError.code} ${initError.text} ${initError.diagnostic}`.trim(), '');
  }
  const startedAt = now();
  const notices = new Map();
  const written = new Map();
  let dirty = false;
  let terminated = false;

  const host = {
    learner: null,
    notices: [],
    store: null,
    onProgress,
    terminate,
    /** The LMS errors met so far (`{call, element, code, text, diagnostic}`), newest last. */
    errors: [],
  };

  function setNotice(code, level, key, params = {}) {
    if (level) notices.set(code, { code, level, text: (lang) => new Translator(lang, hostCatalogs).t(key, params) });
    else if (!notices.delete(code)) return;
    host.notices = [...notices.values()];
    changed();
  }

  function report(call, element, error, optional) {
    host.errors.push({ call, element, ...error });
    console.warn(`Kollega: SCORM ${call}(${element}) failed with LMS error ${error.code}: ${error.text} ${error.diagnostic}`.trim());
    if (!optional) setNotice('lms_error', 'error', 'notice.lmsError', { what: element || call, code: error.code, text: error.text });
  }

  function set(element, value, optional = false) {
    if (terminated) return false;
    if (written.get(element) === value) return true;
    const error = lms.set(element, value);
    if (error) {
      report(model.methods.set, element, error, optional);
      return false;
    }
    written.set(element, value);
    dirty = true;
    return true;
  }

  function commit(force = false) {
    if (terminated || (!dirty && !force)) return;
    const error = lms.commit();
    if (error) report(model.methods.commit, '', error, false);
    else dirty = false;
  }

  const read = (element) => {
    const { value, error } = lms.get(element);
    if (error) report(model.methods.get, element, error, false);
    return value;
  };

  host.learner = { id: read(model.learnerId), name: read(model.learnerName) };

  let programs = {};
  try {
    programs = await decodeState(read(model.suspendData));
  } catch (cause) {
    console.warn(`Kollega: ${model.suspendData} could not be read (${cause.message}); starting empty.`);
    setNotice('state_unreadable', 'warning', 'notice.stateUnreadable');
  }
  host.store = new ScormStore({
    programs,
    limit: model.suspendLimit,
    write: (text) => set(model.suspendData, text),
    onFit: (keep) => {
      setNotice('texts_not_kept', keep === KEEP.progress ? 'warning' : null, 'notice.textsNotKept');
      setNotice('state_not_kept', keep === KEEP.previous ? 'warning' : null, 'notice.stateNotKept');
    },
  });
  // Keep the attempt open when the window closes: the path runs for weeks and the learner
  // comes back to it, so the LMS must give back suspend_data next time.
  set(model.exit[0], model.exit[1]);

  const count = lms.get(model.interactionCount);
  let nextInteraction = count.error ? -1 : Number.parseInt(count.value, 10) || 0;
  if (count.error) report(model.methods.get, model.interactionCount, count.error, true);
  let reported = null;

  /** Status, score and interactions of the path view; commits when anything changed. */
  function onProgress(view) {
    if (terminated || !view?.grade) return;
    for (const [element, value] of model.progress(view)) set(element, value);
    const done = view.steps.filter((step) => step.status === 'done');
    if (!reported) {
      // Steps already done at the first view were reported in the sessions that did them.
      reported = new Set(done.map((step) => step.id));
    }
    for (const step of done) {
      if (reported.has(step.id)) continue;
      reported.add(step.id);
      if (nextInteraction < 0) continue;
      const ok = model.interaction(nextInteraction, step, view.program.id).every(([element, value]) => set(element, value, true));
      nextInteraction = ok ? nextInteraction + 1 : -1; // an LMS without interactions: stop trying
    }
    commit();
  }

  /** Session time, a last commit and the end of the LMS session (idempotent). */
  function terminate() {
    if (terminated) return;
    const [element, value] = model.sessionTime(now() - startedAt);
    set(element, value);
    commit(true);
    const error = lms.finish();
    if (error) report(model.methods.finish, '', error, false);
    terminated = true;
  }

  return host;
}
