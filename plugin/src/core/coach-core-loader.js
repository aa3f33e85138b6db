// The coach's core: <kollega-coach>. Its module (kollega-coach-core.mjs, built from
// src/wasm/coach_bindings.cpp) adds the cohort view and the exports to the learner's functions.
import createCoachModule from '../../../build/wasm/kollega-coach-core.mjs';
import { makeLoader } from './core-client.js';

export { KollegaCore, KollegaError } from './core-client.js';
export const { loadCore, defaultWasmUrl } = makeLoader(createCoachModule, 'kollega-coach-core.wasm', import.meta.url);
