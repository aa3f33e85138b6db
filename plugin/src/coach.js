/**
 * Kollega coach entry (`kollega-coach.js`): defines <kollega-coach>, the coach's dashboard of a
 * cohort. A separate bundle, so a learner's first load (kollega.js + the wasm) does not grow.
 * Safe to load twice, and next to kollega.js: each element is defined only once.
 */
import { KollegaCoach, EXPORT_FORMATS } from './kollega-coach/kollega-coach.js';

export { KollegaCoach, EXPORT_FORMATS };
export { KollegaCore, KollegaError, loadCore } from './core/coach-core-loader.js';

if (!customElements.get('kollega-coach')) customElements.define('kollega-coach', KollegaCoach);
