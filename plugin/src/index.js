/**
 * Kollega plugin entry: defines <kollega-app>. Safe to load twice on one page (two copies of the
 * script, e.g. two course blocks): the second copy finds the element defined and does nothing.
 */
import { KollegaApp } from './kollega-app/kollega-app.js';

export { KollegaApp };
export { KollegaCore, KollegaError, loadCore } from './core/core-loader.js';
export { LocalStore } from './store/local-store.js';
export { MemoryStore } from './store/memory-store.js';

if (!customElements.get('kollega-app')) customElements.define('kollega-app', KollegaApp);
