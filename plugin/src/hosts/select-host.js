import { KollegaError } from '../core/kollega-error.js';

/**
 * Host adapters (docs/hosts.md): `<kollega-app host="…">` picks where events live and where
 * progress goes. `generic` (the default) is the browser's own IndexedDB (LocalStore) and needs
 * no bundle; every other host is a separate bundle next to kollega.js, fetched only when asked
 * for, so the generic page's first load does not carry any LMS code.
 *
 * A host bundle exports `createHost(name, options)` resolving to
 * `{ store, learner: {id, name}, notices, onProgress(pathView), terminate() }`:
 * - `store` has the LocalStore interface (warmUp, list, put, subscribe);
 * - `notices` is an array of `{code, level: 'info'|'warning'|'error', text(lang)}` the element shows
 *   (info as a polite status, warnings and errors as alerts);
 *   the host calls `options.changed()` when it changes;
 * - `onProgress(pathView)` is called after every path refresh (status, score, commit);
 * - `terminate()` ends the LMS session (idempotent); select-host calls it on pagehide/unload.
 * `options`: `{element, changed}` — the <kollega-app> (a host may give it the LMS's language
 * when it has no `lang` of its own) and the callback for a changed `notices` list.
 */
export const HOST_BUNDLES = Object.freeze({
  scorm12: 'kollega-scorm.js',
  scorm2004: 'kollega-scorm.js',
  cmi5: 'kollega-cmi5.js',
});

/** True when `name` asks for an LMS host rather than the generic page's local store. */
export function isHosted(name) {
  return Boolean(name) && name !== 'generic';
}

/**
 * Loads and starts the host `name`. `options.hostUrl` overrides the bundle's URL (default: the
 * file of HOST_BUNDLES next to the script that contains this module).
 * @returns {Promise<object>} the host
 */
export async function selectHost(name, options = {}) {
  const file = HOST_BUNDLES[name];
  if (!file) {
    throw new KollegaError('host_failed', `host="${name}" is not one of generic, ${Object.keys(HOST_BUNDLES).join(', ')}.`, '');
  }
  const url = options.hostUrl || new URL(file, import.meta.url).href;
  let module;
  try {
    module = await import(/* webpackIgnore: true */ url);
  } catch (cause) {
    throw new KollegaError('host_failed', `Could not load ${url}: ${cause?.message ?? cause}`, '', { cause });
  }
  const host = await module.createHost(name, options);
  const end = () => host.terminate();
  addEventListener('pagehide', end);
  addEventListener('unload', end);
  return host;
}
