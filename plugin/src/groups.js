/**
 * Kollega group formation entry (`kollega-groups.js`): defines <kollega-groups>, the admin's view
 * for forming learning groups and pairs. Its solver runs in a Web Worker
 * (`kollega-groups-worker.js`, loading `kollega-groups.wasm`), both next to this file. A separate
 * bundle, so neither the learner's first load nor the coach's page grows. Safe to load twice.
 */
import { KollegaGroups, EFFORTS, MODES } from './kollega-groups/kollega-groups.js';

export { KollegaGroups, EFFORTS, MODES };
export { KollegaError } from './core/kollega-error.js';

if (!customElements.get('kollega-groups')) customElements.define('kollega-groups', KollegaGroups);
