import { KollegaError } from './kollega-error.js';

export { KollegaError };


function toJsonText(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Groups are optional: absent (null, undefined, '') is the empty string the core expects. */
function optionalJsonText(value) {
  return value == null || value === '' ? '' : toJsonText(value);
}

/** The module's function `name`, or a core_protocol error when this wasm predates it. */
function coreFunction(module, name) {
  const fn = module[name];
  if (typeof fn !== 'function') throw new KollegaError('core_protocol', `This kollega-core.wasm has no ${name}; rebuild the core.`, '');
  return fn;
}

/**
 * Calls a core function and returns its result text. The contract says nothing is ever thrown
 * across the boundary; if something is (an escaped C++ exception arrives as a bare number), it
 * still becomes a KollegaError rather than a stray value.
 */
export function call(fn, ...args) {
  try {
    return fn(...args);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : `exception ${String(cause)}`;
    throw new KollegaError('internal', `The core failed unexpectedly: ${detail}`, '', { cause });
  }
}

/** One problem of validateProgram with every field present (severity defaults to error). */
function normalizeProblem(problem) {
  return {
    code: String(problem?.code ?? 'unknown'),
    message: String(problem?.message ?? ''),
    path: String(problem?.path ?? ''),
    severity: problem?.severity === 'warning' ? 'warning' : 'error',
  };
}

/** Parses a core result string and returns its value, or throws a KollegaError. */
export function unwrap(resultText) {
  let result;
  try {
    result = JSON.parse(resultText);
  } catch (cause) {
    throw new KollegaError('core_protocol', `The core returned text that is not JSON: ${String(resultText).slice(0, 80)}`, '', { cause });
  }
  if (result && result.ok === true) return result.value;
  const error = result?.error ?? {};
  const problems = Array.isArray(error.problems) && error.problems.length ? error.problems : undefined;
  throw new KollegaError(error.code ?? 'unknown', error.message ?? 'Unknown core error', error.path ?? '', { problems });
}

/** A thin wrapper over the wasm module: JSON in, plain values out, KollegaError on failure. */
export class KollegaCore {
  #module;

  /** @param {object} module an instantiated Emscripten module exporting the core API */
  constructor(module) {
    this.#module = module;
  }

  /** `{core, schemaVersion}` of the loaded core. */
  version() {
    return unwrap(call(this.#module.version));
  }

  /**
   * The learner's path state.
   * @param {string|object} program program JSON text (preferred: errors then carry byte offsets) or object
   * @param {string|object[]} events the event log (array or its JSON text)
   * @param {string} actor the learner id
   * @param {string} lang `en`, `sv`, `nb` or `nl`
   * @param {string} [now] the current time (RFC 3339); dates in unlock rules are compared with it.
   *   Defaults to this device's clock.
   */
  pathView(program, events, actor, lang, now = new Date().toISOString()) {
    const m = this.#module;
    return unwrap(call(m.pathView, toJsonText(program), toJsonText(events), String(actor), String(lang), String(now)));
  }

  /**
   * Checks a program and reports every problem: `{valid, problems: [{code, message, path, severity}]}`,
   * `valid` when no problem is an error. An invalid program (even text that is not JSON) is an
   * answer, not a failure: this throws only if the core's reply itself is broken.
   * @param {string|object} program program JSON text (preferred: `invalid_json` then gives line and column) or object
   */
  validateProgram(program) {
    const m = this.#module;
    if (typeof m.validateProgram !== 'function') {
      throw new KollegaError('core_protocol', 'This kollega-core.wasm has no validateProgram; rebuild the core.', '');
    }
    const resultText = call(m.validateProgram, toJsonText(program));
    let result;
    try {
      result = JSON.parse(resultText);
    } catch (cause) {
      throw new KollegaError('core_protocol', `The core returned text that is not JSON: ${String(resultText).slice(0, 80)}`, '', { cause });
    }
    if (result?.ok === true && result.value && Array.isArray(result.value.problems)) {
      const problems = result.value.problems.map(normalizeProblem);
      return { valid: !problems.some((p) => p.severity === 'error'), problems };
    }
    if (result?.ok === false && result.error?.code) {
      // Tolerated for robustness: a core that answers a broken program with an error envelope.
      const list = Array.isArray(result.error.problems) && result.error.problems.length ? result.error.problems : [result.error];
      return { valid: false, problems: list.map(normalizeProblem) };
    }
    throw new KollegaError('core_protocol', `The core's validateProgram reply has no problems list: ${String(resultText).slice(0, 80)}`, '');
  }

  /**
   * The event that completes `stepId`, built and checked by the core (not stored).
   * @param {string} eventId a fresh UUID
   * @param {string} at an ISO 8601 UTC time
   */
  completeStep(program, events, actor, stepId, eventId, at) {
    const args = [program, events].map(toJsonText).concat([actor, stepId, eventId, at].map(String));
    return unwrap(call(this.#module.completeStep, ...args));
  }

  /**
   * The coach's view of a cohort: `{program, steps, learners, groups, cohort, rejected}`
   * (docs/architecture.md). Roster errors carry a path such as `/roster/lines/4/email`.
   * @param {string|object} roster CSV text, JSON text or a `{learners: […]}` object
   * @param {string|object[]} events the event log (array, its JSON text, or JSON Lines)
   * @param {string|object|null} [groups] `{groups: [{id, members}]}` (object or text); none when absent
   * @param {string} [now] the current time (RFC 3339); defaults to this device's clock
   */
  cohortView(program, roster, events, groups, lang, now = new Date().toISOString()) {
    const fn = coreFunction(this.#module, 'cohortView');
    return unwrap(call(fn, toJsonText(program), toJsonText(roster), toJsonText(events), optionalJsonText(groups), String(lang), String(now)));
  }

  /**
   * One export file, built by the core: `{filename, mimeType, content}` (docs/events.md, "Exports").
   * @param {'moodle'|'canvas'|'csv'|'ags'|'xapi'} format
   * @param {object} [options] `{bom, moodleKey, audience, learner, homePage, lang, now}`
   */
  exportFile(format, program, roster, events, groups, options = {}) {
    const fn = coreFunction(this.#module, 'exportFile');
    const args = [program, roster, events].map(toJsonText);
    return unwrap(call(fn, String(format), ...args, optionalJsonText(groups), toJsonText(options ?? {})));
  }
}

/**
 * A loader for one Emscripten module: the learner's (core-loader.js) or the coach's
 * (coach-core-loader.js). Each bundle imports only its own glue, so the learner's first load
 * never carries the coach's code.
 * @param {(options: object) => Promise<object>} createModule the Emscripten factory
 * @param {string} wasmFile the .wasm file name, looked up next to the bundle by default
 * @param {string} bundleUrl `import.meta.url` of the loader module (the bundle, once built)
 */
export function makeLoader(createModule, wasmFile, bundleUrl) {
  /** Module-level cache: one load (fetch + compile + instantiate) per wasm URL per page. */
  const loads = new Map();

  /** The default wasm URL: `wasmFile` next to the bundle. */
  function defaultWasmUrl() {
    return new URL(wasmFile, bundleUrl).href;
  }

  async function instantiate(url, wasmBinary) {
    const options = {
      locateFile: (file) => (file.endsWith('.wasm') ? url : file),
      // Emscripten logs load failures itself; keep them as warnings, the element shows the alert.
      printErr: (text) => console.warn('[kollega-core]', text),
    };
    if (wasmBinary) options.wasmBinary = wasmBinary;
    try {
      const module = await createModule(options);
      return new KollegaCore(module);
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      throw new KollegaError('wasm_load_failed', `Could not load the core from ${url}: ${detail}`, '', { cause });
    }
  }

  /**
   * Loads the core once per wasm URL. Several elements on a page share the same promise.
   * @param {{wasmUrl?: string, wasmBinary?: ArrayBuffer|Uint8Array}} [options]
   *   `wasmBinary` skips the fetch (Node has no fetch for file paths in the 3.1.6 glue).
   * @returns {Promise<KollegaCore>}
   */
  function loadCore({ wasmUrl, wasmBinary } = {}) {
    const url = wasmUrl ? new URL(wasmUrl, globalThis.document?.baseURI ?? bundleUrl).href : defaultWasmUrl();
    const key = wasmBinary ? `binary:${url}` : url;
    let load = loads.get(key);
    if (!load) {
      load = instantiate(url, wasmBinary);
      loads.set(key, load);
      // A failed load is not cached, so a retry (e.g. after the admin fixes the upload) can succeed.
      load.catch(() => loads.delete(key));
    }
    return load;
  }

  return { loadCore, defaultWasmUrl };
}
