// The group solver's Web Worker (bundled as kollega-groups-worker.js, a module worker): it owns
// the kollega-groups wasm module and runs a GroupsJob in slices, posting progress between slices
// and answering `cancel` with the best schedule so far. Protocol: docs/groups-view.md.
import createGroupsModule from '../../../build/wasm/kollega-groups.mjs';
import { runSolve, errorEnvelope } from './solve-loop.js';

let modulePromise = null;
let job = null;
let running = null;

/** Loads the module once; `wasmUrl` (absolute) overrides the file next to this script. */
function loadModule(wasmUrl) {
  modulePromise ??= createGroupsModule({
    locateFile: (file) => (file.endsWith('.wasm') ? wasmUrl || new URL('kollega-groups.wasm', import.meta.url).href : file),
    printErr: (text) => console.warn('[kollega-groups]', text),
  }).catch((cause) => {
    modulePromise = null;
    throw cause;
  });
  return modulePromise;
}

function post(message) {
  self.postMessage(message);
}

self.onmessage = async ({ data }) => {
  const { type, id } = data ?? {};
  try {
    if (type === 'init') {
      const module = await loadModule(data.wasmUrl);
      const version = JSON.parse(module.version());
      post({ type: 'ready', version: version.ok ? version.value : version });
    } else if (type === 'parseRoster') {
      const module = await loadModule(data.wasmUrl);
      post({ type: 'roster', id, envelope: JSON.parse(module.parseRoster(String(data.text ?? ''))) });
    } else if (type === 'solve') {
      const module = await loadModule(data.wasmUrl);
      if (running) running.cancelled = true;
      job?.delete?.();
      job = null;
      const state = { id, cancelled: false };
      running = state;
      await runSolve(module, data, state, post, (made) => (job = made));
      if (running === state) running = null;
    } else if (type === 'cancel') {
      if (running && running.id === id) running.cancelled = true;
    } else if (type === 'check') {
      if (!job) post({ type: 'result', id, reason: 'check', envelope: errorEnvelope('no_result', 'There is no job to check the schedule with.') });
      else post({ type: 'result', id, reason: 'check', envelope: JSON.parse(job.explain(JSON.stringify(data.schedule ?? []), data.lang ?? 'en')) });
    } else if (type === 'explain') {
      if (!job) post({ type: 'result', id, reason: 'explain', envelope: errorEnvelope('no_result', 'There is no result to explain yet.') });
      else post({ type: 'result', id, reason: 'explain', envelope: JSON.parse(job.result(data.lang ?? 'en')) });
    }
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (type === 'init' || !modulePromise) post({ type: 'failed', id, error: { code: 'wasm_load_failed', message, path: '' } });
    else post({ type: 'result', id, reason: 'error', envelope: errorEnvelope('core_protocol', message) });
  }
};
