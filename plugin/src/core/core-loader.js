// The learner's core: <kollega-app> and the admin page. Imports only the learner module's glue
// (kollega-core.mjs, built from src/wasm/learner_bindings.cpp).
import createCoreModule from '../../../build/wasm/kollega-core.mjs';
import { makeLoader } from './core-client.js';

export { KollegaCore, KollegaError } from './core-client.js';
export const { loadCore, defaultWasmUrl } = makeLoader(createCoreModule, 'kollega-core.wasm', import.meta.url);
